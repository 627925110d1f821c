import type { SessionUser } from '@carparts/auth';
import { keptUntilWrite, partListings, readerOf, users, type DbOrTx } from '@carparts/db';
import { DomainError, canSeeListing, isListingOwner, type ListingStatus } from '@carparts/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { prepared } from './prepared.ts';

/**
 * The listing aggregate's rows: finding one as a given person may see it, and the one writer of its status. Every
 * change of a listing's status, by its seller, a purchase, an operator or the expiry sweep, goes through
 * {@link transitionListing} after the domain's machine has allowed it.
 */
export type ListingRow = typeof partListings.$inferSelect;
/** The seller's columns a listing is read with: what its page shows of them and whether they are suspended. */
export const sellerColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  createdAt: users.createdAt,
  status: users.status,
  ratingCount: users.ratingCount,
  ratingAverage: users.ratingAverage,
  verifiedRatingCount: users.verifiedRatingCount,
  activeListingCount: users.activeListingCount,
  completedSalesCount: users.completedSalesCount,
  responseMedianMs: users.responseMedianMs,
  verifiedBusinessAt: users.verifiedBusinessAt,
  city: users.city,
  country: users.country,
};
export type ListingSeller = { [K in keyof typeof sellerColumns]: (typeof users.$inferSelect)[K] };
/** A listing with its seller, on whom its visibility also depends. */
export type ListingWithSeller = ListingRow & { sellerSuspended: boolean; seller: ListingSeller };
export type Viewer = Pick<SessionUser, 'id' | 'role'> | null;

/**
 * The sellers whose listings shoppers must not see while they are suspended, read at the start of each search from a
 * partial index (almost always empty, so the search's own plan is untouched). Kept between searches only until the
 * next commit to the database by any process, so a suspension takes effect on the next search in every process.
 */
export const suspendedSellerIds = keptUntilWrite(async (db: DbOrTx): Promise<readonly string[]> => {
  const reader = readerOf(db);
  const rows = await prepared(reader, 'suspended-sellers', () => reader.select({ id: users.id }).from(users).where(sql`${users.status} = 'suspended'`)).all();
  // shared by every search until the next write: frozen, so that none of them can change it for the others
  return Object.freeze(rows.map((r) => r.id));
});

export async function findListingRow(db: DbOrTx, id: string): Promise<ListingWithSeller | undefined> {
  const reader = readerOf(db);
  const row = await prepared(reader, 'listing-with-seller', () =>
    reader
      .select({ listing: partListings, seller: sellerColumns })
      .from(partListings)
      .innerJoin(users, eq(users.id, partListings.sellerId))
      .where(eq(partListings.id, sql.placeholder('id'))),
  ).get({ id });
  return row && listingWithSeller(row);
}

/** A listing row read with its seller's columns ({@link sellerColumns}), as the listing aggregate hands it on. */
export const listingWithSeller = (row: { listing: ListingRow; seller: ListingSeller }): ListingWithSeller => ({ ...row.listing, sellerSuspended: row.seller.status === 'suspended', seller: row.seller });

/** The listing when `viewer` may see it; otherwise, and when there is none, the same "not found" (its existence is not told). */
export function visibleOrNotFound(listing: ListingWithSeller | undefined, viewer: Viewer): ListingWithSeller {
  if (!listing || !canSeeListing(listing, viewer)) throw new DomainError('NOT_FOUND', 'Listing not found');
  return listing;
}

/**
 * The listing a seller wants to change. Someone else's listing that the public can see is FORBIDDEN (its existence is
 * no secret); one the public cannot see is NOT_FOUND, exactly like a listing that does not exist.
 */
export async function listingOwnedBy(db: DbOrTx, id: string, seller: Pick<SessionUser, 'id' | 'role'>): Promise<ListingWithSeller> {
  const listing = await findListingRow(db, id);
  if (!listing || (!isListingOwner(listing, seller) && !canSeeListing(listing, seller))) throw new DomainError('NOT_FOUND', 'Listing not found');
  if (!isListingOwner(listing, seller)) throw new DomainError('FORBIDDEN', 'This listing belongs to another seller');
  return listing;
}

export async function visibleListing(db: DbOrTx, id: string, viewer: Viewer): Promise<ListingWithSeller> {
  return visibleOrNotFound(await findListingRow(db, id), viewer);
}

/**
 * Of many listings, those the viewer may see, with what their pages add to a card: one statement however many, by
 * the same rule as {@link visibleListing}. Ids not found or not visible are absent.
 */
export async function visibleListingsAmong(db: DbOrTx, viewer: Viewer, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await readerOf(db)
    .select({
      id: partListings.id,
      seq: partListings.seq,
      status: partListings.status,
      sellerId: partListings.sellerId,
      sellerStatus: users.status,
      compatibilityNotes: partListings.compatibilityNotes,
      returnsDays: partListings.returnsDays,
      warrantyDays: partListings.warrantyDays,
      coreChargeCents: partListings.coreChargeCents,
      donorMileageKm: partListings.donorMileageKm,
      damageNotes: partListings.damageNotes,
      version: partListings.version,
      updatedAt: partListings.updatedAt,
    })
    .from(partListings)
    .innerJoin(users, eq(users.id, partListings.sellerId))
    .where(inArray(partListings.id, [...ids]));
  return rows.filter((row) => canSeeListing({ ...row, sellerSuspended: row.sellerStatus === 'suspended' }, viewer));
}

/** Moves a listing from one status to another only if it is still in the status the caller saw. */
export async function transitionListing(tx: DbOrTx, listingId: string, from: ListingStatus, to: ListingStatus, now: Date, extra: Partial<ListingRow> = {}) {
  const [row] = await tx
    .update(partListings)
    .set({ ...extra, status: to, updatedAt: now })
    .where(and(eq(partListings.id, listingId), eq(partListings.status, from)))
    .returning();
  return row ?? null;
}

