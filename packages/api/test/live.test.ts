import { closeDb, events, openDb, partListings, type Db } from '@carparts/db';
import { eq, gt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../src/root.ts';
import type { LiveEvent } from '../src/services/live.ts';
import { collectNotifications } from '../src/services/notifications.ts';
import { contextFor, makeWorld, useTestApi, type TestEnv, type User } from './helpers.ts';

const env = useTestApi();

type Subscriber = { events: LiveEvent[]; stop: () => void; next: (count: number, ms?: number) => Promise<LiveEvent[]> };

/** Subscribes through the router's caller, as the HTTP doors do, and gathers what arrives. */
async function subscribe(open: (caller: ReturnType<typeof createCaller>) => Promise<AsyncIterable<unknown>>, user: User | null, db: Db = env.db): Promise<Subscriber> {
  const closing = new AbortController();
  const caller = createCaller({ ...contextFor(env as TestEnv, user), db }, { signal: closing.signal });
  const stream = await open(caller);
  const received: LiveEvent[] = [];
  let arrived: (() => void) | undefined;
  void (async () => {
    for await (const envelope of stream) {
      received.push((envelope as [string, LiveEvent])[1]);
      arrived?.();
    }
  })().catch(() => undefined);
  return {
    events: received,
    stop: () => closing.abort(),
    /** Waits until `count` events have arrived in all, or `ms` pass. */
    async next(count, ms = 2_000) {
      const until = Date.now() + ms;
      while (received.length < count && Date.now() < until) await new Promise<void>((resolve) => ((arrived = resolve), setTimeout(resolve, 50)));
      return received;
    },
  };
}

const types = (list: LiveEvent[]) => list.map((e) => e.type);
const latestEventId = async () => (await env.db.select({ id: events.id }).from(events)).reduce((max, e) => Math.max(max, e.id), 0);

describe('the outbox', () => {
  it('writes an event per change in the same transaction, naming its objects by id and nothing more', async () => {
    const w = await makeWorld(env);
    const before = await latestEventId();
    const listing = await w.seller.caller.listings.create({ title: 'Octavia II door handle', partCategory: 'body_panels', condition: 'used_good', priceCents: 2500, currency: 'EUR', vehicleMake: 'Skoda', vehicleModel: 'Octavia' });
    await w.seller.caller.listings.update({ id: listing.id, expectedVersion: 1, priceCents: 2200 });
    const question = await w.buyer.caller.inquiries.create({ listingId: listing.id, message: 'Chrome or black?' });
    await w.seller.caller.inquiries.reply({ inquiryId: question.id, message: 'Black.' });
    const purchase = await w.buyer.caller.purchases.reserve({ listingId: listing.id });
    await w.seller.caller.purchases.complete({ purchaseId: purchase.id });
    await w.buyer.caller.ratings.create({ purchaseId: purchase.id, rating: 5 });
    const written = await env.db.select().from(events).where(gt(events.id, before));
    expect(types(written.map((e) => ({ ...e, id: String(e.id), at: e.at.toISOString() })))).toEqual([
      'listing.created',
      'listing.updated',
      'inquiry.created',
      'inquiry.replied',
      'listing.status_changed',
      'purchase.reserved',
      'purchase.completed',
      'listing.status_changed',
      'rating.created',
    ]);
    expect(written.find((e) => e.type === 'inquiry.created')).toMatchObject({ listingId: listing.id, buyerId: w.buyer.user.id, sellerId: w.seller.user.id, data: { inquiryId: question.id, listingId: listing.id } });
    expect(written.filter((e) => e.type === 'listing.status_changed').map((e) => e.data)).toEqual([
      { listingId: listing.id, from: 'active', to: 'reserved' },
      { listingId: listing.id, from: 'reserved', to: 'sold' },
    ]);
    expect(JSON.stringify(written)).not.toMatch(/Chrome or black|Black\.|@|\+1 555/);
    expect(written.map((e) => e.id)).toEqual([...written.map((e) => e.id)].sort((a, b) => a - b));
  });

  it('writes nothing for a change that is rolled back or refused', async () => {
    const w = await makeWorld(env);
    const before = await latestEventId();
    await expect(
      env.db.transaction(async (tx) => {
        await tx.update(partListings).set({ status: 'withdrawn' }).where(eq(partListings.id, w.spare.id));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await w.buyer.caller.purchases.reserve({ listingId: w.spare.id });
    await expect(w.otherBuyer.caller.purchases.reserve({ listingId: w.spare.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    const written = await env.db.select().from(events).where(gt(events.id, before));
    expect(types(written.map((e) => ({ ...e, id: String(e.id), at: e.at.toISOString() })))).toEqual(['listing.status_changed', 'purchase.reserved']);
    expect(written.every((e) => e.buyerId === null || e.buyerId === w.buyer.user.id)).toBe(true);
  });
});

describe('live streams', () => {
  it('delivers each event to those who may see it, and to no one else', async () => {
    const w = await makeWorld(env);
    const publicPage = await subscribe((c) => c.live.listing({ id: w.spare.id }), null);
    const buyersPage = await subscribe((c) => c.live.listing({ id: w.spare.id }), w.buyer.user);
    const sellerMine = await subscribe((c) => c.live.mine(), w.seller.user);
    const buyerMine = await subscribe((c) => c.live.mine(), w.buyer.user);
    const otherBuyerMine = await subscribe((c) => c.live.mine(), w.otherBuyer.user);
    const otherSellerMine = await subscribe((c) => c.live.mine(), w.otherSeller.user);
    const operators = await subscribe((c) => c.live.console(), w.operator.user);

    const question = await w.buyer.caller.inquiries.create({ listingId: w.spare.id, message: 'Any rust?' });
    await w.seller.caller.inquiries.reply({ inquiryId: question.id, message: 'None.' });
    await w.buyer.caller.purchases.reserve({ listingId: w.spare.id });

    await sellerMine.next(4);
    await buyerMine.next(3);
    await publicPage.next(1);
    await buyersPage.next(4);
    await operators.next(4);
    // the seller hears of their own listing's changes too
    expect(types(sellerMine.events)).toEqual(['inquiry.created', 'inquiry.replied', 'listing.status_changed', 'purchase.reserved']);
    expect(types(buyerMine.events)).toEqual(['inquiry.created', 'inquiry.replied', 'purchase.reserved']);
    expect(types(publicPage.events)).toEqual(['listing.status_changed']);
    expect(publicPage.events[0]!.data).toEqual({ listingId: w.spare.id, from: 'active', to: 'reserved' });
    expect(types(buyersPage.events)).toEqual(['inquiry.created', 'inquiry.replied', 'listing.status_changed', 'purchase.reserved']);
    expect(types(operators.events)).toEqual(['inquiry.created', 'inquiry.replied', 'listing.status_changed', 'purchase.reserved']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(otherBuyerMine.events).toEqual([]);
    expect(otherSellerMine.events).toEqual([]);
    for (const s of [publicPage, buyersPage, sellerMine, buyerMine, otherBuyerMine, otherSellerMine, operators]) s.stop();
  });

  it('carries a notification, and its reading, to its person\'s stream only (not to the other party, nor the console)', async () => {
    const w = await makeWorld(env);
    await collectNotifications(env.db, { emailDelayMs: 3_600_000 });
    const sellerMine = await subscribe((c) => c.live.mine(), w.seller.user);
    const buyerMine = await subscribe((c) => c.live.mine(), w.buyer.user);
    const otherSellerMine = await subscribe((c) => c.live.mine(), w.otherSeller.user);
    const operators = await subscribe((c) => c.live.console(), w.operator.user);
    await w.buyer.caller.inquiries.create({ listingId: w.spare.id, message: 'Any rust?' });
    await collectNotifications(env.db, { emailDelayMs: 3_600_000 });
    await w.seller.caller.notifications.markRead({ all: true });

    await sellerMine.next(3);
    await buyerMine.next(1);
    await operators.next(1);
    expect(types(sellerMine.events)).toEqual(['inquiry.created', 'notification.created', 'notification.read']);
    expect(sellerMine.events[1]!.data).toMatchObject({ kind: 'question' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(types(buyerMine.events)).toEqual(['inquiry.created']);
    expect(types(operators.events)).toEqual(['inquiry.created']);
    expect(otherSellerMine.events).toEqual([]);
    for (const s of [sellerMine, buyerMine, otherSellerMine, operators]) s.stop();
  });

  it('tells the public once that a listing was withdrawn, then stops, while its seller keeps hearing', async () => {
    const w = await makeWorld(env);
    const publicPage = await subscribe((c) => c.live.listing({ id: w.listing.id }), null);
    const sellersPage = await subscribe((c) => c.live.listing({ id: w.listing.id }), w.seller.user);
    await w.seller.caller.listings.setStatus({ id: w.listing.id, status: 'withdrawn' });
    await w.seller.caller.listings.update({ id: w.listing.id, expectedVersion: 2, priceCents: 999 }).catch(async () => {
      const [row] = await env.db.select({ version: partListings.version }).from(partListings).where(eq(partListings.id, w.listing.id));
      return w.seller.caller.listings.update({ id: w.listing.id, expectedVersion: row!.version, priceCents: 999 });
    });
    await sellersPage.next(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(types(publicPage.events)).toEqual(['listing.status_changed']);
    expect(types(sellersPage.events)).toEqual(['listing.status_changed', 'listing.updated']);
    // and a new visitor may not even start to listen
    await expect(createCaller(contextFor(env, null)).live.listing({ id: w.listing.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    publicPage.stop();
    sellersPage.stop();
  });

  it('resumes after the last event a client saw: what it missed, in order, and nothing twice', async () => {
    const w = await makeWorld(env);
    const first = await subscribe((c) => c.live.mine(), w.seller.user);
    const a = await w.buyer.caller.inquiries.create({ listingId: w.listing.id, message: 'One' });
    await first.next(1);
    first.stop();
    const lastSeen = first.events.at(-1)!.id;
    await w.seller.caller.inquiries.reply({ inquiryId: a.id, message: 'Two' });
    await w.buyer.caller.inquiries.reply({ inquiryId: a.id, message: 'Three' });
    const resumed = await subscribe((c) => c.live.mine({ lastEventId: lastSeen }), w.seller.user);
    await w.seller.caller.inquiries.close({ inquiryId: a.id });
    await resumed.next(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(types(first.events)).toEqual(['inquiry.created']);
    expect(types(resumed.events)).toEqual(['inquiry.replied', 'inquiry.replied', 'inquiry.closed']);
    const ids = resumed.events.map((e) => Number(e.id));
    expect(ids[0]).toBeGreaterThan(Number(lastSeen));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    resumed.stop();
  });

  it('reaches a subscriber of another connection (another process) that writes nothing itself', async () => {
    const w = await makeWorld(env);
    const elsewhere = await openDb(env.t.url);
    try {
      const remote = await subscribe((c) => c.live.listing({ id: w.listing.id }), null, elsewhere);
      await w.seller.caller.listings.update({ id: w.listing.id, expectedVersion: 1, priceCents: 4321 });
      await remote.next(1);
      expect(remote.events).toEqual([expect.objectContaining({ type: 'listing.updated', data: expect.objectContaining({ priceCents: 4321 }) })]);
      remote.stop();
    } finally {
      closeDb(elsewhere);
    }
  });

  it('ends a stream whose session ended', async () => {
    const w = await makeWorld(env);
    const closing = new AbortController();
    const caller = createCaller({ ...contextFor(env, w.buyer.user), session: { id: w.buyer.token.split('.')[0]!, userId: w.buyer.user.id, createdAt: env.now(), lastVerifiedAt: env.now(), expiresAt: new Date(env.now().getTime() + 3_600_000) } }, { signal: closing.signal });
    const stream = (await caller.live.mine())[Symbol.asyncIterator]();
    await w.operator.caller.console.suspendUser({ userId: w.buyer.user.id, reason: 'Chargeback fraud' });
    env.clock.offsetMs += 10_000;
    const pending = stream.next();
    // an event for the suspended buyer wakes the stream, which checks the session before delivering anything
    await w.seller.caller.inquiries.reply({ inquiryId: w.inquiry.id, message: 'Still there?' });
    try {
      await expect(Promise.race([pending, new Promise((resolve) => setTimeout(() => resolve('timeout'), 3_000))])).resolves.toMatchObject({ done: true });
    } finally {
      env.clock.offsetMs -= 10_000;
      closing.abort();
    }
  });
});

describe('the outbox over time', () => {
  it('prunes events past their retention, and never hands out an id again', async () => {
    const w = await makeWorld(env);
    const { pruneEvents } = await import('../src/services/live.ts');
    const newest = await latestEventId();
    expect(await pruneEvents(env.db, new Date(Date.now() + 60_000), 0)).toBeGreaterThan(0);
    expect(await env.db.select().from(events)).toEqual([]);
    await w.seller.caller.listings.setStatus({ id: w.listing.id, status: 'withdrawn' });
    expect((await env.db.select().from(events))[0]!.id).toBeGreaterThan(newest);
  });
});

describe('stream limits', () => {
  it('refuses a person more than 20 open streams, and gives one back when a stream closes', async () => {
    const { STREAM_LIMITS } = await import('../src/routers/live.ts');
    const w = await makeWorld(env);
    const open: Subscriber[] = [];
    for (let i = 0; i < STREAM_LIMITS.perUser; i++) open.push(await subscribe((c) => c.live.mine(), w.buyer.user));
    await expect(subscribe((c) => c.live.mine(), w.buyer.user)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // someone else is not affected
    const other = await subscribe((c) => c.live.mine(), w.otherBuyer.user);
    open.pop()!.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await subscribe((c) => c.live.mine(), w.buyer.user);
    for (const s of [...open, other, again]) s.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
  });
});
