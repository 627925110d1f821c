import { invalidateUserSessions } from '@carparts/auth';
import { auditLog, inquiries, partListings, purchases, readerOf, sellerRatings, userSearchExpression, users, type DbOrTx, type ReadDb } from '@carparts/db';
import { DomainError, type Role } from '@carparts/domain';
import { and, count, desc, eq, inArray, sql, type AnyColumn, type Placeholder, type SQL } from 'drizzle-orm';
import { recordAudit, type OperatorCtx } from './audit.ts';
import { sellerColumns, type ListingSeller } from './listing-rows.ts';
import { timeOrdered, toPage } from './paging.ts';
import { prepared } from './prepared.ts';
import { locationOf } from './places.ts';
import { fitmentRecordOf, sellerFitmentRecordJson } from './fitment.ts';
import { qualified } from './json-rows.ts';

type UserRow = typeof users.$inferSelect;

/** What anyone may see of an account. Email and phone are never part of it. */
export function publicUser(u: Pick<UserRow, 'id' | 'username' | 'displayName' | 'role' | 'createdAt'>) {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, memberSince: u.createdAt };
}

/** What the owner (and operators) see of an account. */
export function ownUser(u: UserRow) {
  return {
    ...publicUser(u),
    email: u.email,
    /** Whether the owner confirmed `email`: until then it receives no email but the confirmation link. */
    emailConfirmed: u.emailConfirmedAt !== null,
    phoneNumber: u.phoneNumber,
    status: u.status,
    /** Where the person is: the seller's parts are there, and a buyer's searches measure distance from it. */
    location: locationOf(u),
  };
}

export interface RatingSummary {
  average: number | null;
  count: number;
  verifiedCount: number;
}

/** A seller's rating summary from the counts kept on the seller's row and the average its schema works out from them. */
export function ratingSummaryOf(seller: Pick<UserRow, 'ratingCount' | 'ratingAverage' | 'verifiedRatingCount'>): RatingSummary {
  if (seller.ratingCount === 0) return emptyRatingSummary;
  return { average: seller.ratingAverage, count: seller.ratingCount, verifiedCount: seller.verifiedRatingCount };
}

const ratingSummaryColumns = {
  ratingCount: users.ratingCount,
  ratingAverage: users.ratingAverage,
  verifiedRatingCount: users.verifiedRatingCount,
};

export async function ratingSummary(db: ReadDb, sellerId: string): Promise<RatingSummary> {
  const [row] = await db.select(ratingSummaryColumns).from(users).where(eq(users.id, sellerId));
  return row ? ratingSummaryOf(row) : emptyRatingSummary;
}

export const emptyRatingSummary: RatingSummary = { average: null, count: 0, verifiedCount: 0 };

const RESPONSE_WINDOW_MS = 90 * 24 * 3_600_000;

/** A seller's public profile: who they are, their ratings and how reliably they answer questions. */
export async function sellerProfile(db: DbOrTx, sellerId: string, now: Date) {
  const [seller] = await readerOf(db).select(sellerColumns).from(users).where(and(eq(users.id, sellerId), eq(users.role, 'seller')));
  if (!seller) throw new DomainError('NOT_FOUND', 'Seller not found');
  return sellerProfileOf(db, seller, now);
}

/**
 * What anyone may see of many sellers, from one statement: name, member since, rating summary and active listings
 * (the counts kept on their rows). Ids that are not sellers are absent from the map.
 */
export async function sellersByIds(db: DbOrTx, ids: readonly string[]) {
  const rows = ids.length ? await readerOf(db).select(sellerColumns).from(users).where(and(inArray(users.id, [...ids]), eq(users.role, 'seller'))) : [];
  return new Map(rows.map((s) => [s.id, { ...publicUser(s), suspended: s.status === 'suspended', ratings: ratingSummaryOf(s), activeListings: s.activeListingCount, ...sellerTrustOf(s) }]));
}

/** What tells a buyer a seller is worth dealing with, kept on the seller's row: sales, answers, verification. */
export function sellerTrustOf(seller: Pick<ListingSeller, 'completedSalesCount' | 'responseMedianMs' | 'verifiedBusinessAt'>) {
  return {
    completedSales: seller.completedSalesCount,
    /** The median wait for a first answer over the last 100 answered questions, in minutes; null before any. */
    medianResponseMinutes: seller.responseMedianMs === null ? null : Math.max(1, Math.round(seller.responseMedianMs / 60_000)),
    /** An operator confirmed this seller is the business it says it is. */
    verifiedBusiness: seller.verifiedBusinessAt !== null,
  };
}

/** A seller's inquiries of the last 90 days and how many they answered, as a JSON value `[asked, answered]`. */
export const inquiryAnswersJson = (sellerId: AnyColumn, since: SQL | Placeholder) =>
  sql<string>`(SELECT json_array(count(*), count(${qualified(inquiries.firstRepliedAt)})) FROM ${inquiries} WHERE ${qualified(inquiries.sellerId)} = ${qualified(sellerId)} AND ${qualified(inquiries.createdAt)} >= ${since})`;

/** Where {@link inquiryAnswersJson} starts counting. */
export const inquiryAnswersSince = (now: Date) => now.getTime() - RESPONSE_WINDOW_MS;

/** The profile of a seller whose row the caller has already read. */
export async function sellerProfileOf(db: DbOrTx, seller: ListingSeller, now: Date) {
  const reader = readerOf(db);
  const found = await prepared(reader, 'seller-profile-counts', () =>
    reader
      .select({ answers: inquiryAnswersJson(users.id, sql.placeholder('since')), fitmentRecord: sellerFitmentRecordJson(users.id) })
      .from(users)
      .where(eq(users.id, sql.placeholder('sellerId'))),
  ).get({ sellerId: seller.id, since: inquiryAnswersSince(now) });
  return sellerProfileFrom(seller, found ?? { answers: '[0,0]', fitmentRecord: '[0,0]' });
}

/** The profile from the seller's row and the counts read beside it ({@link inquiryAnswersJson}, {@link sellerFitmentRecordJson}). */
export function sellerProfileFrom(seller: ListingSeller, counts: { answers: string; fitmentRecord: string }) {
  const [asked, answered] = JSON.parse(counts.answers) as [number, number];
  return {
    ...publicUser(seller),
    suspended: seller.status === 'suspended',
    ratings: ratingSummaryOf(seller),
    /** Share of the last 90 days' inquiries the seller answered; null before anyone asked. */
    responseRate: asked > 0 ? Math.round((answered / asked) * 100) / 100 : null,
    activeListings: seller.activeListingCount,
    ...sellerTrustOf(seller),
    /** The seller's town and country (never the postal code or an address); null when not given. */
    location: seller.city && seller.country ? { city: seller.city, country: seller.country } : null,
    /** How often buyers who reported after a completed purchase confirmed the vehicles the seller's rows claimed. */
    fitmentRecord: fitmentRecordOf(counts.fitmentRecord),
  };
}

export async function consoleUsers(db: DbOrTx, input: { q?: string; role?: Role; status?: 'active' | 'suspended'; sort?: 'newest' | 'oldest'; cursor?: string; limit: number }) {
  const paging = timeOrdered(users.createdAt, users.id, input.cursor, input.sort);
  const needle = input.q?.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .select()
    .from(users)
    .where(
      and(
        needle ? sql`${userSearchExpression} LIKE ${`%${needle}%`} ESCAPE '\\'` : undefined,
        input.role ? eq(users.role, input.role) : undefined,
        input.status ? eq(users.status, input.status) : undefined,
        paging.after,
      ),
    )
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit, (r) => ({ time: r.createdAt, id: r.id }), paging.order);
  return { nextCursor: page.nextCursor, items: page.items.map((u) => ({ ...ownUser(u), suspendedAt: u.suspendedAt, suspendedReason: u.suspendedReason })) };
}

export async function consoleUserDetail(db: DbOrTx, userId: string) {
  const user = await db.query.users.findFirst({ where: eq(users.id, userId) });
  if (!user) throw new DomainError('NOT_FOUND', 'User not found');
  const [listingCounts, purchaseCounts, given, history] = await Promise.all([
    db.select({ status: partListings.status, n: count() }).from(partListings).where(eq(partListings.sellerId, userId)).groupBy(partListings.status),
    db.select({ status: purchases.status, n: count() }).from(purchases).where(eq(purchases.buyerId, userId)).groupBy(purchases.status),
    db.select().from(sellerRatings).where(eq(sellerRatings.buyerId, userId)).orderBy(desc(sellerRatings.createdAt)).limit(20),
    db.select().from(auditLog).where(eq(auditLog.targetId, userId)).orderBy(desc(auditLog.createdAt)).limit(20),
  ]);
  return {
    user: { ...ownUser(user), suspendedAt: user.suspendedAt, suspendedReason: user.suspendedReason, verifiedBusinessAt: user.verifiedBusinessAt },
    listingsByStatus: Object.fromEntries(listingCounts.map((r) => [r.status, r.n])),
    purchasesByStatus: Object.fromEntries(purchaseCounts.map((r) => [r.status, r.n])),
    ratingsGiven: given.map((r) => ({ id: r.id, sellerId: r.sellerId, rating: r.rating, reviewText: r.reviewText, createdAt: r.createdAt })),
    ratingsReceived: user.ratingCount ? ratingSummaryOf(user) : null,
    auditTrail: history,
  };
}

export async function setUserRole(ctx: OperatorCtx, input: { userId: string; role: Role; reason: string }) {
  if (input.userId === ctx.user.id) throw new DomainError('FORBIDDEN', 'You cannot change your own role');
  return ctx.db.transaction(async (tx) => {
    const user = await tx.query.users.findFirst({ where: eq(users.id, input.userId) });
    if (!user) throw new DomainError('NOT_FOUND', 'User not found');
    if (user.role === input.role) return ownUser(user);
    const [row] = await tx.update(users).set({ role: input.role, updatedAt: ctx.now() }).where(eq(users.id, user.id)).returning();
    // a change of privilege starts a new session (OWASP session management)
    await invalidateUserSessions(tx, user.id);
    await recordAudit(tx, ctx, { action: 'user.setRole', targetType: 'user', targetId: user.id, reason: input.reason, before: { role: user.role }, after: { role: input.role } });
    return ownUser(row!);
  });
}

export async function suspendUser(ctx: OperatorCtx, input: { userId: string; suspend: boolean; reason: string }) {
  if (input.userId === ctx.user.id) throw new DomainError('FORBIDDEN', 'You cannot suspend yourself');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const user = await tx.query.users.findFirst({ where: eq(users.id, input.userId) });
    if (!user) throw new DomainError('NOT_FOUND', 'User not found');
    const status = input.suspend ? 'suspended' : 'active';
    const [row] = await tx
      .update(users)
      .set(input.suspend ? { status, suspendedAt: now, suspendedReason: input.reason, updatedAt: now } : { status, suspendedAt: null, suspendedReason: null, updatedAt: now })
      .where(eq(users.id, user.id))
      .returning();
    if (input.suspend) await invalidateUserSessions(tx, user.id);
    await recordAudit(tx, ctx, {
      action: input.suspend ? 'user.suspend' : 'user.reinstate',
      targetType: 'user',
      targetId: user.id,
      reason: input.reason,
      before: { status: user.status },
      after: { status },
    });
    return { ...ownUser(row!), suspendedAt: row!.suspendedAt, suspendedReason: row!.suspendedReason };
  });
}


/** An operator marks a seller as a verified business, or takes the mark back (audited, with the reason). */
export async function verifySeller(ctx: OperatorCtx, input: { userId: string; verified: boolean; reason: string }) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const user = await tx.query.users.findFirst({ where: eq(users.id, input.userId) });
    if (!user) throw new DomainError('NOT_FOUND', 'User not found');
    if (user.role !== 'seller') throw new DomainError('BAD_REQUEST', 'Only a seller account can be verified as a business');
    const wasVerified = user.verifiedBusinessAt !== null;
    if (wasVerified === input.verified) return { ...ownUser(user), verifiedBusinessAt: user.verifiedBusinessAt };
    const [row] = await tx
      .update(users)
      .set({ verifiedBusinessAt: input.verified ? now : null, updatedAt: now })
      .where(eq(users.id, user.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: input.verified ? 'user.verifyBusiness' : 'user.unverifyBusiness',
      targetType: 'user',
      targetId: user.id,
      reason: input.reason,
      before: { verifiedBusiness: wasVerified },
      after: { verifiedBusiness: input.verified },
    });
    return { ...ownUser(row!), verifiedBusinessAt: row!.verifiedBusinessAt };
  });
}
