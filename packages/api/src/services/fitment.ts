import type { SessionUser } from '@carparts/auth';
import { compatibilityLogs, partListings, type Db, type DbOrTx } from '@carparts/db';
import { fitmentVerdict, type VehicleInput } from '@carparts/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { visibleListing } from './listings.ts';
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
  const page = toPage(rows, input.limit, (r) => ({ time: r.createdAt, id: r.id }));
  const titles = page.items.length
    ? await db
        .select({ id: partListings.id, title: partListings.title })
        .from(partListings)
        .where(inArray(partListings.id, page.items.map((r) => r.partListingId)))
    : [];
  const titleById = new Map(titles.map((t) => [t.id, t.title]));
  return { nextCursor: page.nextCursor, items: page.items.map((r) => ({ ...fitmentLogView(r), listingTitle: titleById.get(r.partListingId) ?? null })) };
}
