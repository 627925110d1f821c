import { isSessionLive } from '@carparts/auth';
import { id, LIMITS } from '@carparts/domain';
import { TRPCError, tracked, type TRPCRouterRecord } from '@trpc/server';
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

/**
 * Open streams per signed-in person and per address, in this process: a browser needs a few, a script one. Many
 * people behind one address (an office, a carrier's NAT) may need more: `LIVE_STREAMS_PER_ADDRESS`.
 */
export const STREAM_LIMITS = { perUser: 20, perAddress: Number(process.env.LIVE_STREAMS_PER_ADDRESS) || 100 } as const;
const openStreams = new Map<string, number>();

/**
 * Counts a stream against its person and address for as long as it is open, or refuses it when either has too many
 * open already, so that one client cannot hold the server's connections and memory.
 */
function holdStream(ctx: ApiContext): () => void {
  const keys = [`address:${ctx.meta.clientAddress}`, ...(ctx.user ? [`user:${ctx.user.id}`] : [])];
  const over = keys.find((key) => (openStreams.get(key) ?? 0) >= (key.startsWith('user:') ? STREAM_LIMITS.perUser : STREAM_LIMITS.perAddress));
  if (over) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Too many live streams are open; close some and try again' });
  for (const key of keys) openStreams.set(key, (openStreams.get(key) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const key of keys) {
      const left = (openStreams.get(key) ?? 1) - 1;
      if (left > 0) openStreams.set(key, left);
      else openStreams.delete(key);
    }
  };
}

/**
 * The stream a subscription answers: counted from the moment it is granted (a refusal is an ordinary error, before
 * anything is streamed) until it ends, is closed, or is dropped without ever being read.
 */
function tracking(ctx: ApiContext, events: AsyncIterable<LiveEvent>) {
  const release = holdStream(ctx);
  const stream = (async function* () {
    try {
      for await (const event of events) yield tracked(event.id, event);
    } finally {
      release();
    }
  })();
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => stream.next(),
      return: (value?: unknown) => {
        release();
        return stream.return(value as never);
      },
      throw: (error?: unknown) => stream.throw(error),
    }),
  };
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
    return tracking(ctx, liveEvents(ctx.db, ctx.user, { kind: 'listing', listingId: input.id }, { lastEventId: input.lastEventId, signal, stillAllowed: sessionStillLive(ctx) }));
  }),

  /** The changes of a page of listings (search results): a card that becomes reserved, sold or hidden, a new price. */
  listings: publicProcedure
    .input(z.strictObject({ ids: z.array(id).min(1).max(LIMITS.pageSize), ...resume }))
    .subscription(({ ctx, input, signal }) =>
      tracking(ctx, liveEvents(ctx.db, ctx.user, { kind: 'listings', listingIds: new Set(input.ids) }, { lastEventId: input.lastEventId, signal, stillAllowed: sessionStillLive(ctx) })),
    ),

  /** My purchases, questions and replies; my listings' reservations, questions, ratings and moderation. */
  mine: authedProcedure.input(z.strictObject(resume).optional()).subscription(({ ctx, input, signal }) =>
    tracking(ctx, liveEvents(ctx.db, ctx.user, { kind: 'mine' }, { lastEventId: input?.lastEventId, signal, stillAllowed: sessionStillLive(ctx) })),
  ),

  /** Operators: every change that may need a look (new listings and questions, fitment problems, moderation). */
  console: operatorProcedure.input(z.strictObject(resume).optional()).subscription(({ ctx, input, signal }) =>
    tracking(ctx, liveEvents(ctx.db, ctx.user, { kind: 'console' }, { lastEventId: input?.lastEventId, signal, stillAllowed: sessionStillLive(ctx) })),
  ),
} satisfies TRPCRouterRecord;
