import { fitmentReports as fitmentReportsTable, inventoryPhotos, listingCardTexts, partListings, ratingAverageOf, readerOf, users, type DbOrTx, type ReadDb } from '@carparts/db';
import { DomainError, distanceKm, fitVerdict, isListingOwner, roundedKm, shippingTo, shippingZones, type LatLon, type Logistics, type ShippingMode, type ShippingOffer, type BuyerVehicle, type Condition, type CoverageRow, type Currency, type FitContradiction, type FitmentStatus, type ListingStatus, type PartCategory } from '@carparts/domain';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { prepared } from './prepared.ts';
import { listingWithSeller, sellerColumns, visibleOrNotFound, type ListingWithSeller, type Viewer } from './listing-rows.ts';
import { inquiryAnswersJson, inquiryAnswersSince, sellerProfileFrom, type RatingSummary } from './accounts.ts';
import { timeOrdered, toPage } from './paging.ts';
import { coverageOfRow, isOpenContradiction, partNumbersJson } from './coverage.ts';
import { fitmentReportsJson, fitmentReportsSummary, sellerFitmentRecordJson } from './fitment.ts';
import { jsonRows } from './json-rows.ts';
import { KeptJson } from '../wire.ts';

/** What listings look like to the people reading them: cards in lists, the full page, a seller's own list. */

/** Buyers' open contradictions of a listing's rows, as a JSON array of [make, model, year]. */
const CONTRADICTIONS = sql`json((SELECT json_group_array(json_array(${fitmentReportsTable.vehicleMake}, ${fitmentReportsTable.vehicleModel}, ${fitmentReportsTable.vehicleYear})) FROM ${fitmentReportsTable} WHERE ${fitmentReportsTable.partListingId} = ${partListings.id} AND ${isOpenContradiction}))`;

/** A listing as lists show it. */
export interface ListingCard {
  id: string;
  title: string;
  partCategory: PartCategory;
  condition: Condition;
  priceCents: number;
  currency: Currency;
  vehicleMake: string;
  vehicleModel: string;
  vehicleYear: number | null;
  status: ListingStatus;
  createdAt: Date;
  seller: { id: string; displayName: string; username: string; ratings: RatingSummary };
  primaryPhoto: { imageUrl: string; thumbnailUrl: string; caption: string | null } | null;
  /** Every vehicle the listing covers, the primary one first. */
  coverage: CoverageRow[];
  /** The verdict for the caller's vehicle (`fitFor`, or the active garage vehicle); null without one. */
  fit: FitmentStatus | null;
  /** Where the part is (town level); null when its seller gave no location. */
  location: { city: string; country: string; lat: number; lon: number } | null;
  /** Kilometres from the searcher's place, when the search gave one. */
  distanceKm: number | null;
  pickupAvailable: boolean;
  shippingMode: ShippingMode;
  freightOnly: boolean;
  /** Shipping to the country the search asked about: its price (null: quoted on request); null when not asked. */
  shippingTo: ShippingOffer | null;
}

/*
 * A card is the listing's part, kept as JSON text in `listing_cards` by triggers that rewrite it with every change of
 * a field it shows (its primary photo and vehicles are copies on the listing's row, kept the same way), and its
 * seller's name and rating summary, from the seller's row. SQLite joins a page of those texts into one JSON array, so
 * a page read for nobody in particular goes to the client as SQLite wrote it; the fields that depend on who asks (the
 * fit, the distance, shipping to a country) are null in that text and filled in from the page's context values when
 * there is a context.
 */
const SELLER = sql`json_object('id', ${users.id}, 'displayName', ${users.displayName}, 'username', ${users.username},
  'ratings', json_object('average', ${ratingAverageOf(users)}, 'count', ${users.ratingCount}, 'verifiedCount', ${users.verifiedRatingCount}))`;
const CARD = sql`'{"seller":' || ${SELLER} || ',' || substr(${listingCardTexts.body}, 2)`;

/** What a card's context fields are worked out from beside the card: buyers' open contradictions of its rows and its shipping. */
type CardExtras = [
  contradictions: [make: string, model: string, year: number][],
  country: string | null,
  shipDomesticCents: number | null,
  shipCountries: string,
  shipCountriesCents: number | null,
  shipWorldwideCents: number | null,
];
const cardExtras = (forVehicle: boolean) =>
  sql`json_array(${forVehicle ? CONTRADICTIONS : sql`json('[]')`}, ${partListings.country}, ${partListings.shipDomesticCents}, ${partListings.shipCountries}, ${partListings.shipCountriesCents}, ${partListings.shipWorldwideCents})`;

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

/** What a page of cards is read for: nobody in particular, a place or a country (distance, shipping), or a vehicle (the fit). */
export type CardReading = { kind: 'none' | 'place-or-country' | 'vehicle'; fitFor: BuyerVehicle | null; context: CardContext };

export function cardReading(fitFor: BuyerVehicle | null, context: CardContext = {}): CardReading {
  return { kind: fitFor ? 'vehicle' : context.from || context.shipsTo ? 'place-or-country' : 'none', fitFor, context };
}

/**
 * The select list that writes a page of cards from the rows that {@link joinCards} joins: the cards in `order`, of the
 * rows that got one, with the values the reading's context needs.
 */
export function cardsSelection(kind: CardReading['kind'], order: SQL) {
  // a row without a card (not on the page, or its listing is gone) adds nothing, to the cards or beside them
  const only = sql` FILTER (WHERE ${listingCardTexts.seq} IS NOT NULL)`;
  return {
    cards: sql<string>`'[' || coalesce(group_concat(${CARD}, ',' ORDER BY ${order})${only}, '') || ']'`,
    count: sql<number>`count(*)${only}`,
    extras: kind === 'none' ? sql<null>`NULL` : sql<string>`json_group_array(${cardExtras(kind === 'vehicle')} ORDER BY ${order})${only}`,
  };
}

/** What {@link cardsSelection} read, one statement's worth. */
export type CardsRead = { cards: string; count: number; extras: string | null };

type CardAsWritten = Omit<ListingCard, 'createdAt'> & { createdAt: string | Date };
function readDates(cards: CardAsWritten[]): ListingCard[] {
  for (const card of cards) card.createdAt = new Date(card.createdAt);
  return cards as ListingCard[];
}

/** Where the dates of a page of `count` cards are, one array per page size (the answer's meta is written once per array). */
const datePathsBySize: (readonly string[])[] = [];
const cardDatePaths = (count: number) => (datePathsBySize[count] ??= Object.freeze(Array.from({ length: count }, (_, i) => `${i}.createdAt`)));

/** The JSON arrays of several statements' pieces of one page, in order, as one. */
const joinArrays = (texts: string[]) => (texts.length === 1 ? texts[0]! : `[${texts.map((text) => text.slice(1, -1)).filter(Boolean).join(',')}]`);

/**
 * A page of cards from what one or more statements read, in order. Without a context it stays the text SQLite wrote
 * until something reads it; with one, the fields that depend on it are worked out here.
 */
export function cardPage(pieces: CardsRead[], { kind, fitFor, context }: CardReading): KeptJson<ListingCard[]> | ListingCard[] {
  const read = pieces.filter((piece) => piece.count > 0);
  if (read.length === 0) return [];
  const text = joinArrays(read.map((piece) => piece.cards));
  if (kind === 'none') {
    const count = read.reduce((sum, piece) => sum + piece.count, 0);
    return new KeptJson(text, cardDatePaths(count), (parsed) => readDates(parsed as CardAsWritten[]));
  }
  const cards = readDates(JSON.parse(text) as CardAsWritten[]);
  const extras = JSON.parse(joinArrays(read.map((piece) => piece.extras!))) as CardExtras[];
  cards.forEach((card, i) => {
    const [contradictions, country, shipDomesticCents, shipCountries, shipCountriesCents, shipWorldwideCents] = extras[i]!;
    if (fitFor) card.fit = fitVerdict(card.coverage, fitFor, contradictions.map(([make, model, year]): FitContradiction => ({ make, model, year }))).fitmentStatus;
    if (context.from && card.location) card.distanceKm = roundedKm(distanceKm(context.from, card.location));
    if (context.shipsTo) {
      const logistics = logisticsOf({ country, pickupAvailable: card.pickupAvailable, shippingMode: card.shippingMode, shipDomesticCents, shipCountries, shipCountriesCents, shipWorldwideCents });
      card.shippingTo = shippingTo(logistics, context.shipsTo);
    }
  });
  return cards;
}

/**
 * Joins what {@link cardsSelection} reads to a statement whose rows hold a listing's `seq`: its card, its seller (from
 * the sellers' own index, not the primary key's index and then the wide row) and, when the reading has a context, the
 * listing's row for the context values. `onCard` says which card a row gets, and may say which rows get one. `query`
 * is any of Drizzle's selects in dynamic mode, whatever it has joined so far.
 */
export function joinCards<Q extends { leftJoin: (...args: any[]) => any }>(query: Q, onCard: SQL, kind: CardReading['kind']): Q {
  const joined = query.leftJoin(listingCardTexts, onCard).leftJoin(sql`${users} INDEXED BY users_card_idx`, eq(users.id, listingCardTexts.sellerId));
  return (kind === 'none' ? joined : joined.leftJoin(partListings, eq(partListings.seq, listingCardTexts.seq))) as Q;
}

function cardQuery(reader: ReadDb, key: 'seq' | 'id', kind: CardReading['kind']) {
  return prepared(reader, `cards-by-${key}-${kind}`, () => {
    const keys = reader.select(cardsSelection(kind, sql`k.key`)).from(sql`json_each(${sql.placeholder('keys')}) AS k`).$dynamic();
    if (key === 'seq') return joinCards(keys, sql`${listingCardTexts.seq} = k.value`, kind);
    return joinCards(keys.innerJoin(sql`${partListings} AS by_id`, sql`by_id.id = k.value`), sql`${listingCardTexts.seq} = by_id.seq`, kind);
  });
}

/** The cards of the listings with these keys, in the order given (each once); keys of listings that no longer exist are left out. */
async function readCards(db: DbOrTx, key: 'seq' | 'id', keys: (number | string)[], reading: CardReading) {
  if (keys.length === 0) return [];
  const found = await cardQuery(readerOf(db), key, reading.kind).get({ keys: JSON.stringify([...new Set(keys)]) });
  return cardPage([found!], reading);
}

const readNow = (cards: KeptJson<ListingCard[]> | ListingCard[]) => (cards instanceof KeptJson ? cards.read() : cards);

/**
 * A page of cards for an answer ({@link withKeptJson}): without a context, the text SQLite wrote, read into objects
 * only if something reads it.
 */
export const cardPageBySeq = (db: DbOrTx, seqs: number[], reading: CardReading) => readCards(db, 'seq', seqs, reading);

/** The cards of the listings with these row numbers (`seq`), in the order given. */
export const cardsBySeq = async (db: DbOrTx, seqs: number[], fitFor: BuyerVehicle | null = null, context?: CardContext) => readNow(await readCards(db, 'seq', seqs, cardReading(fitFor, context)));

/** The cards of the listings with these ids, in the order given. */
export const listingCards = async (db: DbOrTx, ids: string[], fitFor: BuyerVehicle | null = null) => readNow(await readCards(db, 'id', ids, cardReading(fitFor)));

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

/** The select list of what a listing's page adds to its row, for a statement over `part_listings`. */
function pageSelection() {
  const parts = (pageParts ??= buildPageParts());
  return {
    photos: parts.photos.sql,
    partNumbers: parts.partNumbers.sql,
    fitmentReports: parts.fitmentReports.sql,
    answers: inquiryAnswersJson(partListings.sellerId, sql.placeholder('since')),
    fitmentRecord: sellerFitmentRecordJson(partListings.sellerId),
  };
}
type PageRead = { [K in keyof ReturnType<typeof pageSelection>]: string };

export async function listingDetail(db: DbOrTx, listing: ListingWithSeller, viewer: Viewer, now: Date) {
  const reader = readerOf(db);
  // one statement for everything the page adds to the listing's row
  const found = await prepared(reader, 'listing-page', () => reader.select(pageSelection()).from(partListings).where(eq(partListings.seq, sql.placeholder('seq')))).get({
    seq: listing.seq,
    since: inquiryAnswersSince(now),
  });
  if (!found) throw new DomainError('NOT_FOUND', 'Listing not found');
  return detailOf(listing, found, viewer);
}

/** A listing's page as `viewer` may see it ({@link visibleListing}'s rule), its row and all the page adds read in one statement. */
export async function visibleListingPage(db: DbOrTx, id: string, viewer: Viewer, now: Date) {
  const reader = readerOf(db);
  const found = await prepared(reader, 'listing-page-by-id', () =>
    reader
      .select({ listing: partListings, seller: sellerColumns, page: pageSelection() })
      .from(partListings)
      .innerJoin(users, eq(users.id, partListings.sellerId))
      .where(eq(partListings.id, sql.placeholder('id'))),
  ).get({ id, since: inquiryAnswersSince(now) });
  const listing = visibleOrNotFound(found && listingWithSeller(found), viewer);
  return detailOf(listing, found!.page, viewer);
}

function detailOf(listing: ListingWithSeller, found: PageRead, viewer: Viewer) {
  const parts = (pageParts ??= buildPageParts());
  const privileged = isListingOwner(listing, viewer) || viewer?.role === 'operator';
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
