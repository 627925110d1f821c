import { invalidateUserSessions, type SessionUser } from '@carparts/auth';
import {
  auditLog,
  compatibilityLogs,
  inquiries,
  partListings,
  purchases,
  sellerRatings,
  userSearchExpression,
  users,
  type Db,
  type DbOrTx,
} from '@carparts/db';
import { DomainError, assertTransition, makeKey, modelKey, type Condition, type Currency, type FitmentStatus, type ListingStatus, type PartCategory, type Role } from '@carparts/domain';
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, like, lte, sql } from 'drizzle-orm';
import type { ApiContext } from '../context.ts';
import { recordAudit } from './audit.ts';
import { fitmentLogView } from './fitment.ts';
import { inquiryThreads } from './inquiries.ts';
import { findListingRow, listingCards, listingDetail, transitionListing } from './listings.ts';
import { timeOrdered, toPage } from './paging.ts';
import { purchaseView } from './purchases.ts';
import { ownUser, ratingSummaries } from './users.ts';
import { ftsQuery, priceCurrency, yearCondition } from './search.ts';

type OperatorCtx = Pick<ApiContext, 'db' | 'meta' | 'now'> & { user: SessionUser };

export async function consoleListings(
  db: DbOrTx,
  input: {
    q?: string;
    status?: ListingStatus;
    sellerId?: string;
    make?: string;
    model?: string;
    year?: number;
    partCategory?: PartCategory;
    conditions?: Condition[];
    minPriceCents?: number;
    maxPriceCents?: number;
    currency?: Currency;
    sort?: 'newest' | 'oldest';
    cursor?: string;
    limit: number;
  },
) {
  const currency = priceCurrency(input, undefined);
  const paging = timeOrdered(partListings.createdAt, partListings.id, input.cursor, input.sort);
  const match = ftsQuery(input.q);
  const rows = await db
    .select()
    .from(partListings)
    .where(
      and(
        input.status ? eq(partListings.status, input.status) : undefined,
        input.sellerId ? eq(partListings.sellerId, input.sellerId) : undefined,
        input.make ? eq(partListings.makeKey, makeKey(input.make)) : undefined,
        input.model ? eq(partListings.modelKey, modelKey(input.model)) : undefined,
        yearCondition(input.year),
        input.partCategory ? eq(partListings.partCategory, input.partCategory) : undefined,
        input.conditions?.length ? inArray(partListings.condition, input.conditions) : undefined,
        currency ? eq(partListings.currency, currency) : undefined,
        input.minPriceCents !== undefined ? gte(partListings.priceCents, input.minPriceCents) : undefined,
        input.maxPriceCents !== undefined ? lte(partListings.priceCents, input.maxPriceCents) : undefined,
        match ? sql`${partListings.seq} IN (SELECT rowid FROM part_listings_fts WHERE part_listings_fts MATCH ${match})` : undefined,
        paging.after,
      ),
    )
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit, (r) => ({ time: r.createdAt, id: r.id }));
  const cards = await listingCards(db, page.items);
  return { nextCursor: page.nextCursor, items: cards.map((c, i) => ({ ...c, moderationReason: page.items[i]!.moderationReason })) };
}

/** Everything about one listing, for an operator deciding what to do with it. */
export async function consoleListingDetail(db: Db, operator: SessionUser, id: string, now: Date) {
  const listing = await findListingRow(db, id);
  if (!listing) throw new DomainError('NOT_FOUND', 'Listing not found');
  const [detail, fitment, threads, deals, ratings, history] = await Promise.all([
    listingDetail(db, listing, operator, now),
    db.select().from(compatibilityLogs).where(eq(compatibilityLogs.partListingId, id)).orderBy(desc(compatibilityLogs.createdAt)).limit(50),
    inquiryThreads(db, { listingId: id }, { limit: 50 }),
    db.select().from(purchases).where(eq(purchases.partListingId, id)).orderBy(desc(purchases.createdAt)).limit(50),
    db.select().from(sellerRatings).where(eq(sellerRatings.partListingId, id)).orderBy(desc(sellerRatings.createdAt)).limit(50),
    db.select().from(auditLog).where(eq(auditLog.targetId, id)).orderBy(desc(auditLog.createdAt)).limit(50),
  ]);
  return {
    listing: { ...detail, sellerId: listing.sellerId, moderatedAt: listing.moderatedAt },
    fitmentLogs: fitment.map(fitmentLogView),
    inquiries: threads.items,
    purchases: deals.map(purchaseView),
    ratings: ratings.map((r) => ({ id: r.id, rating: r.rating, reviewText: r.reviewText, isVerifiedPurchase: r.isVerifiedPurchase, createdAt: r.createdAt })),
    auditTrail: history,
  };
}

export async function moderateListing(ctx: OperatorCtx, input: { id: string; action: 'remove' | 'restore'; reason: string }) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const listing = await findListingRow(tx, input.id);
    if (!listing) throw new DomainError('NOT_FOUND', 'Listing not found');
    const to: ListingStatus = input.action === 'remove' ? 'removed' : 'active';
    assertTransition('operator', listing.status, to);
    if (listing.status === 'reserved') {
      await tx
        .update(purchases)
        .set({ status: 'cancelled', cancelledAt: now, cancelledBy: ctx.user.id, cancelReason: 'The listing was removed by the marketplace', updatedAt: now })
        .where(and(eq(purchases.partListingId, listing.id), eq(purchases.status, 'reserved')));
    }
    const row = await transitionListing(tx, listing.id, listing.status, to, now, {
      moderationReason: input.reason,
      moderatedAt: now,
    });
    if (!row) throw new DomainError('CONFLICT', 'The listing changed meanwhile; reload and try again');
    await recordAudit(tx, ctx, {
      action: input.action === 'remove' ? 'listing.remove' : 'listing.restore',
      targetType: 'listing',
      targetId: listing.id,
      reason: input.reason,
      before: { status: listing.status },
      after: { status: to },
    });
    return { id: row.id, status: row.status, moderationReason: row.moderationReason };
  });
}

export async function consoleCloseInquiry(ctx: OperatorCtx, inquiryId: string, reason: string) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const inquiry = await tx.query.inquiries.findFirst({ where: eq(inquiries.id, inquiryId) });
    if (!inquiry) throw new DomainError('NOT_FOUND', 'Inquiry not found');
    if (inquiry.status === 'closed') throw new DomainError('PRECONDITION_FAILED', 'This inquiry is already closed');
    await tx
      .update(inquiries)
      .set({ status: 'closed', closedAt: now, closedBy: ctx.user.id, closeReason: reason, updatedAt: now })
      .where(eq(inquiries.id, inquiryId));
    await recordAudit(tx, ctx, { action: 'inquiry.close', targetType: 'inquiry', targetId: inquiryId, reason, before: { status: inquiry.status }, after: { status: 'closed' } });
    return { id: inquiryId, status: 'closed' as const };
  });
}

export async function consoleFitmentLogs(
  db: DbOrTx,
  input: { fitmentStatus?: FitmentStatus[]; reviewed?: boolean; listingId?: string; sort?: 'newest' | 'oldest'; cursor?: string; limit: number },
) {
  const paging = timeOrdered(compatibilityLogs.createdAt, compatibilityLogs.id, input.cursor, input.sort);
  const rows = await db
    .select({ log: compatibilityLogs, listingTitle: partListings.title, listingMake: partListings.vehicleMake, listingModel: partListings.vehicleModel, listingYear: partListings.vehicleYear, buyerName: users.displayName })
    .from(compatibilityLogs)
    .innerJoin(partListings, eq(partListings.id, compatibilityLogs.partListingId))
    .innerJoin(users, eq(users.id, compatibilityLogs.buyerId))
    .where(
      and(
        input.fitmentStatus?.length ? inArray(compatibilityLogs.fitmentStatus, input.fitmentStatus) : undefined,
        input.reviewed === undefined ? undefined : input.reviewed ? isNotNull(compatibilityLogs.reviewedAt) : isNull(compatibilityLogs.reviewedAt),
        input.listingId ? eq(compatibilityLogs.partListingId, input.listingId) : undefined,
        paging.after,
      ),
    )
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit, (r) => ({ time: r.log.createdAt, id: r.log.id }));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      ...fitmentLogView(r.log),
      buyerDisplayName: r.buyerName,
      listing: { id: r.log.partListingId, title: r.listingTitle, vehicleMake: r.listingMake, vehicleModel: r.listingModel, vehicleYear: r.listingYear },
    })),
  };
}

/** Listings with the most unreviewed does_not_fit / needs_review checks: where vehicle data is likely wrong. */
export async function fitmentProblemsByListing(db: DbOrTx, limit: number) {
  const problem = and(inArray(compatibilityLogs.fitmentStatus, ['does_not_fit', 'needs_review']), isNull(compatibilityLogs.reviewedAt));
  return db
    .select({
      listingId: compatibilityLogs.partListingId,
      title: partListings.title,
      vehicleMake: partListings.vehicleMake,
      vehicleModel: partListings.vehicleModel,
      vehicleYear: partListings.vehicleYear,
      status: partListings.status,
      doesNotFit: sql<number>`sum(${compatibilityLogs.fitmentStatus} = 'does_not_fit')`,
      needsReview: sql<number>`sum(${compatibilityLogs.fitmentStatus} = 'needs_review')`,
      lastCheckedAt: sql<number>`max(${compatibilityLogs.createdAt})`.mapWith((v: number) => new Date(v)),
    })
    .from(compatibilityLogs)
    .innerJoin(partListings, eq(partListings.id, compatibilityLogs.partListingId))
    .where(problem)
    .groupBy(compatibilityLogs.partListingId)
    .orderBy(desc(count()))
    .limit(limit);
}

export async function reviewFitmentLog(ctx: OperatorCtx, logId: string, note: string) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const log = await tx.query.compatibilityLogs.findFirst({ where: eq(compatibilityLogs.id, logId) });
    if (!log) throw new DomainError('NOT_FOUND', 'Fitment log not found');
    const [row] = await tx
      .update(compatibilityLogs)
      .set({ reviewedAt: now, reviewedBy: ctx.user.id, reviewNote: note, updatedAt: now })
      .where(eq(compatibilityLogs.id, logId))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'fitment.review',
      targetType: 'fitment_log',
      targetId: logId,
      reason: note,
      before: { reviewedAt: log.reviewedAt },
      after: { reviewedAt: now },
    });
    return fitmentLogView(row!);
  });
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
  const page = toPage(rows, input.limit, (r) => ({ time: r.createdAt, id: r.id }));
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

export async function auditEntries(db: DbOrTx, input: { actorId?: string; action?: string; targetId?: string; sort?: 'newest' | 'oldest'; cursor?: string; limit: number }) {
  const paging = timeOrdered(auditLog.createdAt, auditLog.id, input.cursor, input.sort);
  const rows = await db
    .select({ entry: auditLog, actorName: users.displayName, actorUsername: users.username })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        input.actorId ? eq(auditLog.actorId, input.actorId) : undefined,
        input.action ? like(auditLog.action, `${input.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
        input.targetId ? eq(auditLog.targetId, input.targetId) : undefined,
        paging.after,
      ),
    )
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit, (r) => ({ time: r.entry.createdAt, id: r.entry.id }));
  const labels = await auditTargetLabels(db, page.items.map((r) => r.entry));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      ...r.entry,
      actorDisplayName: r.actorName,
      actorUsername: r.actorUsername,
      /** What the target is called now: a listing's title, a person's name; null when it no longer exists. */
      targetLabel: labels.get(r.entry.targetId) ?? null,
    })),
  };
}

/** The names of a page of audit targets, one query per kind of target. */
async function auditTargetLabels(db: DbOrTx, entries: { targetType: string; targetId: string }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(entries.filter((e) => e.targetType === type).map((e) => e.targetId))];
  const [listingRows, userRows, inquiryRows, logRows] = await Promise.all([
    ids('listing').length ? db.select({ id: partListings.id, label: partListings.title }).from(partListings).where(inArray(partListings.id, ids('listing'))) : [],
    ids('user').length
      ? db.select({ id: users.id, label: sql<string>`${users.displayName} || ' (' || ${users.username} || ')'` }).from(users).where(inArray(users.id, ids('user')))
      : [],
    ids('inquiry').length
      ? db
          .select({ id: inquiries.id, label: sql<string>`'Question about ' || ${partListings.title}` })
          .from(inquiries)
          .innerJoin(partListings, eq(partListings.id, inquiries.partListingId))
          .where(inArray(inquiries.id, ids('inquiry')))
      : [],
    ids('fitment_log').length
      ? db
          .select({ id: compatibilityLogs.id, label: sql<string>`'Fitment check on ' || ${partListings.title}` })
          .from(compatibilityLogs)
          .innerJoin(partListings, eq(partListings.id, compatibilityLogs.partListingId))
          .where(inArray(compatibilityLogs.id, ids('fitment_log')))
      : [],
  ]);
  return new Map([...listingRows, ...userRows, ...inquiryRows, ...logRows].map((r) => [r.id, r.label]));
}

const WINDOWS = { day: 1, week: 7, month: 30 } as const;

/** Dashboard figures for the last day, week or month, with a per-day series for the small charts. */
export async function marketplaceStats(db: DbOrTx, window: keyof typeof WINDOWS, now: Date) {
  const days = WINDOWS[window];
  const since = new Date(now.getTime() - days * 86_400_000);
  const perDay = (column: typeof partListings.createdAt) => sql<string>`strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`;
  const [listingsByStatus, newListings, openInquiries, fitmentByVerdict, purchasesByStatus, newUsers, listingsPerDay] = await Promise.all([
    db.select({ key: partListings.status, n: count() }).from(partListings).groupBy(partListings.status),
    db.select({ n: count() }).from(partListings).where(gte(partListings.createdAt, since)),
    db.select({ n: count() }).from(inquiries).where(eq(inquiries.status, 'open')),
    db.select({ key: compatibilityLogs.fitmentStatus, n: count() }).from(compatibilityLogs).where(gte(compatibilityLogs.createdAt, since)).groupBy(compatibilityLogs.fitmentStatus),
    db.select({ key: purchases.status, n: count() }).from(purchases).where(gte(purchases.createdAt, since)).groupBy(purchases.status),
    db.select({ key: users.role, n: count() }).from(users).where(gte(users.createdAt, since)).groupBy(users.role),
    db
      .select({ day: perDay(partListings.createdAt), n: count() })
      .from(partListings)
      .where(gte(partListings.createdAt, since))
      .groupBy(perDay(partListings.createdAt)),
  ]);
  const asRecord = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.n]));
  return {
    window,
    since,
    listingsByStatus: asRecord(listingsByStatus),
    newListings: newListings[0]?.n ?? 0,
    openInquiries: openInquiries[0]?.n ?? 0,
    fitmentByVerdict: asRecord(fitmentByVerdict),
    purchasesByStatus: asRecord(purchasesByStatus),
    newUsersByRole: asRecord(newUsers),
    newListingsPerDay: listingsPerDay,
  };
}
