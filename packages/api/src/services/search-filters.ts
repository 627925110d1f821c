import { listingCoverage, listingPlaces, partListings } from '@carparts/db';
import { DEFAULT_CURRENCY, EARTH_RADIUS_KM, GEO_CELLS_PER_DEGREE, VEHICLE_CELLS_PER_DEGREE, cellWithin, cellsCovering, type Box, type LatLon, makeKey, modelKey, searchTerms, type Currency, type ListingSort, type SearchListingsInput } from '@carparts/domain';
import { and, eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { QueryValues } from './prepared.ts';

/* The shoppers' filters as SQL, shared by search, its counts and the operator's listing table. */

/**
 * Turns what a person typed into a safe FTS5 query: letters and digits only, each token quoted (so no FTS syntax can
 * be injected), all terms required, each term widened by the domain's synonyms and spellings ("vw" also matches
 * Volkswagen, "f150" also "F-150", "hood" also "bonnet"), the last word as typed also matching as a prefix while the
 * person is still typing.
 */
export function ftsQuery(text: string | undefined, lastTermAs: 'prefix' | 'word' = 'prefix'): string | null {
  if (!text) return null;
  const terms = searchTerms(text);
  if (terms.length === 0) return null;
  return terms
    .map((term, i) => {
      const last = lastTermAs === 'prefix' && i === terms.length - 1;
      // only what the person is typing is a prefix; a synonym is a whole word (a prefix phrase such as "head light"* reads
      // every word that starts with "light" and costs tens of milliseconds on a large catalogue)
      const typed = term.typed.join(' ');
      const phrases = term.alternatives.map((tokens) => {
        const phrase = tokens.join(' ');
        return `"${phrase}"${last && phrase === typed && tokens.at(-1)!.length >= 2 ? '*' : ''}`;
      });
      return phrases.length === 1 ? phrases[0] : `(${phrases.join(' OR ')})`;
    })
    // FTS5 only joins bare phrases implicitly; a bracketed group needs the AND spelled out
    .join(' AND ');
}

/** The currency prices are compared in, when the search compares prices at all (see DEFAULT_CURRENCY). */
export function priceCurrency(input: Pick<SearchListingsInput, 'currency' | 'minPriceCents' | 'maxPriceCents'>, sort: ListingSort | undefined): Currency | null {
  const comparesPrices = input.minPriceCents !== undefined || input.maxPriceCents !== undefined || sort === 'price_asc' || sort === 'price_desc';
  return input.currency ?? (comparesPrices ? DEFAULT_CURRENCY : null);
}

/** The filters both audiences share; only shoppers' searches add "on sale" and "seller not suspended". */
export type ListingFilters = Pick<SearchListingsInput, 'conditions' | 'minPriceCents' | 'maxPriceCents' | 'currency' | 'sellerId' | 'withWarranty' | 'returnsAccepted' | 'shipsTo' | 'pickupOnly'> & {
  geo?: GeoFilter | null;
};

/**
 * A distance filter: the circle of `km` around `center`, its bounding box, and where the query starts: the R*Tree's
 * rows of the box (`fromBox`), the grid index's cells (`fromCells`), or else an index walked in the page's order.
 */
export type GeoFilter = {
  center: LatLon;
  km: number;
  box: Box;
  fromBox: boolean;
  /** The search reads the grid index's runs for `cells`, the cells that reach into its circle. */
  fromCells?: boolean;
  cells?: number[];
  /** The places in the circle, nearest first, when the search reads the place index (few enough of them). */
  places?: { placeId: number; metres: number }[] | null;
};

/** The great-circle distance from `center`, in kilometres: the domain's `distanceKm` (haversine) in SQL. */
export function distanceSql(center: LatLon, values: QueryValues, on: { lat: SQLiteColumn; lon: SQLiteColumn } = partListings): SQL<number> {
  const rad = Math.PI / 180;
  const lat0 = values.bind('centerLatRad', center.lat * rad);
  const lon0 = values.bind('centerLonRad', center.lon * rad);
  const cos0 = values.bind('centerCosLat', Math.cos(center.lat * rad));
  const halfDLat = sql`sin((radians(${on.lat}) - ${lat0}) / 2)`;
  const halfDLon = sql`sin((radians(${on.lon}) - ${lon0}) / 2)`;
  return sql<number>`(2 * ${EARTH_RADIUS_KM} * asin(min(1, sqrt(${halfDLat} * ${halfDLat} + ${cos0} * cos(radians(${on.lat})) * ${halfDLon} * ${halfDLon}))))`;
}

const boxValues = (box: Box, values: QueryValues) => ({
  minLat: values.bind('boxMinLat', box.minLat),
  maxLat: values.bind('boxMaxLat', box.maxLat),
  minLon: values.bind('boxMinLon', box.minLon),
  maxLon: values.bind('boxMaxLon', box.maxLon),
});

/** The R*Tree's rows inside the box: active listings with a location. */
export function inBox(box: Box, values: QueryValues): SQL {
  const b = boxValues(box, values);
  return sql`${partListings.seq} IN (SELECT id FROM listing_geo WHERE min_lat >= ${b.minLat} AND max_lat <= ${b.maxLat} AND min_lon >= ${b.minLon} AND max_lon <= ${b.maxLon})`;
}

/** The circle as conditions on the listing's coordinates: the box first (cheap comparisons), then the exact distance. */
function geoConditions(geo: GeoFilter, values: QueryValues): SQL[] {
  values.flag(geo.fromBox ? 'geo-from-box' : 'geo');
  const b = boxValues(geo.box, values);
  return [
    ...(geo.fromBox ? [inBox(geo.box, values)] : []),
    sql`${partListings.lat} BETWEEN ${b.minLat} AND ${b.maxLat}`,
    sql`${partListings.lon} BETWEEN ${b.minLon} AND ${b.maxLon}`,
    sql`${distanceSql(geo.center, values)} <= ${values.bind('withinKm', geo.km)}`,
  ];
}

/**
 * Whether the grid and place indexes answer every filter of a search (the circle, category, price and currency,
 * seller, suspended sellers): its page is then chosen from the runs of the cells or places around the circle, without
 * reading a listing per candidate.
 */
export function answeredByCells(input: SearchListingsInput): boolean {
  return (
    !ftsQuery(input.q) &&
    input.make === undefined &&
    input.year === undefined &&
    !input.partNumber &&
    !input.conditions?.length &&
    !input.withWarranty &&
    !input.returnsAccepted &&
    !input.shipsTo &&
    !input.pickupOnly
  );
}

/** The listings table read through the grid index (SQLite would otherwise walk time to save the sort). */
export const LISTINGS_BY_CELL = sql`${partListings} INDEXED BY listings_geo_cell_idx`;

/**
 * The grid index's entries for the cells around a circle, one run per cell: `cell` is a row of the `cells` argument
 * that {@link cellConditions} binds, and its conditions pick each cell's run.
 */
export const CELL_RUNS = sql`json_each(${sql.placeholder('cells')}) AS cell CROSS JOIN ${LISTINGS_BY_CELL}`;

/**
 * The cells around a circle as one argument: a cell wholly inside the circle as its number, a cell the circle's edge
 * crosses as its number negated, so that only the listings of edge cells have their distance measured. The inside
 * cells come first, so that a count that stops at its limit measures as few as it can.
 */
export function cellsArgument(cells: number[], circle: { center: LatLon; km: number }, perDegree = GEO_CELLS_PER_DEGREE): string {
  const inside: number[] = [];
  const edge: number[] = [];
  for (const cell of cells) {
    if (cellWithin(cell, circle, perDegree)) inside.push(cell);
    else edge.push(-cell);
  }
  return JSON.stringify([...inside, ...edge]);
}


/** Whether a walk of the coverage rows within a distance reads the degrees around the circle: a model's rows are filed by them. */
export const walksDegrees = (input: Pick<SearchListingsInput, 'model'>) => input.model !== undefined;

/**
 * Which of a model's rows for one year a walk reads: all whose years hold it (`covering`), or one of the two runs the
 * year indexes keep apart, whose merge is the same rows: the rows of that single year (`single-year`, found by the
 * year in the index) and the rows that span years or give none (`spanning`, walked and checked).
 */
export type YearRun = 'covering' | 'single-year' | 'spanning';

/** The partial indexes of each {@link YearRun} by the sort key they walk; the conditions of the run imply their WHERE. */
const YEAR_RUN_INDEXES = {
  price: { 'single-year': 'coverage_year_price_idx', spanning: 'coverage_spans_price_idx' },
  newest: { 'single-year': 'coverage_year_newest_idx', spanning: 'coverage_spans_newest_idx' },
} as const;

/**
 * The rows a walk of the coverage reads: the model's rows in the order of the page (`model`), one run of them for a
 * year (`{ run, by }`, see {@link YearRun}), one model's rows of the degrees around a circle (`degrees`: `degree` a
 * row of the `degrees` argument that {@link degreeConditions} binds), or of one degree, `degree` being a row of an
 * outer query (`degree`); joined to the listing for the conditions only the listing answers.
 */
export function coverageRows(from: 'model' | 'degrees' | 'degree' | { run: Exclude<YearRun, 'covering'>; by: 'price' | 'newest' }, joined: boolean): SQL {
  const byDegree = sql`${listingCoverage} INDEXED BY coverage_vehicle_degree_idx`;
  const rows =
    typeof from === 'object'
      ? sql`${listingCoverage} INDEXED BY ${sql.identifier(YEAR_RUN_INDEXES[from.by][from.run])}`
      : from === 'model'
        ? sql`${listingCoverage}`
        : from === 'degree'
          ? byDegree
          : sql`json_each(${sql.placeholder('degrees')}) AS degree CROSS JOIN ${byDegree}`;
  return joined ? sql`${rows} JOIN ${partListings} ON ${partListings.seq} = ${listingCoverage.listingSeq}` : rows;
}

/** A circle on the coverage rows of {@link coverageRows}: the degree's run, the distance measured in edge degrees only. */
export function degreeConditions(geo: GeoFilter, values: QueryValues): SQL[] {
  values.flag('degrees');
  values.bind('degrees', cellsArgument(cellsCovering(geo.box, geo, VEHICLE_CELLS_PER_DEGREE), geo, VEHICLE_CELLS_PER_DEGREE));
  const b = boxValues(geo.box, values);
  const on = { lat: listingCoverage.lat, lon: listingCoverage.lon };
  return [
    sql`geo_degree = abs(degree.value)`,
    sql`(degree.value > 0 OR (${on.lat} BETWEEN ${b.minLat} AND ${b.maxLat} AND ${on.lon} BETWEEN ${b.minLon} AND ${b.maxLon} AND ${distanceSql(geo.center, values, on)} <= ${values.bind('withinKm', geo.km)}))`,
  ];
}

/**
 * A search's filters read through the grid index, for a query whose rows come from {@link CELL_RUNS} (or a subquery
 * of {@link LISTINGS_BY_CELL} under it): the cell's run, the circle (measured in edge cells only), then the shoppers'
 * filters (status, price, seller, suspensions), which the index's columns answer when {@link answeredByCells}.
 */
export function cellConditions(input: SearchListingsInput, geo: GeoFilter, sort: ListingSort | undefined, suspendedSellers: readonly string[], values: QueryValues): SQL[] {
  values.flag('cells');
  values.bind('cells', cellsArgument(geo.cells ?? cellsCovering(geo.box, geo), geo));
  const b = boxValues(geo.box, values);
  return [
    sql`geo_cell = abs(cell.value)`,
    sql`(cell.value > 0 OR (${partListings.lat} BETWEEN ${b.minLat} AND ${b.maxLat} AND ${partListings.lon} BETWEEN ${b.minLon} AND ${b.maxLon} AND ${distanceSql(geo.center, values)} <= ${values.bind('withinKm', geo.km)}))`,
    ...filterConditions({ ...input, geo: null }, null, sort, { suspendedSellers }, values),
    ...(input.partCategory ? [eq(partListings.partCategory, values.bind('category', input.partCategory))] : []),
  ];
}

/** The listings table read through the place index: each place's listings, newest first. */
export const LISTINGS_BY_PLACE = sql`${partListings} INDEXED BY listings_place_idx`;

/**
 * The places of a `places` argument that have ever had a listing (most towns of a circle never had one): `place` is a
 * row of the argument, `placeId` the place's id in it.
 */
export const placesWithListings = (placeId: SQL) => sql`json_each(${sql.placeholder('places')}) AS place CROSS JOIN ${listingPlaces} ON ${listingPlaces.placeId} = ${placeId}`;

/**
 * A search's filters read through the place index, for a query over a list of places (`place`, a row of a `places`
 * argument): the place's listings (`placeId`, the place id in that row; by default the row itself), then the shoppers'
 * filters, which the index's columns answer when {@link answeredByCells}.
 */
export function placeConditions(input: SearchListingsInput, suspendedSellers: readonly string[], values: QueryValues, placeId: SQL = sql`place.value`): SQL[] {
  return [
    sql`${partListings.placeId} = ${placeId}`,
    ...filterConditions({ ...input, geo: null }, null, undefined, { suspendedSellers }, values),
    ...(input.partCategory ? [eq(partListings.partCategory, values.bind('category', input.partCategory))] : []),
  ];
}

/**
 * "Ships to" a country as SQL: the domain's `shippingTo` rule (quote on request ships anywhere; otherwise the seller's
 * own country at the domestic price, the seller's list, or worldwide to any other country). A test holds them together.
 */
function shipsToCondition(country: string, values: QueryValues): SQL {
  const c = values.bind('shipsTo', country);
  return sql`(${partListings.shippingMode} = 'quote' OR (${partListings.shippingMode} = 'priced' AND (
    (${partListings.country} = ${c} AND ${partListings.shipDomesticCents} IS NOT NULL)
    OR (${partListings.shipCountriesCents} IS NOT NULL AND instr(${partListings.shipCountries}, ',' || ${c} || ',') > 0)
    OR (${partListings.shipWorldwideCents} IS NOT NULL AND ${partListings.country} IS NOT ${c}))))`;
}

/**
 * The filters of a search as SQL conditions on the listing, their values bound through `values` so the statement is
 * prepared once per combination of filters. The category is left to the caller (facet counts leave it out), and so is
 * the vehicle ({@link vehicleCovers}, or a walk of the coverage rows). Shoppers see active listings of sellers who are
 * not suspended; operators see every listing. `onCoverage`: the status, currency and price are checked on the coverage
 * rows a vehicle search walks, which carry copies of them, and left out here.
 */
export function filterConditions(
  input: ListingFilters,
  match: string | null,
  sort: ListingSort | undefined,
  hidden: { suspendedSellers: readonly string[]; fromTextMatches?: boolean } | 'operators',
  values: QueryValues,
  onCoverage = false,
): SQL[] {
  const c: SQL[] = [];
  if (hidden !== 'operators') {
    if (onCoverage) {
      // the walk's rows are active; only the sellers are left to check
    } else
    // a query that starts from the full-text index's rows: the unary + keeps SQLite from walking every active listing
    // instead
    if (hidden.fromTextMatches) {
      values.flag('from-text');
      c.push(sql`+${partListings.status} = 'active'`);
    } else {
      c.push(eq(partListings.status, 'active'));
    }
    if (hidden.suspendedSellers.length) {
      c.push(sql`${partListings.sellerId} NOT IN (SELECT value FROM json_each(${values.bind('suspended', JSON.stringify(hidden.suspendedSellers))}))`);
    }
  }
  if (input.conditions?.length) {
    c.push(sql`${partListings.condition} IN (SELECT value FROM json_each(${values.bind('conditions', JSON.stringify(input.conditions))}))`);
  }
  if (onCoverage) {
    values.flag('on-coverage');
  } else {
    c.push(...priceConditions(partListings, input, sort, values));
  }
  if (input.sellerId) c.push(eq(partListings.sellerId, values.bind('sellerId', input.sellerId)));
  if (input.withWarranty) {
    values.flag('with-warranty');
    c.push(sql`${partListings.warrantyDays} > 0`);
  }
  if (input.returnsAccepted) {
    values.flag('returns-accepted');
    c.push(sql`${partListings.returnsDays} > 0`);
  }
  if (input.pickupOnly) {
    values.flag('pickup');
    c.push(sql`${partListings.pickupAvailable} = 1`);
  }
  if (input.shipsTo) c.push(shipsToCondition(input.shipsTo, values));
  if (input.geo) c.push(...geoConditions(input.geo, values));
  if (match) c.push(sql`${partListings.seq} IN (SELECT -rowid FROM part_listings_fts WHERE part_listings_fts MATCH ${values.bind('match', match)})`);
  return c;
}

/** The price range and currency, on the listing or on the coverage rows that copy them. */
export function priceConditions(
  on: typeof partListings | typeof listingCoverage,
  input: Pick<SearchListingsInput, 'minPriceCents' | 'maxPriceCents' | 'currency'>,
  sort: ListingSort | undefined,
  values: QueryValues,
): SQL[] {
  const c: SQL[] = [];
  // newest-first walks a created_at index and checks the price inside it; the unary + keeps SQLite from trading that
  // for a price-range scan that would then have to sort every row in the range
  const newest = sort === 'newest';
  if (newest) values.flag('newest');
  const price = newest ? sql`+${on.priceCents}` : on.priceCents;
  if (input.minPriceCents !== undefined) c.push(sql`${price} >= ${values.bind('minPrice', input.minPriceCents)}`);
  if (input.maxPriceCents !== undefined) c.push(sql`${price} <= ${values.bind('maxPrice', input.maxPriceCents)}`);
  const currency = priceCurrency(input, sort);
  // the same for the currency, which leads the price-ordered indexes
  if (currency) c.push(sql`${newest ? sql`+${on.currency}` : on.currency} = ${values.bind('currency', currency)}`);
  return c;
}

export type VehicleFilter = Pick<SearchListingsInput, 'make' | 'model' | 'year'>;

/**
 * The vehicle filter on coverage rows: a row for the make (and model), and for the year when one is asked, a row
 * whose span holds it or that gives no years. This is the domain's fit rule (`fitVerdict`: `fits` or `likely`) in SQL;
 * a test holds the two together.
 */
export function coverageMatches(vehicle: VehicleFilter, values: QueryValues, run: YearRun = 'covering'): SQL[] {
  const c: SQL[] = [];
  if (vehicle.make) c.push(eq(listingCoverage.makeKey, values.bind('makeKey', makeKey(vehicle.make))));
  if (vehicle.model) c.push(eq(listingCoverage.modelKey, values.bind('modelKey', modelKey(vehicle.model))));
  if (vehicle.year !== undefined) c.push(yearMatch(values.bind('year', vehicle.year), run));
  return c;
}

/** The rows of a {@link YearRun} for the year bound as `year`. */
function yearMatch(year: Placeholder, run: YearRun): SQL {
  const { yearFrom, yearTo } = listingCoverage;
  const covering = sql`(${yearFrom} <= ${year} AND ${yearTo} >= ${year} OR ${yearFrom} IS NULL)`;
  if (run === 'single-year') return sql`${yearFrom} = ${yearTo} AND ${yearFrom} = ${year}`;
  // every row not of a single year, those without years included (the WHERE of the spanning rows' indexes)
  if (run === 'spanning') return sql`(${yearFrom} = ${yearTo}) IS NOT TRUE AND ${covering}`;
  return covering;
}

/** The same as a condition on a listing, for queries driven by other rows (text matches, part numbers, operators' table). */
export function vehicleCovers(vehicle: VehicleFilter, values: QueryValues): SQL | undefined {
  if (!vehicle.make && vehicle.year === undefined) return undefined;
  return sql`EXISTS (SELECT 1 FROM ${listingCoverage} WHERE ${listingCoverage.listingSeq} = ${partListings.seq} AND ${and(...coverageMatches(vehicle, values))})`;
}

/** Listings among a short list of row numbers found elsewhere (a part number's listings). */
export function inRowList(seqs: number[], values: QueryValues): SQL {
  return sql`${partListings.seq} IN (SELECT value FROM json_each(${values.bind('rowList', JSON.stringify(seqs))}))`;
}

/**
 * The vehicle filter as conditions: on the coverage rows a walk reads (status, price and currency checked on the rows'
 * copies, inside the index), or, when the query starts from other rows, on the listing.
 */
export function vehicleConditions(
  input: VehicleFilter & Pick<SearchListingsInput, 'minPriceCents' | 'maxPriceCents' | 'currency'>,
  walk: boolean,
  sort: ListingSort | undefined,
  values: QueryValues,
  splitYears = false,
): { onRows: SQL[]; onListing: SQL[]; spanningRows: SQL[] | null } {
  if (walk) {
    // with `splitYears` (a year asked), `onRows` reads the year's single-year rows and `spanningRows` the others
    const matches = coverageMatches(input, values, splitYears ? 'single-year' : 'covering');
    const onRows = [eq(listingCoverage.status, 'active'), ...matches, ...priceConditions(listingCoverage, input, sort, values)];
    // the year's condition is the last of the matches; the spanning run swaps it for its own, the rest is shared
    const year = matches.at(-1);
    const spanningRows = splitYears ? onRows.map((c) => (c === year ? yearMatch(sql.placeholder('year'), 'spanning') : c)) : null;
    return { onRows, onListing: [], spanningRows };
  }
  const covers = vehicleCovers(input, values);
  return { onRows: [], onListing: covers ? [covers] : [], spanningRows: null };
}
