import { callTRPCProcedure, type inferRouterInputs, type inferRouterOutputs } from '@trpc/server';
import type { ApiContext } from './context.ts';
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

/** The router's procedures by dotted name (`listings.search`), as tRPC keeps them at run time. */
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } } | undefined>;

/** The kind of the procedure at a dotted name, or undefined when there is none. */
export const procedureType = (path: string) => procedures[path]?._def.type;

/**
 * Calls the procedure at a dotted name for doors that route by name (REST, the direct GET path): the same middleware
 * chain, input schema and authorization as tRPC's own handler, which calls procedures the same way; a caller would
 * also build a proxy per property read on every call. An unknown name fails as NOT_FOUND.
 */
export function callProcedureAt(ctx: ApiContext, path: string, input: unknown, signal?: AbortSignal): Promise<unknown> {
  return callTRPCProcedure({ router: appRouter, path, type: procedureType(path) ?? 'query', ctx, getRawInput: async () => input, signal, batchIndex: 0 });
}
