import { listingCardTexts, listingCoverage, listingGeo, listingSeqOfMatch, partListings, partListingsFts, readerOf, vehicleYearFacets, type DbOrTx, type ReadDb } from '@carparts/db';
import { DomainError, PART_CATEGORY_CODES, decodeCursor, encodeCursor, makeKey, modelKey, type BuyerVehicle, type Condition, type Currency, type ListingSort, type ListingStatus, type PartCategory, type SearchListingsInput } from '@carparts/domain';
import { and, asc, count, desc, eq, gt, lt, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { union } from 'drizzle-orm/sqlite-core';
import { suspendedSellerIds } from './listing-rows.ts';
import { cardPage, cardPageBySeq, cardReading, cardsBySeq, cardsSelection, joinCards, type CardReading, type CardsRead } from './listing-views.ts';
import { withKeptJson } from '../wire.ts';
import { timeOrdered, toPage } from './paging.ts';
import { prepared, QueryValues } from './prepared.ts';
import { listingsWithPartNumber } from './coverage.ts';
import { LISTINGS_BY_CELL, cellConditions, coverageRows, degreeConditions, filterConditions, ftsQuery, inRowList, priceCurrency, vehicleConditions, vehicleCovers, walksDegrees, type GeoFilter } from './search-filters.ts';
import { qualified } from './json-rows.ts';
import { countsInCircle, geoFilter, nearestFirst, placesQuery } from './geo-search.ts';

/** Where a page of search results ends: the sort, its first key (time, price or relevance tier) and the listing's seq. */
export type Cursor = { k: ListingSort; a: number; s: number; t?: number };

function readCursor(cursor: string, sort: ListingSort): Cursor {
  if (sort === 'distance') {
    // nearest first: the distance in metres, then newest first among listings as near
    const [a, t, s] = decodeCursor(cursor, [sort], ['number', 'number', 'number'] as const).after;
    return { k: sort, a, t, s };
  }
  const [a, s] = decodeCursor(cursor, [sort], ['number', 'number'] as const).after;
  if (sort === 'relevance' && a !== 1 && a !== 2 && a !== 3) throw new DomainError('BAD_REQUEST', 'cursor: not a cursor this list returned', { cursor: ['Invalid cursor'] });
  return { k: sort, a, s };
}

/** The columns a page is ordered by: the listing's own, or their copies on the coverage rows a vehicle search walks. */
type Source = { createdAt: SQL; priceCents: SQL; seq: SQL };
const LISTINGS: Source = { createdAt: sql`${partListings.createdAt}`, priceCents: sql`${partListings.priceCents}`, seq: sql`${partListings.seq}` };
const COVERAGE: Source = { createdAt: sql`${listingCoverage.createdAt}`, priceCents: sql`${listingCoverage.priceCents}`, seq: sql`${listingCoverage.listingSeq}` };

function keysetCondition(cursor: Cursor, values: QueryValues, on: Source): SQL | undefined {
  if (cursor.k === 'relevance') return undefined;
  values.flag(`after-${cursor.k}`);
  const a = values.bind('afterKey', cursor.a);
  const seq = values.bind('afterSeq', cursor.s);
  switch (cursor.k) {
    case 'newest':
      return or(lt(on.createdAt, a), and(eq(on.createdAt, a), lt(on.seq, seq)));
    case 'price_asc':
      return or(gt(on.priceCents, a), and(eq(on.priceCents, a), gt(on.seq, seq)));
    case 'price_desc':
      return or(lt(on.priceCents, a), and(eq(on.priceCents, a), lt(on.seq, seq)));
    case 'distance':
      return undefined;
  }
}

function nextCursor(sort: ListingSort, last: Hit): string {
  return encodeCursor(sort, sort === 'distance' ? [last.key, last.time!, last.seq] : [last.key, last.seq]);
}

/**
 * How many matches the category counts read at most. Up to this many the counts are exact; past it they are the
 * counts among the matches read, which the answer marks as lower bounds ("1,000+"), so that a broad search costs no
 * more to count than a narrow one and needs no cache. Text matches each cost a row lookup from the full-text index,
 * so fewer of them are read.
 */
export const COUNTED_MATCHES_LIMIT = 1_000;
export const COUNTED_TEXT_MATCHES_LIMIT = 200;

/** Every category at zero, to fill in from the counted rows. */
const noCounts = () => Object.fromEntries(PART_CATEGORY_CODES.map((c) => [c, 0])) as Record<PartCategory, number>;

/**
 * A search by make, model and year and nothing else that narrows listings (the category filter is left out of its own
 * counts) is counted from the counts the triggers keep per model year: a few rows, exact.
 */
function countsKeptPerYear(input: SearchListingsInput, match: string | null, suspendedSellers: readonly string[], partNumberSeqs: number[] | null): boolean {
  return (
    input.make !== undefined &&
    input.model !== undefined &&
    input.year !== undefined &&
    match === null &&
    partNumberSeqs === null &&
    suspendedSellers.length === 0 &&
    !input.conditions?.length &&
    input.minPriceCents === undefined &&
    input.maxPriceCents === undefined &&
    input.sellerId === undefined &&
    !input.withWarranty &&
    !input.returnsAccepted &&
    !input.shipsTo &&
    !input.pickupOnly &&
    input.withinKm === undefined
  );
}

async function yearFacetCounts(db: DbOrTx, input: SearchListingsInput, currency: Currency | undefined) {
  const reader = readerOf(db);
  const values = new QueryValues();
  const where = [
    eq(vehicleYearFacets.makeKey, values.bind('makeKey', makeKey(input.make!))),
    eq(vehicleYearFacets.modelKey, values.bind('modelKey', modelKey(input.model!))),
    // rows without years fit any year: they are counted under year 0
    sql`${vehicleYearFacets.year} IN (${values.bind('year', input.year!)}, 0)`,
  ];
  if (currency) where.push(eq(vehicleYearFacets.currency, values.bind('currency', currency)));
  const rows = await prepared(reader, values.key('year-facet-counts'), () =>
    reader
      .select({ category: vehicleYearFacets.partCategory, n: sql<number>`sum(${vehicleYearFacets.activeListings})` })
      .from(vehicleYearFacets)
      .where(and(...where))
      .groupBy(vehicleYearFacets.partCategory),
  ).all(values.values);
  const counts = noCounts();
  for (const r of rows) if (r.category in counts) counts[r.category as PartCategory] = Number(r.n);
  return { counts, complete: true };
}

/** Active listings per category for the current filters, leaving out the category filter itself. */
export async function categoryCounts(
  db: DbOrTx,
  input: SearchListingsInput & { geo?: GeoFilter | null },
  suspendedSellers: readonly string[],
  partNumberSeqs: number[] | null,
): Promise<{ counts: Record<PartCategory, number>; complete: boolean }> {
  const currency = priceCurrency(input, input.sort) ?? undefined;
  const match = ftsQuery(input.q);
  if (countsKeptPerYear(input, match, suspendedSellers, partNumberSeqs)) return yearFacetCounts(db, input, currency);
  const limit = match ? COUNTED_TEXT_MATCHES_LIMIT : COUNTED_MATCHES_LIMIT;
  const reader = readerOf(db);
  const values = new QueryValues();
  const walk = !match && walksCoverage(input, null);
  // within a distance (and not from text or a vehicle's rows) the counts stream from the grid's cells or the R*Tree's
  // box, in the index's own order, and stop at the limit like any other count
  const fromBox = !!input.geo && !match && !walk && partNumberSeqs === null;
  const geo = input.geo && { ...input.geo, fromBox: false };
  const inCircle = fromBox ? await countsInCircle(reader, { ...input, currency, geo: input.geo! }, suspendedSellers, limit) : null;
  if (inCircle) return countsOf(inCircle, limit);
  if (fromBox) values.flag('counts-from-box');
  const byDegree = walk && !!input.geo && walksDegrees(input);
  const conditions = filterConditions({ ...input, currency, geo: byDegree ? null : geo }, null, undefined, { suspendedSellers, fromTextMatches: match !== null || partNumberSeqs !== null || fromBox }, values, walk);
  const { onRows: walkConditions, onListing } = vehicleConditions({ ...input, currency }, walk, undefined, values);
  if (byDegree) walkConditions.push(...degreeConditions(input.geo!, values));
  conditions.push(...onListing);
  if (partNumberSeqs) conditions.push(inRowList(partNumberSeqs, values));
  values.bind('limit', limit + 1);
  // a walk joins the listing only for conditions the rows' copies cannot answer
  const joined = walk && conditions.length > 0;
  const categoryOfListing = sql<string>`${partListings.partCategory}`.as('category');
  const rows = await prepared(reader, `${values.key(match ? 'text-counts' : walk ? 'coverage-counts' : 'counts')}|${joined ? 'joined' : ''}`, () => {
    const listings = match
      ? reader
          .select({ category: categoryOfListing })
          .from(partListingsFts)
          .innerJoin(partListings, eq(partListings.seq, listingSeqOfMatch))
          .where(and(sql`part_listings_fts MATCH ${sql.placeholder('match')}`, ...conditions))
      : walk
        ? // a listing's rows for one model may be several: each listing counts once; the category is the rows' copy
          reader
            .selectDistinct({ seq: sql<number>`${qualified(listingCoverage.listingSeq)}`, category: sql<string>`${qualified(listingCoverage.partCategory)}`.as('category') })
            .from(coverageRows(byDegree ? 'degrees' : 'model', joined))
            .where(and(...walkConditions, ...conditions))
        : fromBox
          ? reader
              .select({ category: categoryOfListing })
              .from(listingGeo)
              .innerJoin(partListings, eq(partListings.seq, listingGeo.id))
              .where(
                and(
                  sql`${listingGeo.minLat} >= ${sql.placeholder('boxMinLat')} AND ${listingGeo.maxLat} <= ${sql.placeholder('boxMaxLat')} AND ${listingGeo.minLon} >= ${sql.placeholder('boxMinLon')} AND ${listingGeo.maxLon} <= ${sql.placeholder('boxMaxLon')}`,
                  ...conditions,
                ),
              )
          : reader.select({ category: categoryOfListing }).from(partListings).where(and(...conditions));
    const matches = listings.limit(sql.placeholder('limit')).as('matches');
    return reader.select({ category: matches.category, n: count() }).from(matches).groupBy(sql`category`);
  }).all(match ? { ...values.values, match } : values.values);
  return countsOf(rows, limit);
}

/** Counts per category from the grouped rows of a count that read at most `limit` + 1 matches. */
function countsOf(rows: { category: string; n: number }[], limit: number) {
  const counts = noCounts();
  let read = 0;
  for (const r of rows) {
    counts[r.category as PartCategory] = r.n;
    read += r.n;
  }
  return { counts, complete: read <= limit };
}

/** A result found by an index walk: its row number and the key it is ordered by (time or price; the tier for relevance). */
export type Hit = { seq: number; key: number; time?: number };

type WalkedSort = Exclude<ListingSort, 'relevance' | 'distance'>;
const ORDER: Record<WalkedSort, { key: SQL<number>; sql: SQL[] }> = {
  newest: {
    key: sql<number>`${partListings.createdAt}`,
    sql: [desc(partListings.createdAt), desc(partListings.seq)],
  },
  price_asc: { key: sql<number>`${partListings.priceCents}`, sql: [asc(partListings.priceCents), asc(partListings.seq)] },
  price_desc: { key: sql<number>`${partListings.priceCents}`, sql: [desc(partListings.priceCents), desc(partListings.seq)] },
};

const COVERAGE_ORDER: Record<WalkedSort, { key: SQL<number>; sql: SQL[] }> = {
  newest: { key: sql<number>`${qualified(listingCoverage.createdAt)}`, sql: [desc(listingCoverage.createdAt), desc(listingCoverage.listingSeq)] },
  price_asc: { key: sql<number>`${qualified(listingCoverage.priceCents)}`, sql: [asc(listingCoverage.priceCents), asc(listingCoverage.listingSeq)] },
  price_desc: { key: sql<number>`${qualified(listingCoverage.priceCents)}`, sql: [desc(listingCoverage.priceCents), desc(listingCoverage.listingSeq)] },
};

/** Newest first over rows found through the price index: the unary + sorts them instead of walking the time index. */
const NEWEST_FROM_PRICE_RANGE = { ...ORDER.newest, sql: [desc(sql`+${partListings.createdAt}`), desc(partListings.seq)] };

/** The orders over a list of rows found elsewhere (a part number's listings), sorted rather than walked. */
const FROM_ROW_LIST: typeof ORDER = {
  newest: { key: ORDER.newest.key, sql: [desc(sql`+${partListings.createdAt}`), desc(partListings.seq)] },
  price_asc: { key: ORDER.price_asc.key, sql: [asc(sql`+${partListings.priceCents}`), asc(partListings.seq)] },
  price_desc: { key: ORDER.price_desc.key, sql: [desc(sql`+${partListings.priceCents}`), desc(partListings.seq)] },
};

/** A price range with at most this many matches is read through the price index and sorted; a broader one is not. */
const NARROW_PRICE_RANGE_ROWS = 500;

/**
 * Whether a newest-first search's price range is narrow. Walking the time index and checking prices stops after a page
 * when matches are common, but reads the whole category when they are rare; reading a narrow range through the price
 * index and sorting it is then cheap. Counting at most {@link NARROW_PRICE_RANGE_ROWS} index entries decides.
 */
async function inNarrowPriceRange(db: DbOrTx, input: SearchListingsInput, match: string | null, suspendedSellers: readonly string[], geo: GeoFilter | null): Promise<boolean> {
  if ((input.minPriceCents === undefined && input.maxPriceCents === undefined) || match || input.make || input.partNumber || input.year !== undefined || geo?.fromBox || geo?.places || geo?.fromCells) return false;
  const reader = readerOf(db);
  const values = new QueryValues();
  const conditions = filterConditions({ ...input, currency: priceCurrency(input, 'newest') ?? undefined, geo }, null, undefined, { suspendedSellers }, values);
  if (input.partCategory) conditions.push(eq(partListings.partCategory, values.bind('category', input.partCategory)));
  const found = await prepared(reader, values.key('price-range-size'), () => {
    const inRange = reader.select({ one: sql`1` }).from(partListings).where(and(...conditions)).limit(NARROW_PRICE_RANGE_ROWS + 1).as('in_range');
    return reader.select({ n: count() }).from(inRange);
  }).get(values.values);
  return (found?.n ?? 0) <= NARROW_PRICE_RANGE_ROWS;
}

/**
 * Relevance in tiers: listings whose title has every term as a whole word come first, then those whose title has the
 * last term only as the start of a longer word, then those matching in notes, category or vehicle; newest first within
 * a tier. Unlike bm25, which scores every match before it can return the first page, each tier streams from the
 * full-text index in rowid order, so a page costs about the same at a thousand matches or a hundred thousand, and
 * pages by keyset like the other sorts. The whole-word tier comes first because it is also the cheap one: a prefix
 * query (`"sens"*`) merges the full lists of every word it matches before it returns a row, a whole word streams.
 */
type RelevanceTier = 1 | 2 | 3;
function relevanceTiers(text: string | undefined): { tier: RelevanceTier; match: string }[] | null {
  const prefix = ftsQuery(text, 'prefix');
  const word = ftsQuery(text, 'word');
  if (!prefix || !word) return null;
  return [
    { tier: 1, match: `title : (${word})` },
    ...(word === prefix ? [] : [{ tier: 2 as const, match: `title : (${prefix}) NOT title : (${word})` }]),
    { tier: 3, match: `(${prefix}) NOT title : (${prefix})` },
  ];
}

/**
 * Whether a search by vehicle walks the coverage rows: in the order of the page, through an index that holds the
 * vehicle, the sort key and the years, stopping at the page's end. Text (relevance) and part-number searches start
 * from their own few rows instead and check the vehicle on each.
 */
function walksCoverage(input: SearchListingsInput, match: string | null, sort?: ListingSort): boolean {
  return input.make !== undefined && !input.partNumber && !(match && sort === 'relevance') && sort !== 'distance';
}

/**
 * A walk's hits and its page's cards in one statement. `walk` gives the hits as (seq, key) in the page's order, up to
 * `take` (a page and one more, which tells whether there is a next page); the cards are those of the first `room` of
 * them, read by the same statement and so from the same snapshot of the database.
 */
async function hitsWithCards(
  reader: ReadDb,
  shape: string,
  sort: WalkedSort | 'relevance',
  reading: CardReading,
  values: Record<string, unknown>,
  walk: () => SQLWrapper,
): Promise<CardsRead & { hits: Hit[] }> {
  // every walk orders by its key, then its row number, the same way (relevance: one tier's key, newest first)
  const direction = sort === 'price_asc' ? sql`ASC` : sql`DESC`;
  const found = await prepared(reader, `${shape}|cards-${reading.kind}`, () => {
    const hits = reader
      .select({ hits: sql<string>`json_group_array(json_array(hit.seq, hit.key) ORDER BY hit.n)`, ...cardsSelection(reading.kind, sql`hit.n`) })
      .from(sql`(SELECT seq, key, row_number() OVER (ORDER BY key ${direction}, seq ${direction}) AS n FROM (${walk()})) AS hit`)
      .$dynamic();
    return joinCards(hits, sql`${listingCardTexts.seq} = hit.seq AND hit.n <= ${sql.placeholder('room')}`, reading.kind);
  }).get(values);
  const { hits, ...cards } = found!;
  return { ...cards, hits: (JSON.parse(hits) as [number, number][]).map(([seq, key]) => ({ seq, key })) };
}

/**
 * `listings.search`: active listings only, filtered on allow-listed public fields, sorted by a closed set of keys,
 * paged by keyset cursors. Each card carries `fit` for `fitFor` (the caller's vehicle), from the card's own coverage
 * rows read in the same statement.
 */
export async function searchListings(db: DbOrTx, input: SearchListingsInput, fitFor: BuyerVehicle | null = null) {
  const match = ftsQuery(input.q);
  const sort: ListingSort = input.sort ?? (match ? 'relevance' : 'newest');
  if (sort === 'relevance' && !match) {
    throw new DomainError('BAD_REQUEST', 'sort: relevance needs search text', { sort: ['Relevance needs search text'] });
  }
  const cursor = input.cursor ? readCursor(input.cursor, sort) : null;
  const { center, geo: foundGeo } = await geoFilter(db, input, sort);
  const partNumberSeqs = input.partNumber ? await listingsWithPartNumber(db, input.partNumber) : null;
  if (partNumberSeqs?.length === 0) {
    const none = input.withCounts && !input.cursor ? { counts: noCounts(), complete: true } : null;
    return { items: [], nextCursor: null, sort, priceCurrency: priceCurrency(input, sort), categoryCounts: none?.counts ?? null, categoryCountsComplete: none?.complete ?? null, withinKm: foundGeo?.km ?? null };
  }

  const suspendedSellers = await suspendedSellerIds(db);
  const walk = walksCoverage(input, match, sort);
  // the box's rows start the query only where nothing else does: not under a text, part-number or vehicle walk
  // nearest first always starts from the box (of each ring it reads)
  const geo = foundGeo && { ...foundGeo, fromBox: sort === 'distance' || (foundGeo.fromBox && !walk && sort !== 'relevance' && partNumberSeqs === null) };
  const narrow = sort === 'newest' && (await inNarrowPriceRange(db, input, match, suspendedSellers, geo));
  const values = new QueryValues();
  // a narrow price range is read through the price index and its few rows sorted by time; otherwise newest-first walks
  // the time index and checks prices on the way, which stops early when matches are common
  // on a walk of the coverage rows, `conditions` are what only the listing row can answer (the listing is joined only
  // for them), `walkConditions` what the rows' copies answer inside the index
  // a part number's listings, like a small box's, are a short list of row numbers: the query starts from them (the
  // unary + in the filters and the order keeps SQLite from walking an index of every active listing instead)
  const fromList = partNumberSeqs !== null || !!geo?.fromBox;
  // a walk of one model's rows within a distance reads the rows of the degrees around the circle, which hold the
  // listing's coordinates
  const byDegree = walk && !!geo && walksDegrees(input);
  const conditions = filterConditions({ ...input, geo: byDegree ? null : geo }, sort === 'relevance' ? null : match, narrow || fromList ? undefined : sort, { suspendedSellers, fromTextMatches: fromList }, values, walk);
  // a model and a year walk the model's rows of that year and its rows that span years apart, and merge them
  const yearRuns = walk && !byDegree && input.model !== undefined && input.year !== undefined;
  if (yearRuns) values.flag('year-runs');
  const { onRows: walkConditions, onListing, spanningRows: spanningConditions } = vehicleConditions(input, walk, sort, values, yearRuns);
  const onEveryWalk = (condition: SQL) => {
    walkConditions.push(condition);
    spanningConditions?.push(condition);
  };
  if (byDegree) walkConditions.push(...degreeConditions(geo!, values));
  conditions.push(...onListing);
  if (input.partCategory) {
    const category = values.bind('category', input.partCategory);
    if (walk) onEveryWalk(eq(listingCoverage.partCategory, category));
    else conditions.push(eq(partListings.partCategory, category));
  }
  if (partNumberSeqs) conditions.push(inRowList(partNumberSeqs, values));
  const keyset = cursor && keysetCondition(cursor, values, walk ? COVERAGE : LISTINGS);
  if (keyset) {
    if (walk) onEveryWalk(keyset);
    else conditions.push(keyset);
  }
  values.bind('take', input.limit + 1);
  const take = sql.placeholder('take');

  const reader = readerOf(db);
  const reading = cardReading(fitFor, { from: center, shipsTo: input.shipsTo ?? null });
  // the walks below that are one statement read their page's cards in that statement; the others read them after
  let cardPieces: CardsRead[] | null = null;
  const walkWithCards = async (order: WalkedSort, shape: string, walk: () => SQLWrapper) => {
    const { hits, ...cards } = await hitsWithCards(reader, shape, order, reading, { ...values.values, room: input.limit }, walk);
    cardPieces = [cards];
    return hits;
  };
  let rows: Hit[];
  if (sort === 'relevance') {
    rows = [];
    cardPieces = [];
    const start = cursor?.k === 'relevance' ? cursor.a : 1;
    for (const { tier, match: tierMatch } of relevanceTiers(input.q)!.filter(({ tier }) => tier >= start)) {
      const after = cursor?.k === 'relevance' && cursor.a === tier;
      const tierValues = { ...values.values, tierMatch, tier, take: input.limit + 1 - rows.length, room: input.limit - rows.length, afterSeq: cursor?.s };
      const { hits, ...cards } = await hitsWithCards(reader, `${values.key('relevance')}|${after ? 'after' : ''}`, 'relevance', reading, tierValues, () =>
        reader
          .select({ seq: sql<number>`${partListings.seq}`.as('seq'), key: sql<number>`${sql.placeholder('tier')}`.as('key') })
          .from(partListingsFts)
          .innerJoin(partListings, eq(partListings.seq, listingSeqOfMatch))
          .where(
            and(
              sql`part_listings_fts MATCH ${sql.placeholder('tierMatch')}`,
              ...conditions,
              after ? gt(partListingsFts.rowid, sql`-${sql.placeholder('afterSeq')}`) : undefined,
            ),
          )
          // newest first is the index's own ascending order (its rowid is -seq), which it streams and stops early
          .orderBy(asc(partListingsFts.rowid))
          .limit(take),
      );
      rows.push(...hits);
      cardPieces.push(cards);
      if (rows.length > input.limit) break;
    }
  } else if (sort === 'distance') {
    rows = await nearestFirst(reader, input, { center: center!, geo: geo!, cursor, suspendedSellers, conditions, values });
  } else if (walk) {
    // a listing's rows for one model come out of the index side by side (its seq follows the sort key), so DISTINCT
    // drops the repeats without reading past the page
    const order = COVERAGE_ORDER[sort];
    const joined = conditions.length > 0;
    if (byDegree && sort !== 'newest') {
      // within a degree the model's rows are in price order (the currency is fixed): each degree gives its first page,
      // and the page is chosen among them
      const pages = await prepared(reader, `${values.key(`degree-pages-${sort}`)}|${joined ? 'joined' : ''}`, () => {
        const firstOfDegree = reader
          .selectDistinct({ seq: sql<number>`${qualified(listingCoverage.listingSeq)}`.as('seq'), key: sql<number>`${order.key}`.as('key') })
          .from(coverageRows('degree', joined))
          .where(and(...walkConditions, ...conditions))
          .orderBy(...order.sql)
          .limit(take);
        return reader.select({ page: sql<string | null>`(SELECT json_group_array(json_array(seq, key)) FROM ${firstOfDegree})` }).from(sql`json_each(${sql.placeholder('degrees')}) AS degree`);
      }).all(values.values);
      const direction = sort === 'price_asc' ? 1 : -1;
      rows = pages
        .flatMap(({ page }) => (page ? (JSON.parse(page) as [number, number][]) : []))
        .map(([seq, key]) => ({ seq, key }))
        .sort((a, b) => direction * (a.key - b.key || a.seq - b.seq))
        .slice(0, input.limit + 1);
    } else if (spanningConditions) {
      // UNION of two walks in the same order, with the ORDER BY on the compound: SQLite merges the two index walks
      // and stops at the page's end; a listing found in both (a row of that year and a span holding it) is one row
      const by = sort === 'newest' ? 'newest' : 'price';
      const direction = sort === 'price_asc' ? asc : desc;
      const walkOf = (run: 'single-year' | 'spanning', onRows: SQL[]) =>
        reader
          .select({ seq: sql<number>`${qualified(listingCoverage.listingSeq)}`.as('seq'), key: sql<number>`${order.key}`.as('key') })
          .from(coverageRows({ run, by }, joined))
          .where(and(...onRows, ...conditions));
      rows = await walkWithCards(sort, `${values.key(`coverage-${sort}`)}|${joined ? 'joined' : ''}`, () =>
        union(walkOf('single-year', walkConditions), walkOf('spanning', spanningConditions))
          .orderBy(direction(sql`key`), direction(sql`seq`))
          .limit(take),
      );
    } else {
      rows = await walkWithCards(sort, `${values.key(`coverage-${sort}`)}|${joined ? 'joined' : ''}`, () =>
        reader
          .selectDistinct({ seq: sql<number>`${qualified(listingCoverage.listingSeq)}`.as('seq'), key: sql<number>`${order.key}`.as('key') })
          .from(coverageRows(byDegree ? 'degrees' : 'model', joined))
          .where(and(...walkConditions, ...conditions))
          .orderBy(...order.sql)
          .limit(take),
      );
    }
  } else if (geo?.places) {
    const { statement, values: placeValues } = placesQuery(reader, input, 'newest', cursor, suspendedSellers);
    rows = await statement.all({ ...placeValues.values, places: JSON.stringify(geo.places.map((p) => [p.placeId, p.metres])) });
  } else if (geo?.fromCells) {
    // the grid index's runs for the cells around the circle hold the sort keys and filters: each cell gives its own
    // first page (read in index order when newest first), and the page is chosen among those
    const cellValues = new QueryValues();
    const conditions = cellConditions(input, geo, sort, suspendedSellers, cellValues);
    const after = cursor && keysetCondition(cursor, cellValues, LISTINGS);
    if (after) conditions.push(after);
    cellValues.bind('take', input.limit + 1);
    const order = ORDER[sort];
    rows = await prepared(reader, cellValues.key(`cells-${sort}`), () => {
      const firstOfCell = reader.select({ seq: sql<number>`${partListings.seq}` }).from(LISTINGS_BY_CELL).where(and(...conditions)).orderBy(...order.sql).limit(take);
      return reader
        .select({ seq: sql<number>`${partListings.seq}`, key: order.key })
        .from(sql`json_each(${sql.placeholder('cells')}) AS cell JOIN ${partListings} ON ${partListings.seq} IN ${firstOfCell}`)
        .orderBy(...order.sql)
        .limit(take);
    }).all(cellValues.values);
  } else {
    const order = fromList ? FROM_ROW_LIST[sort] : narrow ? NEWEST_FROM_PRICE_RANGE : ORDER[sort];
    if (narrow) values.flag('narrow');
    rows = await walkWithCards(sort, values.key(`search-${sort}`), () =>
      reader
        .select({ seq: sql<number>`${partListings.seq}`.as('seq'), key: sql<number>`${order.key}`.as('key') })
        .from(partListings)
        .where(and(...conditions))
        .orderBy(...order.sql)
        .limit(take),
    );
  }

  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const hasMore = rows.length > input.limit;
  const counts = input.withCounts && !input.cursor ? await categoryCounts(db, { ...input, geo: foundGeo }, suspendedSellers, partNumberSeqs) : null;
  return withKeptJson({
    items: cardPieces ? cardPage(cardPieces, reading) : await cardPageBySeq(db, page.map((hit) => hit.seq), reading),
    nextCursor: hasMore && last ? nextCursor(sort, last) : null,
    sort,
    /** The currency prices were filtered and sorted in; null when the search compared no prices. */
    priceCurrency: priceCurrency(input, sort),
    categoryCounts: counts?.counts ?? null,
    /** False when the counts stopped early ({@link COUNTED_MATCHES_LIMIT}): each is then a lower bound. */
    categoryCountsComplete: counts?.complete ?? null,
    /** The distance the results were limited to, in km; null without a distance filter. */
    withinKm: foundGeo?.km ?? null,
  });
}

/** The operator's listing table: the shoppers' filters over every status and seller, ordered by time. */
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
  const paging = timeOrdered(partListings.createdAt, partListings.id, input.cursor, input.sort);
  const values = new QueryValues();
  const rows = await readerOf(db)
    .select({ seq: partListings.seq, id: partListings.id, createdAt: partListings.createdAt, moderationReason: partListings.moderationReason })
    .from(partListings)
    .where(
      and(
        ...filterConditions(input, ftsQuery(input.q), undefined, 'operators', values),
        input.status ? eq(partListings.status, input.status) : undefined,
        vehicleCovers(input, values),
        input.partCategory ? eq(partListings.partCategory, input.partCategory) : undefined,
        paging.after,
      ),
    )
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1)
    .prepare()
    .all(values.values);
  const page = toPage(rows, input.limit, (r) => ({ time: r.createdAt, id: r.id }), paging.order);
  const reasons = new Map(page.items.map((r) => [r.id, r.moderationReason]));
  const cards = await cardsBySeq(db, page.items.map((r) => r.seq));
  return { nextCursor: page.nextCursor, items: cards.map((card) => ({ ...card, moderationReason: reasons.get(card.id) ?? null })) };
}

