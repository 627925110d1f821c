import type { SessionUser } from '@carparts/auth';
import { compatibilityLogs, partListings, users, type Db, type DbOrTx } from '@carparts/db';
import { DomainError, fitmentVerdict, type FitmentStatus, type VehicleInput } from '@carparts/domain';
import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { recordAudit, type OperatorCtx } from './audit.ts';
import { visibleListing } from './listing-rows.ts';
import { timeOrdered, toPage } from './paging.ts';

type LogRow = typeof compatibilityLogs.$inferSelect;

export function fitmentLogView(log: LogRow) {
  return {
    id: log.id,
    listingId: log.partListingId,
    vehicleMake: log.vehicleMake,
    vehicleModel: log.vehicleModel,
    vehicleYear: log.vehicleYear,
    vinLast8: log.vinLast8,
    fitmentStatus: log.fitmentStatus,
    notes: log.notes,
    reviewedAt: log.reviewedAt,
    reviewNote: log.reviewNote,
    createdAt: log.createdAt,
  };
}

/** The verdict without recording anything: for signed-out shoppers and the "my vehicle" badge on every page. */
export async function previewFitment(db: DbOrTx, viewer: Pick<SessionUser, 'id' | 'role'> | null, listingId: string, vehicle: VehicleInput) {
  const listing = await visibleListing(db, listingId, viewer);
  return { listingId: listing.id, ...fitmentVerdict(listing, vehicle) };
}

export async function checkFitment(db: Db, buyer: Pick<SessionUser, 'id' | 'role'>, listingId: string, vehicle: VehicleInput, now: Date) {
  const listing = await visibleListing(db, listingId, buyer);
  const verdict = fitmentVerdict(listing, vehicle);
  const [log] = await db
    .insert(compatibilityLogs)
    .values({
      buyerId: buyer.id,
      partListingId: listing.id,
      vinLast8: vehicle.vinLast8 ?? null,
      vehicleMake: vehicle.vehicleMake,
      vehicleModel: vehicle.vehicleModel,
      vehicleYear: vehicle.vehicleYear,
      fitmentStatus: verdict.fitmentStatus,
      notes: verdict.notes,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return fitmentLogView(log!);
}

export async function myFitmentLogs(db: DbOrTx, buyerId: string, input: { listingId?: string; cursor?: string; limit: number }) {
  const paging = timeOrdered(compatibilityLogs.createdAt, compatibilityLogs.id, input.cursor);
  const rows = await db
    .select()
    .from(compatibilityLogs)
    .where(and(eq(compatibilityLogs.buyerId, buyerId), input.listingId ? eq(compatibilityLogs.partListingId, input.listingId) : undefined, paging.after))
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit, (r) => ({ time: r.createdAt, id: r.id }), paging.order);
  const titles = page.items.length
    ? await db
        .select({ id: partListings.id, title: partListings.title })
        .from(partListings)
        .where(inArray(partListings.id, page.items.map((r) => r.partListingId)))
    : [];
  const titleById = new Map(titles.map((t) => [t.id, t.title]));
  return { nextCursor: page.nextCursor, items: page.items.map((r) => ({ ...fitmentLogView(r), listingTitle: titleById.get(r.partListingId) ?? null })) };
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
  const page = toPage(rows, input.limit, (r) => ({ time: r.log.createdAt, id: r.log.id }), paging.order);
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

