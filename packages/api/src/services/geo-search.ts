import { partListings, readerOf, type DbOrTx } from '@carparts/db';
import { DomainError, MAX_CELLS, NEAREST_FIRST_RADIUS_KM, boundingBox, cellCount, cellsCovering, type Box, type LatLon, type ListingSort, type SearchListingsInput } from '@carparts/domain';
import { and, asc, count, desc, sql, type SQL } from 'drizzle-orm';
import { placeById, placesWithin } from './places.ts';
import { prepared, QueryValues } from './prepared.ts';
import type { Cursor, Hit } from './search.ts';
import { CELL_RUNS, LISTINGS_BY_CELL, LISTINGS_BY_PLACE, answeredByCells, placesWithListings, cellConditions, cellsArgument, distanceSql, placeConditions, type GeoFilter } from './search-filters.ts';

/*
 * Searches within a distance. Listings stand where their place (a town of the gazetteer) does, so a circle's listings
 * are those of the places in it: with few enough places, each place's newest listings are read through the place
 * index and no distance is measured per listing. A circle of more places is read through the grid index's cells (its
 * edge cells' listings measured one by one), and a search with filters neither index holds through the R*Tree's box
 * or an index walked in the page's own order.
 */

type Reader = ReturnType<typeof readerOf>;

/** A box with at most this many active listings is read from the R*Tree and its rows sorted. */
const SMALL_BOX_ROWS = 5_000;
/**
 * A fuller box is walked in the page's own order only when the circle itself holds this many listings (counted in the
 * square inside it): then matches come often enough for the walk to stop soon. A box that is full only in its corners
 * (the circle around a town beside a city) is read from the R*Tree like a small one.
 */
const DENSE_CIRCLE_ROWS = 4_000;

async function rowsInBox(db: DbOrTx, box: Box, atMost: number): Promise<number> {
  const reader = readerOf(db);
  const found = await prepared(reader, 'box-size', () =>
    reader
      .select({ n: sql<number>`count(*)` })
      .from(sql`(SELECT 1 FROM listing_geo WHERE min_lat >= ${sql.placeholder('minLat')} AND max_lat <= ${sql.placeholder('maxLat')} AND min_lon >= ${sql.placeholder('minLon')} AND max_lon <= ${sql.placeholder('maxLon')} LIMIT ${sql.placeholder('atMost')})`),
  ).get({ ...box, atMost: atMost + 1 });
  return found?.n ?? 0;
}

/**
 * The distance filter of a search, or null without one, and where the search starts. Nearest first without a
 * distance reads what lies within {@link NEAREST_FIRST_RADIUS_KM}. A circle of few enough places is read place by
 * place; otherwise, like a narrow price range, a box holding few listings is read from its index and sorted, and a box
 * whose circle holds many is checked on the way through the page's own order, which then stops soon.
 */
export async function geoFilter(db: DbOrTx, input: SearchListingsInput, sort: ListingSort): Promise<{ center: LatLon | null; geo: GeoFilter | null }> {
  const place = input.nearPlaceId !== undefined ? await placeById(input.nearPlaceId) : null;
  if (input.nearPlaceId !== undefined && !place) throw new DomainError('BAD_REQUEST', 'nearPlaceId: not a place we know', { nearPlaceId: ['Not a place we know: choose one from the list'] });
  const center = input.near ?? (place && { lat: place.lat, lon: place.lon });
  if (!center) return { center: null, geo: null };
  const km = input.withinKm ?? (sort === 'distance' ? NEAREST_FIRST_RADIUS_KM : null);
  if (km === null) return { center, geo: null };
  const box = boundingBox(center, km);
  // the circle starts the query only where nothing else does: not under a vehicle's rows, a part number's listings or
  // text relevance
  if (input.make !== undefined || input.partNumber || sort === 'relevance') return { center, geo: { center, km, box, fromBox: false } };
  if (answeredByCells(input) && sort === 'newest') {
    // the newest of each place in the circle, when it holds few enough places
    const places = await placesWithin(center, km, MAX_PLACES_READ);
    if (places) return { center, geo: { center, km, box, fromBox: false, places } };
  }
  // nearest first reads rings of its own, most often only the first
  if (sort === 'distance') return { center, geo: { center, km, box, fromBox: false } };
  // every filter answered by the grid index: newest first takes the first page of each cell's run, which the index
  // holds in time order; a sort by price reads the runs whole unless they are long (a dense area, where walking the
  // price index stops soon)
  if (answeredByCells(input) && cellCount(box) <= MAX_CELLS) {
    const cells = cellsCovering(box, { center, km });
    const inner = () => cellsCovering(boundingBox(center, km / 1.5), { center, km: km / 1.5 });
    const fromCells =
      sort === 'newest' || (await rowsInCells(db, cells, CELL_ROWS_READ)) <= CELL_ROWS_READ || (await rowsInCells(db, inner(), DENSE_CIRCLE_ROWS)) < DENSE_CIRCLE_ROWS;
    return { center, geo: { center, km, box, fromBox: false, fromCells, cells } };
  }
  // the square inside the circle (a box for two thirds of the radius has its corners inside it)
  const fromBox = (await rowsInBox(db, box, SMALL_BOX_ROWS)) <= SMALL_BOX_ROWS || (await rowsInBox(db, boundingBox(center, km / 1.5), DENSE_CIRCLE_ROWS)) < DENSE_CIRCLE_ROWS;
  return { center, geo: { center, km, box, fromBox } };
}

/** A search the grid index answers reads at most this many index entries of the cells around its circle. */
const CELL_ROWS_READ = 10_000;

async function rowsInCells(db: DbOrTx, cells: number[], atMost: number): Promise<number> {
  const reader = readerOf(db);
  const found = await prepared(reader, 'cells-size', () =>
    reader
      .select({ n: sql<number>`count(*)` })
      .from(sql`(SELECT 1 FROM ${LISTINGS_BY_CELL} WHERE ${partListings.status} = 'active' AND geo_cell IN (SELECT value FROM json_each(${sql.placeholder('cells')})) LIMIT ${sql.placeholder('atMost')})`),
  ).get({ cells: JSON.stringify(cells), atMost: atMost + 1 });
  return found?.n ?? 0;
}

/** Nearest first starts from this radius and doubles it until a page is full or the search's distance is reached. */
const FIRST_RING_KM = 10;
/** A ring of nearest first with more places than this is read from the grid index's cells or the R*Tree instead. */
const MAX_PLACES_READ = 2_000;

/** Where a ring of nearest first is read from: each place's first listings, the grid index's cells, the R*Tree's box. */
type RingKind = 'places' | 'cells' | 'box';

/** After the cursor's listing in newest-first order: an earlier time, or the same time and a lower seq. */
function newerFirstAfter(time: SQL, seq: SQL, cursor: Cursor, values: QueryValues): SQL {
  const after = values.bind('afterTime', cursor.k === 'distance' ? cursor.t : cursor.a);
  return sql`(${time} < ${after} OR (${time} = ${after} AND ${seq} < ${values.bind('afterSeq', cursor.s)}))`;
}

/**
 * The listings of a list of places (`places`: [place id, metres from the centre], nearest first), through the place
 * index: each place gives its newest listings that pass the filters, and the page is chosen among them, newest first
 * or nearest first (then newest). Listings stand where their place does, so no distance is measured per listing.
 */
export function placesQuery(reader: Reader, input: SearchListingsInput, sort: 'newest' | 'distance', cursor: Cursor | null, suspendedSellers: readonly string[]) {
  const values = new QueryValues();
  values.flag(`places-${sort}`);
  const metres = sql<number>`place.value ->> 1`;
  const placeId = sql`place.value ->> 0`;
  const conditions = placeConditions(input, suspendedSellers, values, placeId);
  if (cursor) {
    values.flag('after');
    const newer = newerFirstAfter(sql`${partListings.createdAt}`, sql`${partListings.seq}`, cursor, values);
    // nearest first: the place the last page stopped at continues past the listing it ended with
    conditions.push(sort === 'newest' ? newer : sql`CASE WHEN ${metres} = ${values.bind('afterKey', cursor.a)} THEN ${newer} ELSE 1 END`);
  }
  values.bind('take', input.limit + 1);
  const take = sql.placeholder('take');
  const statement = prepared(reader, values.key('search-places'), () => {
    const newestOfPlace = reader
      .select({ seq: sql<number>`${partListings.seq}` })
      .from(LISTINGS_BY_PLACE)
      .where(and(...conditions))
      .orderBy(desc(partListings.createdAt), desc(partListings.seq))
      .limit(take);
    const order = sort === 'newest' ? [] : [asc(metres)];
    return reader
      .select({ seq: sql<number>`${partListings.seq}`, key: sort === 'newest' ? sql<number>`${partListings.createdAt}` : metres, time: sql<number>`${partListings.createdAt}` })
      .from(sql`${placesWithListings(placeId)} CROSS JOIN ${partListings} ON ${partListings.seq} IN ${newestOfPlace}`)
      .orderBy(...order, desc(partListings.createdAt), desc(partListings.seq))
      .limit(take);
  });
  return { statement, values };
}

/**
 * Nearest first, then newest among listings as near. `conditions` and `values` are the search's own (with the R*Tree's
 * box), for the rings no index of places or cells answers.
 */
export async function nearestFirst(
  reader: Reader,
  input: SearchListingsInput,
  { center, geo, cursor, suspendedSellers, conditions, values }: { center: LatLon; geo: GeoFilter; cursor: Cursor | null; suspendedSellers: readonly string[]; conditions: SQL[]; values: QueryValues },
): Promise<Hit[]> {
  // nearest first reads the candidates of a circle that grows from the last distance shown: once a page is full
  // inside a radius, nothing outside it could come first, so a dense area reads a small circle. Listings stand where
  // their place does: when the place index answers every filter and the ring holds few enough places, each place's
  // newest listings are read, nearest places first; else the grid index's cells, or the R*Tree's box with the
  // search's own conditions, whose every candidate is measured
  const ringQueries = new Map<RingKind, ReturnType<typeof ringQuery>>();
  const ringQuery = (kind: RingKind) => {
    if (kind === 'places') return placesQuery(reader, input, 'distance', cursor, suspendedSellers);
    const ringValues = kind === 'cells' ? new QueryValues() : values;
    const ringConditions = kind === 'cells' ? cellConditions(input, geo, 'distance', suspendedSellers, ringValues) : [...conditions];
    const metres = sql<number>`CAST(round(${distanceSql(center, ringValues)} * 1000) AS INTEGER)`;
    if (cursor) {
      const a = ringValues.bind('afterKey', cursor.a);
      ringValues.flag('after-distance');
      ringConditions.push(sql`(${metres} > ${a} OR (${metres} = ${a} AND ${newerFirstAfter(sql`${partListings.createdAt}`, sql`${partListings.seq}`, cursor, ringValues)}))`);
    }
    ringValues.bind('take', input.limit + 1);
    const statement = prepared(reader, ringValues.key('search-distance'), () =>
      reader
        .select({ seq: sql<number>`${partListings.seq}`, key: metres, time: sql<number>`${partListings.createdAt}` })
        .from(kind === 'cells' ? CELL_RUNS : partListings)
        .where(and(...ringConditions))
        .orderBy(asc(metres), desc(partListings.createdAt), desc(partListings.seq))
        .limit(sql.placeholder('take')),
    );
    return { statement, values: ringValues };
  };
  const indexesAnswer = answeredByCells(input);
  const shownKm = cursor ? cursor.a / 1000 : 0;
  // a ring of places reads only the places beyond the last one read (its nearer places' listings are already in `rows`)
  let placesReadToMetres = cursor ? cursor.a - 1 : -1;
  let rows: Hit[] = [];
  let radius = Math.min(geo.km, Math.max(FIRST_RING_KM, shownKm * 1.5, shownKm + FIRST_RING_KM));
  for (;;) {
    const ring = boundingBox(center, radius);
    const places = indexesAnswer ? await placesWithin(center, radius, MAX_PLACES_READ) : null;
    const kind: RingKind = places ? 'places' : indexesAnswer && cellCount(ring) <= MAX_CELLS ? 'cells' : 'box';
    if (!ringQueries.has(kind)) ringQueries.set(kind, ringQuery(kind));
    const { statement, values: ringValues } = ringQueries.get(kind)!;
    if (places) {
      const beyond = places.filter((p) => p.metres > placesReadToMetres);
      ringValues.values.places = JSON.stringify(beyond.map((p) => [p.placeId, p.metres]));
      ringValues.values.take = input.limit + 1 - rows.length;
      rows.push(...(await statement.all(ringValues.values)));
      placesReadToMetres = places.at(-1)?.metres ?? placesReadToMetres;
    } else {
      // cells and the box read the whole circle again
      Object.assign(ringValues.values, { boxMinLat: ring.minLat, boxMaxLat: ring.maxLat, boxMinLon: ring.minLon, boxMaxLon: ring.maxLon, withinKm: radius });
      if (kind === 'cells') ringValues.values.cells = cellsArgument(cellsCovering(ring, { center, km: radius }), { center, km: radius });
      rows = await statement.all(ringValues.values);
    }
    if (rows.length > input.limit || radius >= geo.km) break;
    radius = Math.min(geo.km, radius * 2);
  }
  return rows;
}

/**
 * Category counts within a circle the place or grid index answers (every filter on the listing's own columns): the
 * listings of the places in the circle, nearest places first, or the grid's entries for the cells around it; null
 * when neither answers.
 */
export async function countsInCircle(
  reader: Reader,
  input: SearchListingsInput & { geo: GeoFilter },
  suspendedSellers: readonly string[],
  limit: number,
): Promise<{ category: string; n: number }[] | null> {
  if (!answeredByCells(input)) return null;
  const places = input.geo.places ?? (await placesWithin(input.geo.center, input.geo.km, MAX_PLACES_READ));
  if (places) {
    const placeValues = new QueryValues();
    const conditions = placeConditions({ ...input, partCategory: undefined }, suspendedSellers, placeValues);
    placeValues.bind('limit', limit + 1);
    placeValues.bind('places', JSON.stringify(places.map((p) => p.placeId)));
    return prepared(reader, placeValues.key('places-counts'), () => {
      const matches = reader
        .select({ category: sql<string>`${partListings.partCategory}`.as('category') })
        .from(sql`${placesWithListings(sql`place.value`)} CROSS JOIN ${LISTINGS_BY_PLACE}`)
        .where(and(...conditions))
        .limit(sql.placeholder('limit'))
        .as('matches');
      return reader.select({ category: matches.category, n: count() }).from(matches).groupBy(sql`category`);
    }).all(placeValues.values);
  }
  if (cellCount(input.geo.box) > MAX_CELLS) return null;
  const cellValues = new QueryValues();
  const conditions = cellConditions({ ...input, partCategory: undefined }, input.geo, undefined, suspendedSellers, cellValues);
  cellValues.bind('limit', limit + 1);
  return prepared(reader, cellValues.key('cells-counts'), () => {
    const matches = reader.select({ category: sql<string>`${partListings.partCategory}`.as('category') }).from(CELL_RUNS).where(and(...conditions)).limit(sql.placeholder('limit')).as('matches');
    return reader.select({ category: matches.category, n: count() }).from(matches).groupBy(sql`category`);
  }).all(cellValues.values);
}
