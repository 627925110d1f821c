import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { authRouter } from './routers/auth.ts';
import { consoleRouter } from './routers/console/index.ts';
import { fitmentRouter } from './routers/fitment.ts';
import { garageRouter } from './routers/garage.ts';
import { inquiriesRouter } from './routers/inquiries.ts';
import { listingsRouter } from './routers/listings.ts';
import { liveRouter } from './routers/live.ts';
import { notificationsRouter } from './routers/notifications.ts';
import { savedSearchesRouter, watchlistRouter } from './routers/saved.ts';
import { photosRouter } from './routers/photos.ts';
import { placesRouter } from './routers/places.ts';
import { purchasesRouter } from './routers/purchases.ts';
import { ratingsRouter } from './routers/ratings.ts';
import { usersRouter } from './routers/users.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  listings: listingsRouter,
  purchases: purchasesRouter,
  fitment: fitmentRouter,
  garage: garageRouter,
  photos: photosRouter,
  ratings: ratingsRouter,
  inquiries: inquiriesRouter,
  console: consoleRouter,
  live: liveRouter,
  notifications: notificationsRouter,
  savedSearches: savedSearchesRouter,
  watchlist: watchlistRouter,
  places: placesRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);

/** One procedure of a caller by its dotted name (`listings.search`), for doors that route by name. */
export function procedureOf(caller: ReturnType<typeof createCaller>, path: string): (input: unknown) => Promise<unknown> {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
}
