import { isSessionLive } from '@carparts/auth';
import { id, LIMITS } from '@carparts/domain';
import { tracked, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { ApiContext } from '../context.ts';
import { visibleListing } from '../services/listing-rows.ts';
import { liveEvents, type LiveEvent } from '../services/live.ts';
import { authedProcedure, operatorProcedure, publicProcedure } from '../trpc.ts';

/** Sent back by a reconnecting client (tRPC's `tracked` ids): the stream resumes after it. */
const resume = { lastEventId: z.string().max(20).nullish() };

/** How often a long stream asks whether its session still stands (signed out, suspended, re-roled: it ends). */
const SESSION_RECHECK_MS = 5_000;

function sessionStillLive(ctx: ApiContext) {
  let checkedAt = ctx.now().getTime();
  return async () => {
    if (!ctx.session || !ctx.user) return true;
    const now = ctx.now();
    if (now.getTime() - checkedAt < SESSION_RECHECK_MS) return true;
    checkedAt = now.getTime();
    return isSessionLive(ctx.db, ctx.session, ctx.user, now);
  };
}

async function* tracking(events: AsyncIterable<LiveEvent>) {
  for await (const event of events) yield tracked(event.id, event);
}

/**
 * Live updates over Server-Sent Events. Who may subscribe is checked before the stream starts (so a refusal is an
 * ordinary error); each event is then checked against the subscriber at delivery with the same visibility rules as
 * the queries, and carries its outbox id so a reconnecting client misses nothing.
 */
export const liveRouter = {
  /** One listing's changes, for its page: status, price, photos; a question or purchase on it for its parties. */
  listing: publicProcedure.input(z.strictObject({ id, ...resume })).subscription(async ({ ctx, input, signal }) => {
    await visibleListing(ctx.db, input.id, ctx.user);
    return tracking(liveEvents(ctx.db, ctx.user, { kind: 'listing', listingId: input.id }, { lastEventId: input.lastEventId, signal, stillAllowed: sessionStillLive(ctx) }));
  }),

  /** The changes of a page of listings (search results): a card that becomes reserved, sold or hidden, a new price. */
  listings: publicProcedure
    .input(z.strictObject({ ids: z.array(id).min(1).max(LIMITS.pageSize), ...resume }))
    .subscription(({ ctx, input, signal }) =>
      tracking(liveEvents(ctx.db, ctx.user, { kind: 'listings', listingIds: new Set(input.ids) }, { lastEventId: input.lastEventId, signal, stillAllowed: sessionStillLive(ctx) })),
    ),

  /** My purchases, questions and replies; my listings' reservations, questions, ratings and moderation. */
  mine: authedProcedure.input(z.strictObject(resume).optional()).subscription(({ ctx, input, signal }) =>
    tracking(liveEvents(ctx.db, ctx.user, { kind: 'mine' }, { lastEventId: input?.lastEventId, signal, stillAllowed: sessionStillLive(ctx) })),
  ),

  /** Operators: every change that may need a look (new listings and questions, fitment problems, moderation). */
  console: operatorProcedure.input(z.strictObject(resume).optional()).subscription(({ ctx, input, signal }) =>
    tracking(liveEvents(ctx.db, ctx.user, { kind: 'console' }, { lastEventId: input?.lastEventId, signal, stillAllowed: sessionStillLive(ctx) })),
  ),
} satisfies TRPCRouterRecord;
