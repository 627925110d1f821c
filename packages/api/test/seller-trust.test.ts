import { auditLog } from '@carparts/db';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { callerFor, makeWorld, outcome, useTestApi, type World } from './helpers.ts';

const env = useTestApi();
const MINUTE = 60_000;

const newListing = (w: World, title: string) =>
  w.seller.caller.listings.create({ title, partCategory: 'brakes', condition: 'used_good', priceCents: 2_000, currency: 'USD', vehicleMake: 'Mazda', vehicleModel: '3' });

describe('seller trust', () => {
  it('shows completed sales and the median wait for a first answer, kept as sales complete and questions are answered', async () => {
    const w = await makeWorld(env);
    const anon = callerFor(env, null);
    const before = await anon.users.profile({ userId: w.seller.user.id });
    // the world's seller has one completed sale to the first buyer and another to the second, and no answered question
    expect(before).toMatchObject({ completedSales: 2, medianResponseMinutes: null, verifiedBusiness: false });

    // three questions answered after 10, 30 and 120 minutes: the median is 30
    for (const [i, wait] of [10, 30, 120].entries()) {
      const listing = await newListing(w, `Mazda 3 brake pads ${i}`);
      const question = await w.buyer.caller.inquiries.create({ listingId: listing.id, message: 'Front or rear?' });
      env.clock.offsetMs += wait * MINUTE;
      await w.seller.caller.inquiries.reply({ inquiryId: question.id, message: 'Front.' });
      // a second answer does not move the first
      env.clock.offsetMs += 500 * MINUTE;
      await w.seller.caller.inquiries.reply({ inquiryId: question.id, message: 'Both sides included.' });
    }
    const listing = await newListing(w, 'Mazda 3 brake discs');
    const sale = await w.buyer.caller.purchases.reserve({ listingId: listing.id });
    await w.seller.caller.purchases.complete({ purchaseId: sale.id });
    const cancelled = await newListing(w, 'Mazda 3 brake hose');
    const reservation = await w.buyer.caller.purchases.reserve({ listingId: cancelled.id });
    await w.buyer.caller.purchases.cancel({ purchaseId: reservation.id });

    expect(await anon.users.profile({ userId: w.seller.user.id })).toMatchObject({ completedSales: 3, medianResponseMinutes: 30 });
    // the listing page carries the same
    expect((await anon.listings.get({ id: listing.id })).seller).toMatchObject({ completedSales: 3, medianResponseMinutes: 30, verifiedBusiness: false });
  });

  it('lets an operator mark a seller as a verified business and take it back, each audited with the reason', async () => {
    const w = await makeWorld(env);
    const anon = callerFor(env, null);
    await w.operator.caller.console.verifySeller({ userId: w.seller.user.id, verified: true, reason: 'Trade register entry checked' });
    expect(await anon.users.profile({ userId: w.seller.user.id })).toMatchObject({ verifiedBusiness: true });
    // twice is once: one audit entry
    await w.operator.caller.console.verifySeller({ userId: w.seller.user.id, verified: true, reason: 'Checked again' });
    await w.operator.caller.console.verifySeller({ userId: w.seller.user.id, verified: false, reason: 'Business closed' });
    expect(await anon.users.profile({ userId: w.seller.user.id })).toMatchObject({ verifiedBusiness: false });
    const audit = await env.db.select().from(auditLog).where(and(eq(auditLog.targetId, w.seller.user.id)));
    expect(audit.map((a) => [a.action, a.reason, a.actorId])).toEqual([
      ['user.verifyBusiness', 'Trade register entry checked', w.operator.user.id],
      ['user.unverifyBusiness', 'Business closed', w.operator.user.id],
    ]);
    await expect(w.operator.caller.console.verifySeller({ userId: w.buyer.user.id, reason: 'Looks legit' })).rejects.toThrow('Only a seller account can be verified as a business');
    // nobody but an operator may, least of all the seller
    expect(await outcome(() => w.seller.caller.console.verifySeller({ userId: w.seller.user.id, reason: 'Trust me' }))).toBe('FORBIDDEN');
  });
});
