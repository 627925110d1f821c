import { fitmentReports as fitmentReportsTable, inventoryPhotos, partListings, readerOf, users, type DbOrTx, type ReadDb } from '@carparts/db';
import { DomainError, distanceKm, fitVerdict, isListingOwner, roundedKm, shippingTo, shippingZones, type LatLon, type Logistics, type ShippingMode, type BuyerVehicle, type Condition, type Currency, type FitContradiction, type FitmentStatus, type ListingStatus, type PartCategory } from '@carparts/domain';
import { and, eq, sql } from 'drizzle-orm';
import { prepared } from './prepared.ts';
import type { ListingWithSeller, Viewer } from './listing-rows.ts';
import { inquiryAnswersJson, inquiryAnswersSince, ratingSummaryOf, sellerProfileFrom } from './accounts.ts';
import { timeOrdered, toPage } from './paging.ts';
import { coverageFromKept, coverageOfRow, isOpenContradiction, partNumbersJson, type KeptCoverage } from './coverage.ts';
import { fitmentReportsJson, fitmentReportsSummary, sellerFitmentRecordJson } from './fitment.ts';
import { jsonRows } from './json-rows.ts';

/** What listings look like to the people reading them: cards in lists, the full page, a seller's own list. */

/** Buyers' open contradictions of a listing's rows, as a JSON array of [make, model, year]. */
const CONTRADICTIONS = sql`json((SELECT json_group_array(json_array(${fitmentReportsTable.vehicleMake}, ${fitmentReportsTable.vehicleModel}, ${fitmentReportsTable.vehicleYear})) FROM ${fitmentReportsTable} WHERE ${fitmentReportsTable.partListingId} = ${partListings.id} AND ${isOpenContradiction}))`;

/*
 * A card is the listing's scanned fields with its primary photo and vehicles (kept on the listing's row), and its
 * seller's name and rating counts (kept on the seller's row). A page of cards is one statement that SQLite answers as
 * one JSON array: reading twenty rows of twenty-one values one value at a time through the driver costs twice what the
 * query and a JSON.parse do.
 */
const cardFields = [
  partListings.seq,
  partListings.id,
  partListings.title,
  partListings.partCategory,
  partListings.condition,
  partListings.priceCents,
  partListings.currency,
  partListings.vehicleMake,
  partListings.vehicleModel,
  partListings.vehicleYear,
  partListings.status,
  partListings.createdAt,
  partListings.sellerId,
  users.displayName,
  users.username,
  users.ratingCount,
  users.ratingStarTotal,
  users.verifiedRatingCount,
  // the primary photo, kept on the listing's row by triggers on the photos
  sql`${partListings.primaryPhoto} ->> 0`,
  sql`${partListings.primaryPhoto} ->> 1`,
  sql`${partListings.primaryPhoto} ->> 2`,
  // the rows "fits your vehicle" is decided on (kept on the listing's row as JSON, in position order), and buyers' open
  // contradictions of them: read with the card, so a page of cards with their verdicts is still one statement
  sql`json(${partListings.coverageJson})`,
  CONTRADICTIONS,
  partListings.city,
  partListings.country,
  partListings.lat,
  partListings.lon,
  partListings.pickupAvailable,
  partListings.shippingMode,
  partListings.shipDomesticCents,
  partListings.shipCountries,
  partListings.shipCountriesCents,
  partListings.shipWorldwideCents,
  partListings.freightOnly,
];
type CardTuple = [
  seq: number,
  id: string,
  title: string,
  partCategory: PartCategory,
  condition: Condition,
  priceCents: number,
  currency: Currency,
  vehicleMake: string,
  vehicleModel: string,
  vehicleYear: number | null,
  status: ListingStatus,
  createdAt: number,
  sellerId: string,
  sellerDisplayName: string,
  sellerUsername: string,
  ratingCount: number,
  ratingStarTotal: number,
  verifiedRatingCount: number,
  photoImageUrl: string | null,
  photoThumbnailUrl: string | null,
  photoCaption: string | null,
  coverage: KeptCoverage,
  contradictions: [make: string, model: string, year: number][],
  city: string | null,
  country: string | null,
  lat: number | null,
  lon: number | null,
  pickupAvailable: 0 | 1,
  shippingMode: ShippingMode,
  shipDomesticCents: number | null,
  shipCountries: string,
  shipCountriesCents: number | null,
  shipWorldwideCents: number | null,
  freightOnly: 0 | 1,
];

/** What a card is read for beyond the listing: the searcher's place (for distances) and country (for shipping). */
export type CardContext = { from?: LatLon | null; shipsTo?: string | null };

/** A listing's logistics as the domain's shipping rules read them. */
export function logisticsOf(l: {
  country: string | null;
  pickupAvailable: boolean;
  shippingMode: ShippingMode;
  shipDomesticCents: number | null;
  shipCountries: string;
  shipCountriesCents: number | null;
  shipWorldwideCents: number | null;
}): Logistics {
  return {
    country: l.country,
    pickupAvailable: l.pickupAvailable,
    shippingMode: l.shippingMode,
    shipDomesticCents: l.shipDomesticCents,
    shipCountries: l.shipCountries.split(',').filter(Boolean),
    shipCountriesCents: l.shipCountriesCents,
    shipWorldwideCents: l.shipWorldwideCents,
  };
}

function toCard(t: CardTuple, fitFor: BuyerVehicle | null, context: CardContext = {}) {
  const location = t[23] !== null && t[24] !== null && t[25] !== null && t[26] !== null ? { city: t[23], country: t[24], lat: t[25], lon: t[26] } : null;
  const logistics = logisticsOf({
    country: t[24],
    pickupAvailable: t[27] === 1,
    shippingMode: t[28],
    shipDomesticCents: t[29],
    shipCountries: t[30],
    shipCountriesCents: t[31],
    shipWorldwideCents: t[32],
  });
  const coverage = coverageFromKept(t[21]);
  const contradictions: FitContradiction[] = t[22].map(([make, model, year]) => ({ make, model, year }));
  return {
    id: t[1],
    title: t[2],
    partCategory: t[3],
    condition: t[4],
    priceCents: t[5],
    currency: t[6],
    vehicleMake: t[7],
    vehicleModel: t[8],
    vehicleYear: t[9],
    status: t[10],
    createdAt: new Date(t[11]),
    seller: {
      id: t[12],
      displayName: t[13],
      username: t[14],
      ratings: ratingSummaryOf({ ratingCount: t[15], ratingStarTotal: t[16], verifiedRatingCount: t[17] }),
    },
    primaryPhoto: t[18] ? { imageUrl: t[18], thumbnailUrl: t[19]!, caption: t[20] } : null,
    /** Every vehicle the listing covers, the primary one first. */
    coverage,
    /** The verdict for the caller's vehicle (`fitFor`, or the active garage vehicle); null without one. */
    fit: (fitFor ? fitVerdict(coverage, fitFor, contradictions).fitmentStatus : null) as FitmentStatus | null,
    /** Where the part is (town level); null when its seller gave no location. */
    location,
    /** Kilometres from the searcher's place, when the search gave one. */
    distanceKm: context.from && location ? roundedKm(distanceKm(context.from, location)) : null,
    pickupAvailable: logistics.pickupAvailable,
    shippingMode: logistics.shippingMode,
    freightOnly: t[33] === 1,
    /** Shipping to the country the search asked about: its price (null: quoted on request); null when not asked. */
    shippingTo: context.shipsTo ? shippingTo(logistics, context.shipsTo) : null,
  };
}
export type ListingCard = ReturnType<typeof toCard>;

/** Contradictions only decide a verdict: a page read for nobody's vehicle reads none. */
const cardFieldsWithoutVerdict = cardFields.map((field) => (field === CONTRADICTIONS ? sql`json('[]')` : field));

function cardQuery(reader: ReadDb, key: 'seq' | 'id', forVehicle: boolean) {
  return prepared(reader, `cards-by-${key}${forVehicle ? '-for-vehicle' : ''}`, () =>
    reader
      .select({ cards: sql<string>`json_group_array(json_array(${sql.join(forVehicle ? cardFields : cardFieldsWithoutVerdict, sql`, `)}))` })
      .from(partListings)
      // the seller's card fields from their own index, not the primary key's index and then the seller's wide row
      .innerJoin(sql`${users} INDEXED BY users_card_idx`, eq(users.id, partListings.sellerId))
      .where(sql`${key === 'seq' ? partListings.seq : partListings.id} IN (SELECT value FROM json_each(${sql.placeholder('keys')}))`),
  );
}

/** The cards of the listings with these keys, in the order given; keys of listings that no longer exist are left out. */
async function cardsBy<K extends number | string>(db: DbOrTx, key: 'seq' | 'id', keys: K[], fitFor: BuyerVehicle | null, context?: CardContext): Promise<ListingCard[]> {
  if (keys.length === 0) return [];
  const found = await cardQuery(readerOf(db), key, fitFor !== null).get({ keys: JSON.stringify([...new Set(keys)]) });
  const at = key === 'seq' ? 0 : 1;
  const tuples = JSON.parse(found?.cards ?? '[]') as CardTuple[];
  const byKey = new Map(tuples.map((t) => [t[at] as K, toCard(t, fitFor, context)]));
  return keys.map((k) => byKey.get(k)).filter((card) => card !== undefined);
}

/** The cards of the listings with these row numbers (`seq`), in the order given. */
export const cardsBySeq = (db: DbOrTx, seqs: number[], fitFor: BuyerVehicle | null = null, context?: CardContext) => cardsBy(db, 'seq', seqs, fitFor, context);

/** The cards of the listings with these ids, in the order given. */
export const listingCards = (db: DbOrTx, ids: string[], fitFor: BuyerVehicle | null = null) => cardsBy(db, 'id', ids, fitFor);

/** What a listing's page reads beside its row, each as one JSON value. */
const buildPageParts = () => ({
  photos: jsonRows(
    {
      id: inventoryPhotos.id,
      imageUrl: inventoryPhotos.imageUrl,
      thumbnailUrl: inventoryPhotos.thumbnailUrl,
      caption: inventoryPhotos.caption,
      angle: inventoryPhotos.angle,
      isPrimary: inventoryPhotos.isPrimary,
      width: inventoryPhotos.width,
      height: inventoryPhotos.height,
    },
    { from: inventoryPhotos, where: eq(inventoryPhotos.partListingId, partListings.id), orderBy: sql`${inventoryPhotos.isPrimary} DESC, ${inventoryPhotos.createdAt}` },
  ),
  partNumbers: partNumbersJson(partListings.seq),
  fitmentReports: fitmentReportsJson(partListings.id),
});
// built on first use: the modules these come from import this one's neighbours, so they are not ready at load
let pageParts: ReturnType<typeof buildPageParts> | undefined;

export async function listingDetail(db: DbOrTx, listing: ListingWithSeller, viewer: Viewer, now: Date) {
  const reader = readerOf(db);
  const privileged = isListingOwner(listing, viewer) || viewer?.role === 'operator';
  // one statement for everything the page adds to the listing's row
  const parts = (pageParts ??= buildPageParts());
  const found = await prepared(reader, 'listing-page', () =>
    reader
      .select({
        photos: parts.photos.sql,
        partNumbers: parts.partNumbers.sql,
        fitmentReports: parts.fitmentReports.sql,
        answers: inquiryAnswersJson(partListings.sellerId, sql.placeholder('since')),
        fitmentRecord: sellerFitmentRecordJson(partListings.sellerId),
      })
      .from(partListings)
      .where(eq(partListings.seq, sql.placeholder('seq'))),
  ).get({ seq: listing.seq, since: inquiryAnswersSince(now) });
  if (!found) throw new DomainError('NOT_FOUND', 'Listing not found');
  const photos = parts.photos.decode(found.photos);
  const coverage = coverageOfRow(listing);
  const partNumbers = parts.partNumbers.decode(found.partNumbers);
  const fitmentReports = fitmentReportsSummary(parts.fitmentReports.decode(found.fitmentReports), privileged);
  // the seller may since have become a buyer (an operator changed the role): then there is no public profile
  const seller = listing.seller.role === 'seller' ? sellerProfileFrom(listing.seller, found) : null;
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
    /** Every vehicle the part fits, the primary vehicle (the seed's three fields) first. */
    coverage,
    partNumbers,
    /** Buyers' reports after completed purchases: confirmations for everyone, "did not fit" notes for the seller and operators. */
    fitmentReports,
    compatibilityNotes: listing.compatibilityNotes,
    /** What the buyer is promised: days to return it and days of warranty (0: none), a refundable core charge. */
    returnsDays: listing.returnsDays,
    warrantyDays: listing.warrantyDays,
    coreChargeCents: listing.coreChargeCents,
    donorMileageKm: listing.donorMileageKm,
    damageNotes: listing.damageNotes,
    /** Where the part is: town, postal code and the town's coordinates; null when the seller gave no location. */
    location:
      listing.city && listing.country && listing.lat !== null && listing.lon !== null
        ? { placeId: listing.placeId, city: listing.city, country: listing.country, postalCode: listing.postalCode, lat: listing.lat, lon: listing.lon, ownSite: listing.ownSite }
        : null,
    /** How the part travels: pickup and its notes, shipping by zone (null price: quoted on request), freight, handling time. */
    pickupAvailable: listing.pickupAvailable,
    pickupNotes: listing.pickupNotes,
    shippingMode: listing.shippingMode,
    shipDomesticCents: listing.shipDomesticCents,
    shipCountries: logisticsOf(listing).shipCountries,
    shipCountriesCents: listing.shipCountriesCents,
    shipWorldwideCents: listing.shipWorldwideCents,
    shippingZones: shippingZones(logisticsOf(listing)),
    freightOnly: listing.freightOnly,
    handlingDays: listing.handlingDays,
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
  const rows = await readerOf(db)
    .select({ seq: partListings.seq, id: partListings.id, createdAt: partListings.createdAt, version: partListings.version, moderationReason: partListings.moderationReason })
    .from(partListings)
    .where(and(eq(partListings.sellerId, sellerId), input.status ? eq(partListings.status, input.status) : undefined, paging.after))
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit, (r) => ({ time: r.createdAt, id: r.id }), paging.order);
  const cards = await cardsBySeq(db, page.items.map((r) => r.seq));
  const rowById = new Map(page.items.map((r) => [r.id, r]));
  return {
    items: cards.map((card) => ({ ...card, version: rowById.get(card.id)!.version, moderationReason: rowById.get(card.id)!.moderationReason })),
    nextCursor: page.nextCursor,
  };
}
