import { sql } from 'drizzle-orm';
import { CONDITION_CODES, LISTING_STATUSES, PART_CATEGORY_CODES, PART_NUMBER_KINDS } from '@carparts/domain';
import { CURRENCY_CODES, SHIPPING_MODES, type ReturnPeriod, type WarrantyPeriod } from '@carparts/domain';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { newId } from '../ids.ts';
import { placeColumns, rowIdentity, timestamp } from './common.ts';
import { users } from './users.ts';

export const partListings = sqliteTable(
  'part_listings',
  {
    /**
     * Integer primary key (an alias of SQLite's rowid) so the full-text index can point at rows by a key that VACUUM
     * and VACUUM INTO never renumber; the public id is the random string beside it.
     */
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().$defaultFn(newId),
    createdAt: rowIdentity.createdAt,
    updatedAt: rowIdentity.updatedAt,
    sellerId: text('seller_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    partCategory: text('part_category', { enum: PART_CATEGORY_CODES }).notNull(),
    condition: text('condition', { enum: CONDITION_CODES }).notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency', { enum: CURRENCY_CODES }).notNull(),
    vehicleMake: text('vehicle_make').notNull(),
    vehicleModel: text('vehicle_model').notNull(),
    vehicleYear: integer('vehicle_year'),
    /** The primary vehicle (the first coverage row), normalised: aliases collapsed. */
    makeKey: text('make_key').notNull(),
    modelKey: text('model_key').notNull(),
    compatibilityNotes: text('compatibility_notes').notNull().default(''),
    /** What the buyer is promised: days to return it (0: none), days of warranty (0: none). */
    returnsDays: integer('returns_days').$type<ReturnPeriod>().notNull().default(0),
    warrantyDays: integer('warranty_days').$type<WarrantyPeriod>().notNull().default(0),
    /** Refunded when the old part is returned (rebuildable parts), in the listing's currency; null when there is none. */
    coreChargeCents: integer('core_charge_cents'),
    donorMileageKm: integer('donor_mileage_km'),
    damageNotes: text('damage_notes').notNull().default(''),
    /** The seller's own number for the part (a yard's stock number): what a CSV import updates by, unique per seller. */
    stockNumber: text('stock_number'),
    /*
     * Where the part is: the seller's location, copied by a trigger whenever the seller's changes, unless the listing
     * names a site of its own (`own_site`). Null when the seller gave none. The coordinates are also kept in the
     * listing_geo R*Tree (active listings only) for distance searches.
     */
    ownSite: integer('own_site', { mode: 'boolean' }).notNull().default(false),
    ...placeColumns(),
    /** How the part travels: pickup (with notes), shipping at a price per zone or quoted, by freight when bulky. */
    pickupAvailable: integer('pickup_available', { mode: 'boolean' }).notNull().default(true),
    pickupNotes: text('pickup_notes').notNull().default(''),
    shippingMode: text('shipping_mode', { enum: SHIPPING_MODES }).notNull().default('none'),
    shipDomesticCents: integer('ship_domestic_cents'),
    /** The seller's list of countries as ",DE,FR," (commas around each code, so one code is matched with instr). */
    shipCountries: text('ship_countries').notNull().default(''),
    shipCountriesCents: integer('ship_countries_cents'),
    shipWorldwideCents: integer('ship_worldwide_cents'),
    freightOnly: integer('freight_only', { mode: 'boolean' }).notNull().default(false),
    handlingDays: integer('handling_days').notNull().default(2),
    /** Every vehicle of the coverage rows as words ("Volkswagen Golf 2.0 TDI ; Volkswagen Jetta"), for full-text search; kept by triggers. */
    vehiclesText: text('vehicles_text').notNull().default(''),
    /**
     * The coverage rows as a JSON array of `{make, model, yearFrom, yearTo, engine}` in position order, kept by the same
     * trigger: a page of cards reads each listing's vehicles from its own row instead of a lookup per card.
     */
    coverageJson: text('coverage_json').notNull().default('[]'),
    /** The primary photo as the card shows it, JSON `{imageUrl, thumbnailUrl, caption}`, null without one; kept by triggers on the photos. */
    primaryPhoto: text('primary_photo'),
    status: text('status', { enum: LISTING_STATUSES }).notNull().default('active'),
    /** Shown to the seller when an operator removes the listing. */
    moderationReason: text('moderation_reason'),
    moderatedAt: timestamp('moderated_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('listings_id_unique').on(t.id),
    uniqueIndex('listings_seller_stock_number_unique').on(t.sellerId, t.stockNumber).where(sql`${t.stockNumber} IS NOT NULL`),
    // a search by category, price or both, newest first, is answered inside one of these four without reading a
    // listing's row: each holds the time, the price and its currency (prices are compared within one currency, so the
    // currency comes before the price in the price-ordered ones)
    index('listings_category_newest_idx').on(t.status, t.partCategory, t.createdAt, t.priceCents, t.currency),
    index('listings_category_price_idx').on(t.status, t.partCategory, t.currency, t.priceCents, t.createdAt),
    index('listings_newest_idx').on(t.status, t.createdAt, t.priceCents, t.currency),
    index('listings_price_idx').on(t.status, t.currency, t.priceCents, t.partCategory, t.createdAt),
    index('listings_seller_idx').on(t.sellerId, t.status, t.createdAt),
    // the listings of each place, newest first, with what a search by distance filters on: such a search reads the
    // newest few of each place in its circle
    index('listings_place_idx').on(t.status, t.placeId, t.createdAt, t.priceCents, t.currency, t.partCategory, t.sellerId).where(sql`${t.placeId} IS NOT NULL`),
  ],
);

/**
 * Every place (a town of the gazetteer) that has ever had a listing, kept by triggers on part_listings: a search within
 * a distance reads only these of the towns in its circle. Never pruned, so a town listed here may have no listing left
 * (it then reads one empty run), but a town with a listing is never missing.
 */
export const listingPlaces = sqliteTable('listing_places', {
  placeId: integer('place_id').primaryKey(),
});

/**
 * How many active listings each make and model has: the choices of the vehicle filter. Kept by triggers on
 * part_listings in the same statement as the change, so the menus read a few hundred rows, not the catalogue.
 */
export const vehicleFacets = sqliteTable(
  'vehicle_facets',
  {
    makeKey: text('make_key').notNull(),
    modelKey: text('model_key').notNull(),
    /** The first spelling in sort order among the listings counted here. */
    make: text('make').notNull(),
    model: text('model').notNull(),
    activeListings: integer('active_listings').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.makeKey, t.modelKey] })],
);

/**
 * The vehicles a listing fits, 1–50 rows: make, model, a span of model years (both null only on rows carried over
 * from listings that gave no year), an optional engine note. The listing's status, price, currency, time, category and
 * coordinates are copied onto its rows by triggers in the same statement as the change, so that a search by vehicle walks one index in the
 * order of the page and stops at its end.
 */
export const listingCoverage = sqliteTable(
  'listing_coverage',
  {
    seq: integer('seq').primaryKey(),
    listingSeq: integer('listing_seq')
      .notNull()
      .references(() => partListings.seq, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    make: text('make').notNull(),
    model: text('model').notNull(),
    makeKey: text('make_key').notNull(),
    modelKey: text('model_key').notNull(),
    yearFrom: integer('year_from'),
    yearTo: integer('year_to'),
    engine: text('engine'),
    status: text('status', { enum: LISTING_STATUSES }).notNull().default('active'),
    currency: text('currency').notNull().default(''),
    priceCents: integer('price_cents').notNull().default(0),
    createdAt: integer('created_at').notNull().default(0),
    partCategory: text('part_category').notNull().default(''),
    /** The listing's coordinates: a search by vehicle and distance reads the rows of the degrees around its circle. */
    lat: real('lat'),
    lon: real('lon'),
  },
  (t) => [
    uniqueIndex('coverage_listing_position_unique').on(t.listingSeq, t.position),
    // the listing's seq right after the sort key: a listing's rows for one model come out side by side, so DISTINCT
    // needs no temporary table; the years and category last, so rows of other years are skipped and categories counted
    // inside the index, without reading the listing
    index('coverage_vehicle_price_idx').on(t.status, t.makeKey, t.modelKey, t.currency, t.priceCents, t.listingSeq, t.yearFrom, t.yearTo, t.partCategory),
    index('coverage_vehicle_newest_idx').on(t.status, t.makeKey, t.modelKey, t.createdAt, t.listingSeq, t.yearFrom, t.yearTo, t.partCategory),
    // a model and a year: its rows of that single year in the order of the page, and apart from them every other row
    // (spanning years, or giving none), walked and checked; the two runs merged are the rows for that year, and
    // neither walk reads the model's rows of other single years
    index('coverage_year_price_idx')
      .on(t.status, t.makeKey, t.modelKey, t.yearFrom, t.currency, t.priceCents, t.listingSeq, t.yearTo, t.partCategory)
      .where(sql`${t.yearFrom} = ${t.yearTo}`),
    index('coverage_spans_price_idx')
      .on(t.status, t.makeKey, t.modelKey, t.currency, t.priceCents, t.listingSeq, t.yearFrom, t.yearTo, t.partCategory)
      .where(sql`(${t.yearFrom} = ${t.yearTo}) IS NOT TRUE`),
    index('coverage_year_newest_idx')
      .on(t.status, t.makeKey, t.modelKey, t.yearFrom, t.createdAt, t.listingSeq, t.yearTo, t.partCategory)
      .where(sql`${t.yearFrom} = ${t.yearTo}`),
    index('coverage_spans_newest_idx')
      .on(t.status, t.makeKey, t.modelKey, t.createdAt, t.listingSeq, t.yearFrom, t.yearTo, t.partCategory)
      .where(sql`(${t.yearFrom} = ${t.yearTo}) IS NOT TRUE`),
    // a make without a model
    index('coverage_make_price_idx').on(t.status, t.makeKey, t.currency, t.priceCents, t.listingSeq, t.yearFrom, t.yearTo, t.partCategory),
    index('coverage_make_newest_idx').on(t.status, t.makeKey, t.createdAt, t.listingSeq, t.yearFrom, t.yearTo, t.partCategory),
  ],
);

/**
 * A listing as cards show it, written by triggers in the same statement as every change of the listing's row (its
 * copies of the primary photo and the vehicles included): `body` is the card's JSON object without the seller, whose
 * name and rating summary are read from the seller's row beside it. A page of cards is these texts joined, not
 * objects built per request.
 */
export const listingCardTexts = sqliteTable('listing_cards', {
  seq: integer('seq')
    .primaryKey()
    .references(() => partListings.seq, { onDelete: 'cascade' }),
  sellerId: text('seller_id').notNull(),
  body: text('body').notNull(),
});

/** OEM and interchange numbers; `number_key` is the number with letters and digits only, upper-case, which search matches. */
export const listingPartNumbers = sqliteTable(
  'listing_part_numbers',
  {
    listingSeq: integer('listing_seq')
      .notNull()
      .references(() => partListings.seq, { onDelete: 'cascade' }),
    kind: text('kind', { enum: PART_NUMBER_KINDS }).notNull(),
    number: text('number').notNull(),
    numberKey: text('number_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.listingSeq, t.kind, t.numberKey] }), index('part_numbers_key_idx').on(t.numberKey, t.kind, t.listingSeq)],
);

/**
 * Active listings per vehicle model year, currency and category: the category counts of a search by make, model and
 * year without other filters, read in a few rows. Kept by triggers on listing_coverage and part_listings in the same
 * statement as the change; a listing counts once per year however many of its rows cover it. Rows without years are
 * counted under year 0 (they fit any year).
 */
export const vehicleYearFacets = sqliteTable(
  'vehicle_year_facets',
  {
    makeKey: text('make_key').notNull(),
    modelKey: text('model_key').notNull(),
    year: integer('year').notNull(),
    currency: text('currency').notNull(),
    partCategory: text('part_category').notNull(),
    activeListings: integer('active_listings').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.makeKey, t.modelKey, t.year, t.currency, t.partCategory] })],
);

/** The model years 0 (none given) and 1900–2100, one row each: the years a coverage row's span expands to in triggers. */
export const modelYears = sqliteTable('model_years', { year: integer('year').primaryKey() });

/**
 * A seller's latest inventory import while it runs and after: rows to write and rows written so far (advanced in the
 * same transaction as each batch), so the seller can watch it and a second import waits for the first.
 */
export const inventoryImports = sqliteTable('inventory_imports', {
  sellerId: text('seller_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  total: integer('total').notNull(),
  done: integer('done').notNull().default(0),
  startedAt: timestamp('started_at').notNull(),
  finishedAt: timestamp('finished_at'),
});
