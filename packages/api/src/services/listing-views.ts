import { inventoryPhotos, partListings, users, type DbOrTx } from '@carparts/db';
import { DomainError, isListingOwner, type ListingStatus } from '@carparts/domain';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { ListingRow, ListingWithSeller, Viewer } from './listing-rows.ts';
import { emptyRatingSummary, ratingSummaries, sellerProfile } from './accounts.ts';
import { timeOrdered, toPage } from './paging.ts';

/** What listings look like to the people reading them: cards in lists, the full page, a seller's own list. */
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
  const privileged = isListingOwner(listing, viewer) || viewer?.role === 'operator';
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
    isMine: isListingOwner(listing, viewer),
    seller,
    photos,
  };
}

export async function sellerListings(db: DbOrTx, sellerId: string, input: { status?: ListingStatus; cursor?: string; limit: number }) {
  const paging = timeOrdered(partListings.createdAt, partListings.id, input.cursor);
  const rows = await db
    .select()
    .from(partListings)
    .where(and(eq(partListings.sellerId, sellerId), input.status ? eq(partListings.status, input.status) : undefined, paging.after))
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit, (r) => ({ time: r.createdAt, id: r.id }), paging.order);
  const cards = await listingCards(db, page.items);
  return {
    items: cards.map((card, i) => ({ ...card, version: page.items[i]!.version, moderationReason: page.items[i]!.moderationReason })),
    nextCursor: page.nextCursor,
  };
}
