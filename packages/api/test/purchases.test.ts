import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { purchases } from '@carparts/db';
import { findListing, makeListing } from '@carparts/db/testing';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expireReservations } from '../src/services/purchases.ts';
import { callerFor, makeWorld, outcome, signedIn, useTestApi } from './helpers.ts';

const env = useTestApi();

describe('reservations and sales', () => {
  it('reserve → complete: the listing is sold, the buyer can rate, and the deal keeps the price it was reserved at', async () => {
    const w = await makeWorld(env);
    const reserved = await w.buyer.caller.purchases.reserve({ listingId: w.spare.id });
    expect(reserved).toMatchObject({ status: 'reserved', priceCents: 5_000, buyerId: w.buyer.user.id, sellerId: w.seller.user.id });
    expect((await findListing(env.db, w.spare.id))?.status).toBe('reserved');
    await w.seller.caller.listings.update({ id: w.spare.id, expectedVersion: 1, priceCents: 9_999 });

    // while the deal is live each party sees the other's phone number
    const asBuyer = await w.buyer.caller.purchases.mine({ status: 'reserved' });
    expect(asBuyer.items.find((p) => p.id === reserved.id)?.counterpart.phoneNumber).toBe(w.seller.user.phoneNumber);

    const completed = await w.seller.caller.purchases.complete({ purchaseId: reserved.id });
    expect(completed).toMatchObject({ status: 'completed', priceCents: 5_000 });
    expect((await findListing(env.db, w.spare.id))?.status).toBe('sold');
    const after = await w.buyer.caller.purchases.mine({});
    expect(after.items.find((p) => p.id === reserved.id)?.counterpart.phoneNumber).toBeNull();
    const rating = await w.buyer.caller.ratings.create({ purchaseId: reserved.id, rating: 4, reviewText: 'As described' });
    expect(rating).toMatchObject({ rating: 4, isVerifiedPurchase: true });
  });

  it('cancel by either party puts the listing back on sale', async () => {
    const w = await makeWorld(env);
    const cancelled = await w.seller.caller.purchases.cancel({ purchaseId: w.reservation.id, reason: 'Buyer never showed up' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Buyer never showed up' });
    expect((await findListing(env.db, w.reservedListing.id))?.status).toBe('active');
    await expect(w.buyer.caller.purchases.cancel({ purchaseId: w.reservation.id })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('refuses listings that are reserved, sold or hidden with clear codes', async () => {
    const w = await makeWorld(env);
    await expect(w.otherBuyer.caller.purchases.reserve({ listingId: w.reservedListing.id })).rejects.toMatchObject({ code: 'CONFLICT', message: 'Someone else has just reserved this part' });
    await expect(w.otherBuyer.caller.purchases.reserve({ listingId: w.soldListing.id })).rejects.toMatchObject({ code: 'CONFLICT', message: 'This part has already been sold' });
    await w.seller.caller.listings.setStatus({ id: w.spare.id, status: 'withdrawn' });
    await expect(w.otherBuyer.caller.purchases.reserve({ listingId: w.spare.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('twenty buyers racing for one listing: exactly one wins, the rest get CONFLICT', async () => {
    const seller = await signedIn(env, 'seller');
    const buyers = await Promise.all(Array.from({ length: 20 }, () => signedIn(env, 'buyer')));
    for (let round = 0; round < 5; round++) {
      const listing = await makeListing(env.db, { sellerId: seller.user.id });
      const results = await Promise.all(buyers.map((b) => outcome(() => b.caller.purchases.reserve({ listingId: listing.id }))));
      expect(results.filter((r) => r === 'OK')).toHaveLength(1);
      expect(results.filter((r) => r === 'CONFLICT')).toHaveLength(19);
      const live = await env.db.select().from(purchases).where(and(eq(purchases.partListingId, listing.id), eq(purchases.status, 'reserved')));
      expect(live).toHaveLength(1);
    }
  });

  it('separate processes racing on one database file: exactly one reservation', async () => {
    const seller = await signedIn(env, 'seller');
    const listing = await makeListing(env.db, { sellerId: seller.user.id });
    const buyers = await Promise.all(Array.from({ length: 4 }, () => signedIn(env, 'buyer')));
    const script = new URL('./fixtures/race-reserve.ts', import.meta.url).pathname;
    const run = promisify(execFile);
    const outputs = await Promise.all(
      buyers.map((b) => run(process.execPath, ['--import', 'tsx', script, env.t.url, listing.id, b.user.id], { cwd: new URL('..', import.meta.url).pathname, timeout: 60_000 })),
    );
    const results = outputs.flatMap((o) => JSON.parse(o.stdout.trim().split('\n').at(-1)!) as string[]);
    expect(results).toHaveLength(12);
    expect(results.filter((r) => r === 'OK')).toHaveLength(1);
    expect(results.filter((r) => r === 'CONFLICT')).toHaveLength(11);
    expect((await findListing(env.db, listing.id))?.status).toBe('reserved');
  }, 90_000);

  it('a reservation lapses after its time: the listing is for sale again and the seller can no longer complete it', async () => {
    const w = await makeWorld(env);
    const reserved = await w.buyer.caller.purchases.reserve({ listingId: w.spare.id });
    env.clock.offsetMs = env.config.reservationTtlMs + 60_000;
    try {
      await expect(w.seller.caller.purchases.complete({ purchaseId: reserved.id })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
      expect((await findListing(env.db, w.spare.id))?.status).toBe('active');
      const stored = await env.db.query.purchases.findFirst({ where: eq(purchases.id, reserved.id) });
      expect(stored?.status).toBe('expired');
      // and another buyer can now reserve it
      await expect(w.otherBuyer.caller.purchases.reserve({ listingId: w.spare.id })).resolves.toMatchObject({ status: 'reserved' });
    } finally {
      env.clock.offsetMs = 0;
    }
  });

  it('the sweeper expires stale reservations in bulk and is idempotent', async () => {
    const w = await makeWorld(env);
    const later = new Date(Date.now() + 2 * 3_600_000);
    expect(await expireReservations(env.db, later)).toBeGreaterThanOrEqual(1);
    expect((await findListing(env.db, w.reservedListing.id))?.status).toBe('active');
    expect(await expireReservations(env.db, later)).toBe(0);
  });

  it("a suspended seller's listings are hidden from shoppers and cannot be reserved, and come back on reinstatement", async () => {
    const w = await makeWorld(env);
    const anon = callerFor(env, null);
    const inSearch = async () => (await anon.listings.search({ sellerId: w.seller.user.id, limit: 50 })).items.map((i) => i.id);
    expect(await inSearch()).toContain(w.spare.id);

    await w.operator.caller.console.suspendUser({ userId: w.seller.user.id, reason: 'Selling stolen parts' });
    expect(await inSearch()).toEqual([]);
    const counts = await anon.listings.search({ sellerId: w.seller.user.id });
    expect(Object.values(counts.categoryCounts ?? {}).reduce((a, b) => a + b, 0)).toBe(0);
    await expect(anon.listings.get({ id: w.spare.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(w.buyer.caller.purchases.reserve({ listingId: w.spare.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await findListing(env.db, w.spare.id))?.status).toBe('active');
    // operators still see it, and are told why shoppers do not
    expect(await w.operator.caller.listings.get({ id: w.spare.id })).toMatchObject({ id: w.spare.id, sellerSuspended: true });

    await w.operator.caller.console.suspendUser({ userId: w.seller.user.id, suspend: false, reason: 'Cleared after review' });
    expect(await inSearch()).toContain(w.spare.id);
    await expect(w.buyer.caller.purchases.reserve({ listingId: w.spare.id })).resolves.toMatchObject({ status: 'reserved' });
  });

  it('caps the reservations one buyer can hold at once', async () => {
    const seller = await signedIn(env, 'seller');
    const buyer = await signedIn(env, 'buyer');
    const listings = await Promise.all(Array.from({ length: 6 }, () => makeListing(env.db, { sellerId: seller.user.id })));
    const results = [];
    for (const l of listings) results.push(await outcome(() => buyer.caller.purchases.reserve({ listingId: l.id })));
    expect(results).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'TOO_MANY_REQUESTS']);
  });
});
