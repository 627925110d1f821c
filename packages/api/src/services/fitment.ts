import type { SessionUser } from '@carparts/auth';
import { compatibilityLogs, fitmentReports, isUniqueViolation, partListings, users, type Db, type DbOrTx } from '@carparts/db';
import { DomainError, coverageClaims, fitVerdict, makeKey, modelKey, type FitmentReportInput, type FitmentStatus, type VehicleInput } from '@carparts/domain';
import { and, count, desc, eq, getTableColumns, inArray, isNotNull, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { recordAudit, type OperatorCtx } from './audit.ts';
import { findListingRow, visibleListing, type ListingWithSeller } from './listing-rows.ts';
import { contradictsSeller, coverageOfListings, coverageOfRow, isOpenContradiction, openContradictions } from './coverage.ts';
import { activeGarageVehicle } from './garage.ts';
import { purchaseOfParty } from './purchases.ts';
import { timeOrdered, toPage } from './paging.ts';
import { jsonRows, qualified } from './json-rows.ts';

const sellerUser = alias(users, 'seller');

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

/** The one rule applied to a listing: its coverage rows and buyers' open contradictions of them. */
export async function listingVerdict(db: DbOrTx, listing: Pick<ListingWithSeller, 'id' | 'coverageJson'>, vehicle: VehicleInput) {
  return fitVerdict(coverageOfRow(listing), vehicle, await openContradictions(db, listing.id));
}

/** The verdict without recording anything: for signed-out shoppers and the "my vehicle" badge on every page. */
export async function previewFitment(db: DbOrTx, viewer: Pick<SessionUser, 'id' | 'role'> | null, listingId: string, vehicle: VehicleInput) {
  const listing = await visibleListing(db, listingId, viewer);
  return { listingId: listing.id, ...(await listingVerdict(db, listing, vehicle)) };
}

export async function checkFitment(db: Db, buyer: Pick<SessionUser, 'id' | 'role'>, listingId: string, vehicle: VehicleInput, now: Date) {
  const listing = await visibleListing(db, listingId, buyer);
  const verdict = await listingVerdict(db, listing, vehicle);
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


// ---------- buyers' reports after a completed purchase ----------

type ReportRow = typeof fitmentReports.$inferSelect;

export function fitmentReportView(r: ReportRow) {
  return {
    id: r.id,
    purchaseId: r.purchaseId,
    listingId: r.partListingId,
    vehicleMake: r.vehicleMake,
    vehicleModel: r.vehicleModel,
    vehicleYear: r.vehicleYear,
    fit: r.fit,
    /** Whether one of the seller's coverage rows claimed this vehicle when the buyer reported. */
    claimed: r.claimed,
    note: r.note,
    resolvedAt: r.resolvedAt,
    resolutionNote: r.resolutionNote,
    createdAt: r.createdAt,
  };
}

/**
 * A buyer's word on whether the part fit, once per completed purchase of theirs (server-derived like a verified
 * rating). A "did not fit" for a vehicle the seller's rows claim contradicts the seller: it shows on the seller's
 * listing, sends the listing's verdict for that vehicle to review, and waits in the operators' fitment queue.
 */
export async function reportFitment(db: Db, buyer: Pick<SessionUser, 'id' | 'role'>, input: FitmentReportInput, now: Date) {
  const { purchase } = await purchaseOfParty(db, buyer, input.purchaseId, 'buyer');
  if (purchase.status !== 'completed') {
    throw new DomainError('PRECONDITION_FAILED', 'You can report whether the part fit once the purchase is completed');
  }
  let vehicle = input.vehicle;
  if (!vehicle) {
    const active = await activeGarageVehicle(db, buyer.id);
    if (!active) {
      throw new DomainError('BAD_REQUEST', 'vehicle: name the vehicle, or pick an active vehicle in your garage', {
        vehicle: ['Name the vehicle you fitted the part to, or pick one in your garage'],
      });
    }
    vehicle = { make: active.make, model: active.model, year: active.year };
  }
  const listing = await findListingRow(db, purchase.partListingId);
  if (!listing) throw new DomainError('NOT_FOUND', 'Listing not found');
  const claimed = coverageClaims(coverageOfRow(listing), vehicle);
  try {
    const [row] = await db
      .insert(fitmentReports)
      .values({
        purchaseId: purchase.id,
        partListingId: purchase.partListingId,
        buyerId: buyer.id,
        sellerId: purchase.sellerId,
        vehicleMake: vehicle.make,
        vehicleModel: vehicle.model,
        makeKey: makeKey(vehicle.make),
        modelKey: modelKey(vehicle.model),
        vehicleYear: vehicle.year,
        fit: input.fit,
        claimed,
        note: input.note || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return fitmentReportView(row!);
  } catch (error) {
    if (isUniqueViolation(error, 'fitment_reports')) throw new DomainError('CONFLICT', 'You have already reported on this purchase');
    throw error;
  }
}

/** The buyer's own report on a purchase, if any: for the purchase page. */
export async function myFitmentReports(db: DbOrTx, buyerId: string) {
  const rows = await db.select().from(fitmentReports).where(eq(fitmentReports.buyerId, buyerId)).orderBy(desc(fitmentReports.createdAt)).limit(200);
  return rows.map(fitmentReportView);
}

/**
 * What the listing page shows of buyers' reports: how many confirmed the fit and for which vehicles, to everyone; the
 * reports that it did not fit with their notes, to the seller and operators.
 */
/** A listing's fitment reports, newest first, as a JSON value of a statement that has the listing's id. */
export const fitmentReportsJson = (listingId: AnyColumn | SQL) =>
  jsonRows(getTableColumns(fitmentReports), { from: fitmentReports, where: eq(fitmentReports.partListingId, listingId), orderBy: desc(fitmentReports.createdAt) });

/** What a listing's page shows of its fitment reports. */
export function fitmentReportsSummary(rows: ReportRow[], privileged: boolean) {
  const confirmed = rows.filter((r) => r.fit);
  const vehicles = new Map<string, { vehicleMake: string; vehicleModel: string; vehicleYear: number; buyers: number }>();
  for (const r of confirmed) {
    const key = `${r.makeKey}|${r.modelKey}|${r.vehicleYear}`;
    const v = vehicles.get(key) ?? { vehicleMake: r.vehicleMake, vehicleModel: r.vehicleModel, vehicleYear: r.vehicleYear, buyers: 0 };
    v.buyers++;
    vehicles.set(key, v);
  }
  return {
    confirmedBy: confirmed.length,
    confirmedVehicles: [...vehicles.values()],
    /** Open contradictions: "did not fit" for a vehicle the seller's rows claim, not yet resolved. */
    openContradictions: rows.filter((r) => !r.fit && r.claimed && !r.resolvedAt).length,
    notFitReports: privileged ? rows.filter((r) => !r.fit).map(fitmentReportView) : [],
  };
}

/**
 * How often buyers confirmed the vehicles a seller's rows claimed, for the seller's profile: as a JSON value
 * `[reports, confirmed]` of a statement that has the seller's id, read by {@link fitmentRecordOf}.
 */
export const sellerFitmentRecordJson = (sellerId: AnyColumn) =>
  sql<string>`(SELECT json_array(count(*), coalesce(sum(${qualified(fitmentReports.fit)}), 0)) FROM ${fitmentReports} WHERE ${qualified(fitmentReports.sellerId)} = ${qualified(sellerId)} AND ${qualified(fitmentReports.claimed)} = 1)`;

export function fitmentRecordOf(json: string) {
  const [reports, confirmed] = JSON.parse(json) as [number, number];
  return { reports, confirmed, confirmedShare: reports ? Math.round((confirmed / reports) * 100) / 100 : null };
}

/** The operators' queue: contradictions first-come, open or resolved. */
export async function consoleFitmentReports(db: DbOrTx, input: { status?: 'open' | 'resolved'; listingId?: string; sort?: 'newest' | 'oldest'; cursor?: string; limit: number }) {
  const paging = timeOrdered(fitmentReports.createdAt, fitmentReports.id, input.cursor, input.sort);
  const rows = await db
    .select({ report: fitmentReports, listingSeq: partListings.seq, listingTitle: partListings.title, sellerName: sellerUser.displayName, buyerName: users.displayName })
    .from(fitmentReports)
    .innerJoin(partListings, eq(partListings.id, fitmentReports.partListingId))
    .innerJoin(users, eq(users.id, fitmentReports.buyerId))
    .innerJoin(sellerUser, eq(sellerUser.id, fitmentReports.sellerId))
    .where(
      and(
        contradictsSeller,
        input.status === 'open' ? isNull(fitmentReports.resolvedAt) : input.status === 'resolved' ? isNotNull(fitmentReports.resolvedAt) : undefined,
        input.listingId ? eq(fitmentReports.partListingId, input.listingId) : undefined,
        paging.after,
      ),
    )
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit, (r) => ({ time: r.report.createdAt, id: r.report.id }), paging.order);
  const coverage = await coverageOfListings(db, page.items.map((r) => r.listingSeq));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      ...fitmentReportView(r.report),
      listing: { id: r.report.partListingId, title: r.listingTitle, coverage: coverage.get(r.listingSeq) ?? [] },
      buyerDisplayName: r.buyerName,
      sellerDisplayName: r.sellerName,
    })),
  };
}

export async function resolveFitmentReport(ctx: OperatorCtx, reportId: string, note: string) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [report] = await tx.select().from(fitmentReports).where(eq(fitmentReports.id, reportId));
    if (!report) throw new DomainError('NOT_FOUND', 'Fitment report not found');
    if (report.resolvedAt) throw new DomainError('CONFLICT', 'This report was already resolved');
    const [row] = await tx
      .update(fitmentReports)
      .set({ resolvedAt: now, resolvedBy: ctx.user.id, resolutionNote: note, updatedAt: now })
      .where(and(eq(fitmentReports.id, reportId), isNull(fitmentReports.resolvedAt)))
      .returning();
    if (!row) throw new DomainError('CONFLICT', 'This report was already resolved');
    await recordAudit(tx, ctx, {
      action: 'fitment.resolveReport',
      targetType: 'fitment_report',
      targetId: reportId,
      reason: note,
      before: { resolvedAt: null },
      after: { resolvedAt: now },
    });
    return fitmentReportView(row);
  });
}

/** The seller's side of the queue: buyers' open "did not fit" reports on the seller's own listings, newest first. */
export async function openReportsOnSellersListings(db: DbOrTx, sellerId: string) {
  const rows = await db
    .select({ report: fitmentReports, listingTitle: partListings.title })
    .from(fitmentReports)
    .innerJoin(partListings, eq(partListings.id, fitmentReports.partListingId))
    .where(and(eq(fitmentReports.sellerId, sellerId), isOpenContradiction))
    .orderBy(desc(fitmentReports.createdAt))
    .limit(50);
  return rows.map((r) => ({ ...fitmentReportView(r.report), listingTitle: r.listingTitle }));
}
