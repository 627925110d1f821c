import { invalidateUserSessions } from '@carparts/auth';
import { auditLog, inquiries, partListings, purchases, sellerRatings, userSearchExpression, users, type DbOrTx } from '@carparts/db';
import { DomainError, type Role } from '@carparts/domain';
import { and, count, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { recordAudit, type OperatorCtx } from './audit.ts';
import { timeOrdered, toPage } from './paging.ts';

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
    phoneNumber: u.phoneNumber,
    status: u.status,
    vehicle:
      u.vehicleMake && u.vehicleModel && u.vehicleYear
        ? { vehicleMake: u.vehicleMake, vehicleModel: u.vehicleModel, vehicleYear: u.vehicleYear, vinLast8: u.vehicleVinLast8 }
        : null,
  };
}

export interface RatingSummary {
  average: number | null;
  count: number;
  verifiedCount: number;
}

export async function ratingSummaries(db: DbOrTx, sellerIds: string[]): Promise<Map<string, RatingSummary>> {
  const summaries = new Map<string, RatingSummary>();
  if (sellerIds.length === 0) return summaries;
  const rows = await db
    .select({
      sellerId: sellerRatings.sellerId,
      average: sql<number>`avg(${sellerRatings.rating})`,
      count: count(),
      verifiedCount: sql<number>`sum(${sellerRatings.isVerifiedPurchase})`,
    })
    .from(sellerRatings)
    .where(inArray(sellerRatings.sellerId, [...new Set(sellerIds)]))
    .groupBy(sellerRatings.sellerId);
  for (const r of rows) {
    summaries.set(r.sellerId, { average: Math.round(r.average * 100) / 100, count: r.count, verifiedCount: Number(r.verifiedCount) });
  }
  return summaries;
}

export const emptyRatingSummary: RatingSummary = { average: null, count: 0, verifiedCount: 0 };

const RESPONSE_WINDOW_MS = 90 * 24 * 3_600_000;

/** A seller's public profile: who they are, their ratings and how reliably they answer questions. */
export async function sellerProfile(db: DbOrTx, sellerId: string, now: Date) {
  const seller = await db.query.users.findFirst({ where: and(eq(users.id, sellerId), eq(users.role, 'seller')) });
  if (!seller) throw new DomainError('NOT_FOUND', 'Seller not found');
  const since = new Date(now.getTime() - RESPONSE_WINDOW_MS);
  const [ratings, [asked], [active]] = await Promise.all([
    ratingSummaries(db, [sellerId]),
    db
      .select({ total: count(), answered: count(inquiries.firstRepliedAt) })
      .from(inquiries)
      .where(and(eq(inquiries.sellerId, sellerId), gte(inquiries.createdAt, since))),
    db
      .select({ n: count() })
      .from(partListings)
      .where(and(eq(partListings.sellerId, sellerId), eq(partListings.status, 'active'))),
  ]);
  return {
    ...publicUser(seller),
    suspended: seller.status === 'suspended',
    ratings: ratings.get(sellerId) ?? emptyRatingSummary,
    /** Share of the last 90 days' inquiries the seller answered; null before anyone asked. */
    responseRate: asked && asked.total > 0 ? Math.round((asked.answered / asked.total) * 100) / 100 : null,
    activeListings: active?.n ?? 0,
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
  const [listingCounts, purchaseCounts, given, received, history] = await Promise.all([
    db.select({ status: partListings.status, n: count() }).from(partListings).where(eq(partListings.sellerId, userId)).groupBy(partListings.status),
    db.select({ status: purchases.status, n: count() }).from(purchases).where(eq(purchases.buyerId, userId)).groupBy(purchases.status),
    db.select().from(sellerRatings).where(eq(sellerRatings.buyerId, userId)).orderBy(desc(sellerRatings.createdAt)).limit(20),
    ratingSummaries(db, [userId]),
    db.select().from(auditLog).where(eq(auditLog.targetId, userId)).orderBy(desc(auditLog.createdAt)).limit(20),
  ]);
  return {
    user: { ...ownUser(user), suspendedAt: user.suspendedAt, suspendedReason: user.suspendedReason },
    listingsByStatus: Object.fromEntries(listingCounts.map((r) => [r.status, r.n])),
    purchasesByStatus: Object.fromEntries(purchaseCounts.map((r) => [r.status, r.n])),
    ratingsGiven: given.map((r) => ({ id: r.id, sellerId: r.sellerId, rating: r.rating, reviewText: r.reviewText, createdAt: r.createdAt })),
    ratingsReceived: received.get(userId) ?? null,
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

