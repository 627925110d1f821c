import { auditLog, compatibilityLogs, inquiries } from '@carparts/db';
import { findListing } from '@carparts/db/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { callerFor, contextFor, makeWorld, outcome, useTestApi } from './helpers.ts';

const env = useTestApi();
const golf = { vehicleMake: 'vw', vehicleModel: 'GOLF', vehicleYear: 2014 };

describe('fitment', () => {
  it('records a check with the server-computed verdict, visible to its buyer and operators only', async () => {
    const w = await makeWorld(env);
    const log = await w.buyer.caller.fitment.check({ listingId: w.listing.id, ...golf, vinLast8: 'e1234567' });
    expect(log).toMatchObject({ fitmentStatus: 'fits', vinLast8: 'E1234567', vehicleMake: 'Volkswagen' });
    const mine = await w.buyer.caller.fitment.mine({});
    expect(mine.items.map((l) => l.id)).toContain(log.id);
    expect((await w.otherBuyer.caller.fitment.mine({})).items.map((l) => l.id)).not.toContain(log.id);
    const forOperator = await w.operator.caller.console.fitmentLogs({ listingId: w.listing.id });
    expect(forOperator.items.map((l) => l.id)).toContain(log.id);
  });

  it('turns a VIN year that disagrees into needs_review with a note naming both readings', async () => {
    const w = await makeWorld(env);
    await w.seller.caller.listings.update({ id: w.listing.id, expectedVersion: 1, vehicleYear: 2015 });
    const log = await w.buyer.caller.fitment.check({ listingId: w.listing.id, ...golf, vehicleYear: 2015, vinLast8: 'E1234567' });
    expect(log.fitmentStatus).toBe('needs_review');
    expect(log.notes).toContain('VIN year code E means 1984 or 2014, not 2015');
  });

  it('refuses a malformed VIN fragment with BAD_REQUEST naming vinLast8, and records nothing', async () => {
    const w = await makeWorld(env);
    for (const vinLast8 of ['E12345', 'EI234567', 'U1234567', 'E123456789']) {
      await expect(w.buyer.caller.fitment.check({ listingId: w.listing.id, ...golf, vinLast8 })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('vinLast8'),
      });
    }
    const logs = await env.db.select().from(compatibilityLogs).where(eq(compatibilityLogs.buyerId, w.buyer.user.id));
    expect(logs).toHaveLength(1); // the world's own log
  });

  it('previews without recording, for anyone', async () => {
    const w = await makeWorld(env);
    const preview = await callerFor(env, null).fitment.preview({ listingId: w.listing.id, vehicleMake: 'Audi', vehicleModel: 'A4', vehicleYear: 2014 });
    expect(preview.fitmentStatus).toBe('does_not_fit');
    const logs = await env.db.select().from(compatibilityLogs).where(eq(compatibilityLogs.partListingId, w.listing.id));
    expect(logs).toHaveLength(1);
  });
});

describe('ratings', () => {
  it('only after a completed purchase, once, 1–5, verified by the server', async () => {
    const w = await makeWorld(env);
    await expect(w.buyer.caller.ratings.create({ purchaseId: w.reservation.id, rating: 5 })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(w.buyer.caller.ratings.create({ purchaseId: w.sale.id, rating: 6 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('rating') });
    await expect(w.buyer.caller.ratings.create({ purchaseId: w.sale.id, rating: 5, isVerifiedPurchase: false } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const rating = await w.buyer.caller.ratings.create({ purchaseId: w.sale.id, rating: 5, reviewText: 'Great' });
    expect(rating.isVerifiedPurchase).toBe(true);
    await expect(w.buyer.caller.ratings.create({ purchaseId: w.sale.id, rating: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const forSeller = await callerFor(env, null).ratings.forSeller({ sellerId: w.seller.user.id });
    expect(forSeller.summary).toEqual({ average: 5, count: 1, verifiedCount: 1 });
    expect(forSeller.items[0]).toMatchObject({ rating: 5, reviewText: 'Great', buyerDisplayName: w.buyer.user.displayName });
  });

  it('two concurrent ratings of one purchase store one row', async () => {
    const w = await makeWorld(env);
    const results = await Promise.all([5, 4, 3].map((rating) => outcome(() => w.buyer.caller.ratings.create({ purchaseId: w.sale.id, rating }))));
    expect(results.sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
  });

  it("the seller's profile sums up ratings and response rate", async () => {
    const w = await makeWorld(env);
    await w.buyer.caller.ratings.create({ purchaseId: w.sale.id, rating: 4 });
    const profile = await callerFor(env, null).users.profile({ userId: w.seller.user.id });
    expect(profile).toMatchObject({ id: w.seller.user.id, ratings: { average: 4, count: 1, verifiedCount: 1 }, responseRate: 0 });
    expect(JSON.stringify(profile)).not.toContain(w.seller.user.email);
    await w.seller.caller.inquiries.reply({ inquiryId: w.inquiry.id, message: 'Yes, still here' });
    expect((await callerFor(env, null).users.profile({ userId: w.seller.user.id })).responseRate).toBe(1);
    await expect(callerFor(env, null).users.profile({ userId: w.buyer.user.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('inquiries', () => {
  it('open → replied → (buyer follows up) open → closed, readable by both parties only', async () => {
    const w = await makeWorld(env);
    const asked = await w.buyer.caller.inquiries.create({ listingId: w.spare.id, message: 'Is the connector intact?' });
    expect(asked.status).toBe('open');
    const inbox = await w.seller.caller.inquiries.mine({ as: 'seller', status: 'open' });
    expect(inbox.items.map((i) => i.id)).toContain(asked.id);
    const replied = await w.seller.caller.inquiries.reply({ inquiryId: asked.id, message: 'Yes, all clips intact.' });
    expect(replied.inquiry.status).toBe('replied');
    const followUp = await w.buyer.caller.inquiries.reply({ inquiryId: asked.id, message: 'Great, can you ship?' });
    expect(followUp.inquiry.status).toBe('open');
    const thread = await w.buyer.caller.inquiries.get({ inquiryId: asked.id });
    expect(thread.replies.map((r) => r.message)).toEqual(['Yes, all clips intact.', 'Great, can you ship?']);
    await expect(w.otherBuyer.caller.inquiries.get({ inquiryId: asked.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Inquiry not found' });
    await expect(w.otherSeller.caller.inquiries.reply({ inquiryId: asked.id, message: 'Buy mine instead' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const closed = await w.buyer.caller.inquiries.close({ inquiryId: asked.id });
    expect(closed.status).toBe('closed');
    await expect(w.seller.caller.inquiries.reply({ inquiryId: asked.id, message: 'Anything else?' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('cannot ask about a hidden or sold listing', async () => {
    const w = await makeWorld(env);
    await expect(w.buyer.caller.inquiries.create({ listingId: w.soldListing.id, message: 'Still there?' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await w.seller.caller.listings.setStatus({ id: w.spare.id, status: 'withdrawn' });
    await expect(w.buyer.caller.inquiries.create({ listingId: w.spare.id, message: 'Still there?' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(w.buyer.caller.inquiries.create({ listingId: w.listing.id, message: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('message') });
  });
});

describe('operator console', () => {
  it('removing a listing hides it from search, shows the seller the reason, cancels its reservation and is audited', async () => {
    const w = await makeWorld(env);
    await w.operator.caller.console.moderateListing({ id: w.reservedListing.id, action: 'remove', reason: 'Listing shows a stolen part' });
    expect((await findListing(env.db, w.reservedListing.id))?.status).toBe('removed');
    const reservation = await env.db.query.purchases.findFirst({ where: (p, { eq: e }) => e(p.id, w.reservation.id) });
    expect(reservation?.status).toBe('cancelled');
    await expect(callerFor(env, null).listings.get({ id: w.reservedListing.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const asSeller = await w.seller.caller.listings.get({ id: w.reservedListing.id });
    expect(asSeller).toMatchObject({ status: 'removed', moderationReason: 'Listing shows a stolen part' });
    const search = await callerFor(env, null).listings.search({ sellerId: w.seller.user.id });
    expect(search.items.map((i) => i.id)).not.toContain(w.reservedListing.id);

    const audit = await w.operator.caller.console.auditLog({ targetId: w.reservedListing.id });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ action: 'listing.remove', actorId: w.operator.user.id, reason: 'Listing shows a stolen part', before: { status: 'reserved' }, after: { status: 'removed' } });

    await w.operator.caller.console.moderateListing({ id: w.reservedListing.id, action: 'restore', reason: 'Seller proved ownership' });
    expect((await findListing(env.db, w.reservedListing.id))?.status).toBe('active');
    expect((await w.operator.caller.console.auditLog({ targetId: w.reservedListing.id })).items.map((e) => e.action)).toEqual(['listing.restore', 'listing.remove']);
  });

  it('an action whose audit row cannot be written does not happen', async () => {
    const w = await makeWorld(env);
    await env.db.$client.execute(`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END`);
    try {
      expect(await outcome(() => w.operator.caller.console.moderateListing({ id: w.listing.id, action: 'remove', reason: 'Testing failure' }))).toBe('INTERNAL_SERVER_ERROR');
      expect((await findListing(env.db, w.listing.id))?.status).toBe('active');
      expect(await outcome(() => w.operator.caller.console.suspendUser({ userId: w.buyer.user.id, reason: 'Testing failure' }))).toBe('INTERNAL_SERVER_ERROR');
      expect((await env.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.id, w.buyer.user.id) }))?.status).toBe('active');
    } finally {
      await env.db.$client.execute('DROP TRIGGER fail_audit');
    }
  });

  it('operators cannot change their own role or suspend themselves; role changes and suspensions are audited', async () => {
    const w = await makeWorld(env);
    await expect(w.operator.caller.console.setUserRole({ userId: w.operator.user.id, role: 'buyer', reason: 'Oops' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(w.operator.caller.console.suspendUser({ userId: w.operator.user.id, reason: 'Oops' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const promoted = await w.operator.caller.console.setUserRole({ userId: w.buyer.user.id, role: 'seller', reason: 'Opened a yard' });
    expect(promoted.role).toBe('seller');
    await w.operator.caller.console.suspendUser({ userId: w.otherBuyer.user.id, reason: 'Spam' });
    await w.operator.caller.console.suspendUser({ userId: w.otherBuyer.user.id, suspend: false, reason: 'Appeal accepted' });
    const entries = await env.db.select().from(auditLog).where(eq(auditLog.actorId, w.operator.user.id));
    expect(entries.map((e) => e.action).sort()).toEqual(['user.reinstate', 'user.setRole', 'user.suspend']);
  });

  it("filters the listing table with the storefront's filters plus status and seller, either way round in time", async () => {
    const w = await makeWorld(env);
    const seller = w.seller.user.id;
    const byStatus = await w.operator.caller.console.listings({ sellerId: seller, status: 'sold' });
    expect(byStatus.items.map((l) => l.id).sort()).toEqual([w.soldListing.id, w.fitmentReport.partListingId].sort());
    const golf = await w.operator.caller.console.listings({ sellerId: seller, make: 'vw', model: 'golf', year: 2014, conditions: ['used_good'], minPriceCents: 4_000, maxPriceCents: 6_000 });
    expect(golf.items.map((l) => l.id)).toEqual([w.listing.id]);
    const newest = await w.operator.caller.console.listings({ sellerId: seller });
    const oldest = await w.operator.caller.console.listings({ sellerId: seller, sort: 'oldest' });
    expect(oldest.items.map((l) => l.id)).toEqual([...newest.items].reverse().map((l) => l.id));
    await expect(w.operator.caller.console.listings({ sellerId: seller, sort: 'price' } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('surfaces unanswered inquiries and fitment problems, and marks logs reviewed', async () => {
    const w = await makeWorld(env);
    const open = await w.operator.caller.console.inquiries({ status: 'open', olderThanHours: 0 });
    expect(open.items.map((i) => i.id)).toContain(w.inquiry.id);
    await w.buyer.caller.fitment.check({ listingId: w.listing.id, vehicleMake: 'Audi', vehicleModel: 'A3', vehicleYear: 2014 });
    const problems = await w.operator.caller.console.fitmentProblems({});
    expect(problems.find((p) => p.listingId === w.listing.id)?.doesNotFit).toBeGreaterThanOrEqual(1);
    const reviewed = await w.operator.caller.console.reviewFitmentLog({ logId: w.fitmentLog.id, note: 'Vehicle data confirmed' });
    expect(reviewed.reviewNote).toBe('Vehicle data confirmed');
    await w.operator.caller.console.closeInquiry({ inquiryId: w.inquiry.id, reason: 'Abusive' });
    const closed = await env.db.select().from(inquiries).where(eq(inquiries.id, w.inquiry.id));
    expect(closed[0]?.status).toBe('closed');
    const stats = await w.operator.caller.console.stats({ window: 'day' });
    expect(stats.listingsByStatus.active).toBeGreaterThan(0);
  });
});

describe('accounts', () => {
  const account = (username: string, password: string) => ({ username, email: `${username}@example.test`, password, role: 'buyer' as const, displayName: username });

  it('takes long Unicode passphrases exactly as typed and refuses common, short or over-long ones', async () => {
    const anon = callerFor(env, null);
    const long = 'ñ'.repeat(99) + 'x' + '🚗'.repeat(50);
    await expect(anon.auth.signUp(account('unicode1', long))).resolves.toMatchObject({ user: { username: 'unicode1' } });
    await expect(anon.auth.signIn({ username: 'unicode1', password: long })).resolves.toMatchObject({ user: { username: 'unicode1' } });
    await expect(anon.auth.signIn({ username: 'unicode1', password: long.slice(0, 99) + 'y' + long.slice(100) })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(anon.auth.signUp(account('common1', 'password1'))).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('common') });
    await expect(anon.auth.signUp(account('short1', 'seven77'))).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('password') });
    await expect(anon.auth.signUp(account('long1', 'x'.repeat(257)))).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('password') });
    await expect(anon.auth.signUp({ ...account('operator1', 'a fine long password'), role: 'operator' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('a password change ends every other session and needs the current password', async () => {
    const anon = callerFor(env, null);
    await anon.auth.signUp(account('changer1', 'first long password'));
    const a = await anon.auth.signIn({ username: 'changer1', password: 'first long password', sessionIn: 'token' });
    const b = await anon.auth.signIn({ username: 'changer1', password: 'first long password', sessionIn: 'token' });
    const { validateSessionToken } = await import('@carparts/auth');
    const session = (await validateSessionToken(env.db, a.token!))!;
    const caller = (await import('../src/root.ts')).createCaller({ ...contextFor(env, null), user: session.user, session: session.session });
    await expect(caller.auth.changePassword({ currentPassword: 'wrong one!', newPassword: 'second long password' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const changed = await caller.auth.changePassword({ currentPassword: 'first long password', newPassword: 'second long password', sessionIn: 'token' });
    expect(await validateSessionToken(env.db, a.token!)).toBeNull();
    expect(await validateSessionToken(env.db, b.token!)).toBeNull();
    expect(await validateSessionToken(env.db, changed.token!)).not.toBeNull();
    await expect(anon.auth.signIn({ username: 'changer1', password: 'second long password' })).resolves.toBeDefined();
  });
});
