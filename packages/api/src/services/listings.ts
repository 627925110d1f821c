import { consumeRateLimit } from '@carparts/auth';
import { inventoryPhotos, partListings, users, type Db, type DbOrTx } from '@carparts/db';
import {
  DomainError,
  EDITABLE_STATUSES,
  LIMITS,
  assertTransition,
  canSeeListing,
  isListingOwner,
  decodeCursor,
  encodeCursor,
  makeKey,
  modelKey,
  type CreateListingInput,
  type ListingStatus,
  type UpdateListingInput,
} from '@carparts/domain';
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { SessionUser } from '@carparts/auth';
import { emptyRatingSummary, ratingSummaries, sellerProfile } from './users.ts';

export type ListingRow = typeof partListings.$inferSelect;
/** A listing with what its visibility depends on beyond its own row. */
export type ListingWithSeller = ListingRow & { sellerSuspended: boolean };
type Viewer = Pick<SessionUser, 'id' | 'role'> | null;

const isOwner = isListingOwner;

/** Listings of suspended sellers, for excluding them from what shoppers see (a handful of ids, read once per query). */
export const suspendedSellerIds = () => sql`(SELECT ${users.id} FROM ${users} WHERE ${users.status} = 'suspended')`;

export async function findListingRow(db: DbOrTx, id: string): Promise<ListingWithSeller | undefined> {
  const [row] = await db
    .select({ listing: partListings, sellerStatus: users.status })
    .from(partListings)
    .innerJoin(users, eq(users.id, partListings.sellerId))
    .where(eq(partListings.id, id));
  return row && { ...row.listing, sellerSuspended: row.sellerStatus === 'suspended' };
}

/**
 * The listing a seller wants to change. Someone else's listing that the public can see is FORBIDDEN (its existence is
 * no secret); one the public cannot see is NOT_FOUND, exactly like a listing that does not exist.
 */
export async function listingOwnedBy(db: DbOrTx, id: string, seller: Pick<SessionUser, 'id' | 'role'>): Promise<ListingWithSeller> {
  const listing = await findListingRow(db, id);
  if (!listing || (!isOwner(listing, seller) && !canSeeListing(listing, seller))) throw new DomainError('NOT_FOUND', 'Listing not found');
  if (!isOwner(listing, seller)) throw new DomainError('FORBIDDEN', 'This listing belongs to another seller');
  return listing;
}

export async function visibleListing(db: DbOrTx, id: string, viewer: Viewer): Promise<ListingWithSeller> {
  const listing = await findListingRow(db, id);
  if (!listing || !canSeeListing(listing, viewer)) throw new DomainError('NOT_FOUND', 'Listing not found');
  return listing;
}

export async function primaryPhotos(db: DbOrTx, listingIds: string[]) {
  const photos = new Map<string, { imageUrl: string; thumbnailUrl: string; caption: string | null }>();
  if (listingIds.length === 0) return photos;
  const rows = await db
    .select({
      listingId: inventoryPhotos.partListingId,
      imageUrl: inventoryPhotos.imageUrl,
      thumbnailUrl: inventoryPhotos.thumbnailUrl,
      caption: inventoryPhotos.caption,
    })
    .from(inventoryPhotos)
    .where(and(inArray(inventoryPhotos.partListingId, listingIds), eq(inventoryPhotos.isPrimary, true)));
  for (const { listingId, ...photo } of rows) photos.set(listingId, photo);
  return photos;
}

/** Listing cards for result lists: the fields a shopper scans, the seller's name and rating, the primary photo. */
export async function listingCards(db: DbOrTx, rows: ListingRow[]) {
  const ids = rows.map((r) => r.id);
  const sellerIds = [...new Set(rows.map((r) => r.sellerId))];
  const [photos, ratings, sellers] = await Promise.all([
    primaryPhotos(db, ids),
    ratingSummaries(db, sellerIds),
    sellerIds.length
      ? db.select({ id: users.id, displayName: users.displayName, username: users.username }).from(users).where(inArray(users.id, sellerIds))
      : Promise.resolve([]),
  ]);
  const sellerById = new Map(sellers.map((s) => [s.id, s]));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    partCategory: r.partCategory,
    condition: r.condition,
    priceCents: r.priceCents,
    currency: r.currency,
    vehicleMake: r.vehicleMake,
    vehicleModel: r.vehicleModel,
    vehicleYear: r.vehicleYear,
    status: r.status,
    createdAt: r.createdAt,
    seller: {
      id: r.sellerId,
      displayName: sellerById.get(r.sellerId)?.displayName ?? 'Unknown seller',
      username: sellerById.get(r.sellerId)?.username ?? '',
      ratings: ratings.get(r.sellerId) ?? emptyRatingSummary,
    },
    primaryPhoto: photos.get(r.id) ?? null,
  }));
}
export type ListingCard = Awaited<ReturnType<typeof listingCards>>[number];

export async function listingDetail(db: DbOrTx, listing: ListingWithSeller, viewer: Viewer, now: Date) {
  const [photos, seller] = await Promise.all([
    db
      .select({
        id: inventoryPhotos.id,
        imageUrl: inventoryPhotos.imageUrl,
        thumbnailUrl: inventoryPhotos.thumbnailUrl,
        caption: inventoryPhotos.caption,
        angle: inventoryPhotos.angle,
        isPrimary: inventoryPhotos.isPrimary,
        width: inventoryPhotos.width,
        height: inventoryPhotos.height,
      })
      .from(inventoryPhotos)
      .where(eq(inventoryPhotos.partListingId, listing.id))
      .orderBy(desc(inventoryPhotos.isPrimary), inventoryPhotos.createdAt),
    // the seller may since have become a buyer (an operator changed the role): then there is no public profile
    sellerProfile(db, listing.sellerId, now).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
      throw error;
    }),
  ]);
  const privileged = isOwner(listing, viewer) || viewer?.role === 'operator';
  return {
    id: listing.id,
    title: listing.title,
    partCategory: listing.partCategory,
    condition: listing.condition,
    priceCents: listing.priceCents,
    currency: listing.currency,
    vehicleMake: listing.vehicleMake,
    vehicleModel: listing.vehicleModel,
    vehicleYear: listing.vehicleYear,
    compatibilityNotes: listing.compatibilityNotes,
    status: listing.status,
    version: listing.version,
    createdAt: listing.createdAt,
    updatedAt: listing.updatedAt,
    /** Why an operator removed it: shown to the seller and operators only. */
    moderationReason: privileged ? listing.moderationReason : null,
    /** Hidden from shoppers while its seller is suspended: told to the seller and operators, who still see it. */
    sellerSuspended: privileged ? listing.sellerSuspended : false,
    isMine: isOwner(listing, viewer),
    seller,
    photos,
  };
}

const listingValues = (input: Omit<CreateListingInput, 'vehicleMake' | 'vehicleModel'> & { vehicleMake: string; vehicleModel: string }) => ({
  title: input.title,
  partCategory: input.partCategory,
  condition: input.condition,
  priceCents: input.priceCents,
  currency: input.currency,
  vehicleMake: input.vehicleMake,
  vehicleModel: input.vehicleModel,
  vehicleYear: input.vehicleYear,
  compatibilityNotes: input.compatibilityNotes,
  makeKey: makeKey(input.vehicleMake),
  modelKey: modelKey(input.vehicleModel),
});

export async function createListing(db: Db, seller: Pick<SessionUser, 'id'>, input: CreateListingInput, now: Date) {
  const allowed = await consumeRateLimit(db, `listings:create:${seller.id}`, { limit: LIMITS.listingsPerSellerPerDay, windowMs: 86_400_000 }, now);
  if (!allowed) throw new DomainError('TOO_MANY_REQUESTS', `At most ${LIMITS.listingsPerSellerPerDay} new listings a day`);
  const [row] = await db
    .insert(partListings)
    .values({ ...listingValues(input), sellerId: seller.id, status: 'active', createdAt: now, updatedAt: now })
    .returning();
  return row!;
}

export async function updateListing(db: Db, seller: Pick<SessionUser, 'id' | 'role'>, input: UpdateListingInput, now: Date) {
  return db.transaction(async (tx) => {
    const current = await listingOwnedBy(tx, input.id, seller);
    if (!EDITABLE_STATUSES.includes(current.status)) {
      throw new DomainError('PRECONDITION_FAILED', `A ${current.status} listing can no longer be edited`);
    }
    if (current.version !== input.expectedVersion) {
      throw new DomainError('CONFLICT', 'This listing was changed since you opened it; reload and apply your edit again');
    }
    const merged = {
      title: input.title ?? current.title,
      partCategory: input.partCategory ?? current.partCategory,
      condition: input.condition ?? current.condition,
      priceCents: input.priceCents ?? current.priceCents,
      currency: input.currency ?? current.currency,
      vehicleMake: input.vehicleMake ?? current.vehicleMake,
      vehicleModel: input.vehicleModel ?? current.vehicleModel,
      vehicleYear: input.vehicleYear === undefined ? current.vehicleYear : input.vehicleYear,
      compatibilityNotes: input.compatibilityNotes ?? current.compatibilityNotes,
    };
    const [row] = await tx
      .update(partListings)
      .set({ ...listingValues(merged), version: current.version + 1, updatedAt: now })
      .where(and(eq(partListings.id, current.id), eq(partListings.version, current.version)))
      .returning();
    if (!row) throw new DomainError('CONFLICT', 'This listing was changed since you opened it; reload and apply your edit again');
    return row;
  });
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

export async function setListingStatusBySeller(db: Db, seller: Pick<SessionUser, 'id' | 'role'>, id: string, to: 'active' | 'withdrawn', now: Date) {
  return db.transaction(async (tx) => {
    const current = await listingOwnedBy(tx, id, seller);
    if (current.status === to) return current;
    assertTransition('seller', current.status, to);
    const row = await transitionListing(tx, id, current.status, to, now);
    if (!row) throw new DomainError('CONFLICT', 'The listing changed meanwhile; reload and try again');
    return row;
  });
}

const keysetCursor = z.strictObject({ t: z.number().int(), s: z.number().int() });

export async function sellerListings(db: DbOrTx, sellerId: string, input: { status?: ListingStatus; cursor?: string; limit: number }) {
  const conditions: SQL[] = [eq(partListings.sellerId, sellerId)];
  if (input.status) conditions.push(eq(partListings.status, input.status));
  if (input.cursor) {
    const c = decodeCursor(keysetCursor, input.cursor);
    conditions.push(or(lt(partListings.createdAt, new Date(c.t)), and(eq(partListings.createdAt, new Date(c.t)), lt(partListings.seq, c.s)))!);
  }
  const rows = await db
    .select()
    .from(partListings)
    .where(and(...conditions))
    .orderBy(desc(partListings.createdAt), desc(partListings.seq))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const cards = await listingCards(db, page);
  return {
    items: cards.map((card, i) => ({ ...card, version: page[i]!.version, moderationReason: page[i]!.moderationReason })),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ t: last.createdAt.getTime(), s: last.seq }) : null,
  };
}

