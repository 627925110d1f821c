import { z } from 'zod';
import {
  CONDITION_CODES,
  INQUIRY_STATUSES,
  LIMITS,
  LISTING_SORTS,
  PART_CATEGORY_CODES,
  PHOTO_ANGLES,
  PURCHASE_STATUSES,
  ROLES,
  SELF_SERVICE_ROLES,
} from './catalog.ts';
import { MAX_DONOR_MILEAGE_KM, RETURN_PERIODS, WARRANTY_PERIODS } from './guarantees.ts';
import { FITMENT_STATUSES, MAX_COVERAGE_ROWS, describeCoverage, overlappingRows, primaryVehicle, type CoverageRow } from './fitment.ts';
import { LISTING_STATUSES } from './listing-status.ts';
import { CURRENCY_CODES, MAX_PRICE_MINOR } from './money.ts';
import { FIRST_MODEL_YEAR, canonicalMake, lastModelYear } from './vehicles.ts';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationKind } from './notifications.ts';
import { normalizeVinLast8, vinLast8Problem } from './vin.ts';
import { MAX_WITHIN_KM, countryName } from './geo.ts';
import { FULFILMENTS, MAX_HANDLING_DAYS, MAX_SHIP_COUNTRIES, SHIPPING_MODES } from './shipping.ts';
import { MAX_PART_NUMBERS, PART_NUMBER_KINDS, displayPartNumber, partNumberKey } from './part-numbers.ts';

// ---------- building blocks ----------

/**
 * The one translation of zod's generic messages into words a person understands, for every schema that sets no
 * message of its own: a missing field is "Required", a wrong kind of value says what was expected, an unknown
 * choice asks to choose from the options (without printing them: the form shows them).
 */
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type') return issue.input === undefined ? 'Required' : `Must be ${EXPECTED[issue.expected] ?? `a ${issue.expected}`}`;
    if (issue.code === 'invalid_value') return 'Choose one of the options offered';
    if (issue.code === 'unrecognized_keys') return `Not a field this form takes: ${issue.keys.join(', ')}`;
    return undefined;
  },
});
const EXPECTED: Record<string, string> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'yes or no', array: 'a list', object: 'a set of fields' };

/** A closed list of choices, with the message a person sees when none of them was chosen. */
const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { error: message });

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAKS = /[\r\n\t]/;

/** A single-line string: trimmed, bounded, no control characters. */
export const line = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'Required' : `Must be at least ${min} characters`)
    .max(max, `Must be at most ${max} characters`)
    .refine((s) => !CONTROL_CHARS.test(s) && !LINE_BREAKS.test(s), 'Must be a single line of text');

/** Free text that may span lines: trimmed, bounded, no control characters but newlines and tabs. */
export const text = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'Required' : `Must be at least ${min} characters`)
    .max(max, `Must be at most ${max} characters`)
    .refine((s) => !CONTROL_CHARS.test(s), 'Contains characters that are not allowed');

export const id = z.string().regex(/^[a-z0-9]{10,40}$/, 'Not a valid id');
export const limit = z.int().min(1).max(LIMITS.pageSize, `At most ${LIMITS.pageSize} per page`).default(LIMITS.defaultPageSize);
export const cursor = z.string().max(512).optional();
const page = { cursor, limit };
/** Operator tables sort by time either way; `oldest` surfaces what has waited longest. */
const timeSort = { sort: z.enum(['newest', 'oldest']).default('newest') };

export const priceMinor = z
  .int('Enter the price as a number, e.g. 45 or 45.50 (whole amounts for currencies without cents)')
  .min(0, 'A price cannot be below zero')
  .max(MAX_PRICE_MINOR, 'That price is above what the marketplace takes');
export const currency = choice(CURRENCY_CODES, 'Choose a currency');
export const modelYear = z
  .int('Must be a year')
  .min(FIRST_MODEL_YEAR, `Must be ${FIRST_MODEL_YEAR} or later`)
  .refine((y) => y <= lastModelYear(), 'Cannot be more than a year in the future');
export const vehicleMake = line(40).transform(canonicalMake);
/** An ISO 3166 country code, in either case: "de" → "DE". */
export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => countryName(code) !== undefined, 'Not a country code (two letters, such as US, GB or DE)');
/** A place of the gazetteer (its GeoNames id), as `places.search` returns it. */
export const placeId = z.int('Choose a place from the list').min(1, 'Choose a place from the list');
export const postalCode = z
  .string()
  .trim()
  .max(12, 'Must be at most 12 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, 'Letters, digits, spaces and dashes only');
/** Where a seller is, or one of a yard's sites: a gazetteer place and an optional postal code. */
export const locationInput = z.strictObject({ placeId, postalCode: postalCode.nullish() });
export const vehicleModel = line(60);

export const vinLast8 = z
  .string()
  .max(32, 'Must be exactly 8 characters (VIN positions 10–17)')
  .transform(normalizeVinLast8)
  .superRefine((vin, ctx) => {
    const problem = vinLast8Problem(vin);
    if (problem) ctx.addIssue({ code: 'custom', message: `Must be the last 8 VIN characters: ${problem}` });
  });

// ---------- auth ----------

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/, '3–32 letters, digits, dots, dashes or underscores, starting with a letter or digit');
export const email = z.string().trim().toLowerCase().max(254).pipe(z.email('Not a valid email address'));
/** ASVS 6.2: at least 8, up to 256, no composition rules, never trimmed or case-folded. */
export const password = z.string().min(8, 'Must be at least 8 characters').max(256, 'Must be at most 256 characters');
export const phoneNumber = z
  .string()
  .trim()
  .max(24)
  .regex(/^\+?[0-9][0-9 ().-]{5,22}$/, 'Not a valid phone number');
export const displayName = line(60);

export const signUpInput = z.strictObject({
  username,
  email,
  password,
  role: choice(SELF_SERVICE_ROLES, 'Choose whether you buy or sell'),
  displayName,
  phoneNumber: phoneNumber.optional(),
});
export const signInInput = z.strictObject({ username: z.string().trim().toLowerCase().max(64), password: z.string().max(256) });
export const changePasswordInput = z.strictObject({ currentPassword: z.string().max(256), newPassword: password });
export const updateProfileInput = z.strictObject({
  displayName: displayName.optional(),
  phoneNumber: phoneNumber.nullable().optional(),
  /** Where the seller's parts are (and where a buyer searches from by default); null forgets it. */
  location: locationInput.nullable().optional(),
});
export const placesSearchInput = z.strictObject({
  q: z.string().trim().min(2, 'Type at least 2 letters of the place').max(100, 'Must be at most 100 characters'),
  country: countryCode.optional(),
  limit: z.int().min(1).max(20).default(10),
});
export const placeIdInput = z.strictObject({ placeId });

// ---------- listings ----------

/** The last model year a coverage row may name: parts are listed ahead for the model year after next at most. */
export const lastCoverageYear = (now: Date = new Date()) => lastModelYear(now) + 1;
const coverageYear = z
  .int('Must be a year')
  .min(FIRST_MODEL_YEAR, `Must be ${FIRST_MODEL_YEAR} or later`)
  .refine((y) => y <= lastCoverageYear(), { error: () => `Must be ${lastCoverageYear()} or earlier` });

/** One vehicle a listed part fits: make, model and the span of model years (from = to for one year). */
export const coverageRowInput = z
  .strictObject({ make: vehicleMake, model: vehicleModel, yearFrom: coverageYear, yearTo: coverageYear, engine: line(60).nullish() })
  .refine((row) => row.yearFrom <= row.yearTo, { message: 'Must not be before the first year', path: ['yearTo'] });

export const coverageInput = z
  .array(coverageRowInput)
  .min(1, 'Add at least one vehicle the part fits')
  .max(MAX_COVERAGE_ROWS, `At most ${MAX_COVERAGE_ROWS} vehicles per listing`)
  .superRefine((rows, ctx) => {
    const overlap = overlappingRows(rows);
    if (overlap) {
      const [a, b] = overlap;
      ctx.addIssue({ code: 'custom', path: [b], message: `Rows ${a + 1} and ${b + 1} both cover ${describeCoverage(rows[b]!)}: merge them, or tell the engines apart` });
    }
  });

/** OEM and interchange numbers, as typed; two spellings of one number are kept once. */
export const partNumbersInput = z
  .array(
    z.strictObject({
      kind: choice(PART_NUMBER_KINDS, 'Choose OEM or interchange'),
      number: line(40).refine((n) => partNumberKey(n).length >= 3, 'Must have at least 3 letters or digits'),
    }),
  )
  .max(MAX_PART_NUMBERS, `At most ${MAX_PART_NUMBERS} part numbers per listing`)
  .transform((entries) => {
    const seen = new Set<string>();
    return entries
      .map((e) => ({ kind: e.kind, number: displayPartNumber(e.number) }))
      .filter((e) => {
        const key = `${e.kind}:${partNumberKey(e.number)}`;
        return seen.has(key) ? false : (seen.add(key), true);
      });
  });

const listingFields = {
  title: line(120, 3),
  partCategory: choice(PART_CATEGORY_CODES, 'Choose a category'),
  condition: choice(CONDITION_CODES, 'Choose the condition'),
  priceCents: priceMinor,
  currency,
  compatibilityNotes: text(2000),
  returnsDays: z.union(RETURN_PERIODS.map((days) => z.literal(days)), { error: 'Choose no returns, 14 or 30 days' }),
  warrantyDays: z.union(WARRANTY_PERIODS.map((days) => z.literal(days)), { error: 'Choose no warranty, 30 days, 90 days or 1 year' }),
  /** Charged on top of the price for a rebuildable part, refunded when the old part comes back; in the listing's currency. */
  coreChargeCents: priceMinor.nullable(),
  donorMileageKm: z.int('Must be a whole number of kilometres').min(0, 'Must not be negative').max(MAX_DONOR_MILEAGE_KM, 'That is more than any vehicle runs').nullable(),
  /** What is wrong with it, beside its condition grade: scratches, a broken tab, a missing bolt. */
  damageNotes: text(1000),
  /** How the part travels: picked up (with the seller's notes), shipped at a price per zone, or quoted on request. */
  pickupAvailable: z.boolean(),
  pickupNotes: text(500),
  shippingMode: choice(SHIPPING_MODES, 'Choose whether and how the part ships'),
  shipDomesticCents: priceMinor.nullable(),
  shipCountries: z.array(countryCode).max(MAX_SHIP_COUNTRIES, `At most ${MAX_SHIP_COUNTRIES} countries`),
  shipCountriesCents: priceMinor.nullable(),
  shipWorldwideCents: priceMinor.nullable(),
  /** Too large or heavy for a parcel: goes by freight (a pallet, a van) when it ships. */
  freightOnly: z.boolean(),
  handlingDays: z.int('Must be a whole number of days').min(1, 'At least 1 day').max(MAX_HANDLING_DAYS, `At most ${MAX_HANDLING_DAYS} days`),
  /** Where this part is when it is not at the seller's own location (a yard's other site); null: the seller's. */
  site: locationInput.nullable(),
};

type LogisticsFields = Partial<{
  pickupAvailable: boolean;
  shippingMode: (typeof SHIPPING_MODES)[number];
  shipDomesticCents: number | null;
  shipCountries: string[];
  shipCountriesCents: number | null;
  shipWorldwideCents: number | null;
}>;

/**
 * A listing's logistics must offer the buyer a way to get the part, and set shipping prices must name where they
 * apply. Checked on the fields as they will be stored (an edit merges them with the listing's first).
 */
export function logisticsProblems(l: LogisticsFields): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (l.pickupAvailable === false && l.shippingMode === 'none') problems.push({ path: 'shippingMode', message: 'Offer pickup, shipping, or both: otherwise no buyer can get the part' });
  if (l.shippingMode === 'priced') {
    if (l.shipDomesticCents == null && l.shipCountriesCents == null && l.shipWorldwideCents == null) {
      problems.push({ path: 'shipDomesticCents', message: 'Give a shipping price for at least one zone, or choose "quote on request"' });
    }
    if (l.shipCountriesCents != null && !l.shipCountries?.length) problems.push({ path: 'shipCountries', message: 'Name the countries this price is for' });
    if (l.shipCountriesCents == null && l.shipCountries?.length) problems.push({ path: 'shipCountriesCents', message: 'Give the price for these countries' });
  }
  return problems;
}

function checkLogistics(l: LogisticsFields, ctx: z.RefinementCtx) {
  for (const p of logisticsProblems(l)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
}

/**
 * The seed's three vehicle fields, still taken from clients written before coverage rows: without `coverage`, they
 * are the listing's one coverage row (a year stands for itself, no year for any year).
 */
const seedVehicleFields = { vehicleMake: vehicleMake.optional(), vehicleModel: vehicleModel.optional(), vehicleYear: modelYear.nullable().optional() };

function requireSomeVehicle(v: { coverage?: unknown; vehicleMake?: string; vehicleModel?: string }, ctx: z.RefinementCtx) {
  if (v.coverage !== undefined) return;
  if (v.vehicleMake === undefined && v.vehicleModel === undefined) ctx.addIssue({ code: 'custom', path: ['coverage'], message: 'Add at least one vehicle the part fits' });
  else if (v.vehicleMake === undefined) ctx.addIssue({ code: 'custom', path: ['vehicleMake'], message: 'Required' });
  else if (v.vehicleModel === undefined) ctx.addIssue({ code: 'custom', path: ['vehicleModel'], message: 'Required' });
}

const seedRow = (v: { vehicleMake: string; vehicleModel: string; vehicleYear?: number | null }): CoverageRow => ({
  make: v.vehicleMake,
  model: v.vehicleModel,
  yearFrom: v.vehicleYear ?? null,
  yearTo: v.vehicleYear ?? null,
});

/** The listing's coverage rows, and its primary vehicle (the first row) in the seed's fields. */
export const createListingInput = z
  .strictObject({
    ...listingFields,
    compatibilityNotes: text(2000).default(''),
    returnsDays: listingFields.returnsDays.default(0),
    warrantyDays: listingFields.warrantyDays.default(0),
    coreChargeCents: listingFields.coreChargeCents.default(null),
    donorMileageKm: listingFields.donorMileageKm.default(null),
    damageNotes: text(1000).default(''),
    pickupAvailable: listingFields.pickupAvailable.default(true),
    pickupNotes: text(500).default(''),
    shippingMode: listingFields.shippingMode.default('none'),
    shipDomesticCents: listingFields.shipDomesticCents.default(null),
    shipCountries: listingFields.shipCountries.default([]),
    shipCountriesCents: listingFields.shipCountriesCents.default(null),
    shipWorldwideCents: listingFields.shipWorldwideCents.default(null),
    freightOnly: listingFields.freightOnly.default(false),
    handlingDays: listingFields.handlingDays.default(2),
    site: listingFields.site.default(null),
    ...seedVehicleFields,
    coverage: coverageInput.optional(),
    partNumbers: partNumbersInput.default([]),
  })
  .superRefine(requireSomeVehicle)
  .superRefine(checkLogistics)
  .transform(({ vehicleMake, vehicleModel, vehicleYear, coverage, ...rest }) => {
    const rows: CoverageRow[] = coverage ?? [seedRow({ vehicleMake: vehicleMake!, vehicleModel: vehicleModel!, vehicleYear })];
    return { ...rest, coverage: rows, ...primaryVehicle(rows) };
  });
export const updateListingInput = z.strictObject({
  id,
  /** Optimistic concurrency: the version the editor saw; a stale edit is a CONFLICT, not a silent overwrite. */
  expectedVersion: z.int().min(1),
  ...z.strictObject(listingFields).partial().shape,
  /** Replaces the primary vehicle (the first coverage row) for clients that know only the seed's fields. */
  ...seedVehicleFields,
  /** Replaces every coverage row. */
  coverage: coverageInput.optional(),
  /** Replaces every part number. */
  partNumbers: partNumbersInput.optional(),
});
/** An inventory file: checked row by row (`dryRun`, the default), or imported when every row is right. */
export const importCsvInput = z.strictObject({
  csv: z.string().max(8_000_000, 'The file is too large: at most 8 MB (10,000 rows)'),
  dryRun: z.boolean().default(true),
});
/** The seller's own number for a part, unique among the seller's listings. */
export const stockNumber = z.string().trim().min(1, 'Required').max(60, 'Must be at most 60 characters').regex(/^[^\u0000-\u001F\u007F]+$/, 'Must not contain control characters');

export const setListingStatusInput = z.strictObject({ id, status: z.enum(['active', 'withdrawn']) });
export const listingIdInput = z.strictObject({ id });
export const myListingsInput = z.strictObject({ status: z.enum(LISTING_STATUSES).optional(), ...page });

/** What a search is filtered by: the part of a search a person can save and be told about. */
const searchFilterFields = {
  q: z.string().trim().max(200).optional(),
  make: line(40).optional(),
  model: line(60).optional(),
  year: z.int().min(FIRST_MODEL_YEAR).max(2100).optional(),
  partCategory: choice(PART_CATEGORY_CODES, 'Choose a category').optional(),
  conditions: z.array(z.enum(CONDITION_CODES)).max(CONDITION_CODES.length).optional(),
  minPriceCents: priceMinor.optional(),
  maxPriceCents: priceMinor.optional(),
  currency: currency.optional(),
  sellerId: id.optional(),
  /** An OEM or interchange number in any spacing or case: listings carrying it, and those sharing an interchange number with them. */
  partNumber: z
    .string()
    .trim()
    .max(60, 'Must be at most 60 characters')
    .refine((n) => partNumberKey(n).length >= 3, 'Must have at least 3 letters or digits')
    .optional(),
  /** Only parts with a warranty. */
  withWarranty: z.boolean().optional(),
  /** Only parts that may be returned. */
  returnsAccepted: z.boolean().optional(),
  /** Searches from a gazetteer place (see `near` for coordinates). */
  nearPlaceId: placeId.optional(),
  /** Only parts within this many kilometres of `near` or `nearPlaceId`. */
  withinKm: z.int('Must be a whole number of kilometres').min(1, 'At least 1 km').max(MAX_WITHIN_KM, `At most ${MAX_WITHIN_KM.toLocaleString('en-US')} km`).optional(),
  /** Only parts that ship to this country. */
  shipsTo: countryCode.optional(),
  /** Only parts that can be picked up (with `withinKm`: picked up within that distance). */
  pickupOnly: z.boolean().optional(),
};
type SearchFilters = { minPriceCents?: number; maxPriceCents?: number; model?: string; make?: string; withinKm?: number; nearPlaceId?: number; near?: unknown; sort?: string };
const priceBandInOrder: [(s: SearchFilters) => boolean, { message: string; path: string[] }] = [
  (s) => s.minPriceCents === undefined || s.maxPriceCents === undefined || s.minPriceCents <= s.maxPriceCents,
  { message: 'Must not be below the minimum price', path: ['maxPriceCents'] },
];
const distanceNeedsAPlace: [(s: SearchFilters) => boolean, { message: string; path: string[] }] = [
  (s) => (s.withinKm === undefined && s.sort !== 'distance') || s.nearPlaceId !== undefined || s.near !== undefined,
  { message: 'Choose where to measure the distance from', path: ['nearPlaceId'] },
];
const makeBeforeModel: [(s: SearchFilters) => boolean, { message: string; path: string[] }] = [(s) => s.model === undefined || s.make !== undefined, { message: 'Choose a make first', path: ['make'] }];

export const searchListingsInput = z
  .strictObject({
    ...searchFilterFields,
    /** Searches from these coordinates: cards then carry `distanceKm`. */
    near: z.strictObject({ lat: z.number().min(-90, 'Must be a latitude (−90 to 90)').max(90, 'Must be a latitude (−90 to 90)'), lon: z.number().min(-180, 'Must be a longitude (−180 to 180)').max(180, 'Must be a longitude (−180 to 180)') }).optional(),
    /** The vehicle each card's `fit` is for; without it, the signed-in caller's active garage vehicle. */
    fitFor: z.strictObject({ vehicleMake: line(40), vehicleModel: line(60), vehicleYear: z.int().min(FIRST_MODEL_YEAR).max(2100) }).optional(),
    sort: choice(LISTING_SORTS, 'Choose a sort order').optional(),
    withCounts: z.boolean().default(true),
    ...page,
  })
  .refine(...priceBandInOrder)
  .refine(...makeBeforeModel)
  .refine(...distanceNeedsAPlace)
  .refine((s) => s.near === undefined || s.nearPlaceId === undefined, { message: 'Give either coordinates or a place, not both', path: ['near'] });

// ---------- saved searches and the watchlist ----------

/** A saved search: its filters (never a page, a sort or a cursor), at least one of them set. */
export const savedSearchQuery = z
  .strictObject(searchFilterFields)
  .refine(...priceBandInOrder)
  .refine(...makeBeforeModel)
  .refine(...distanceNeedsAPlace)
  .refine((s) => Object.values(s).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== ''), {
    message: 'Search for a word, a vehicle or a category before saving the search',
  });
export type SavedSearchQuery = z.infer<typeof savedSearchQuery>;
export const createSavedSearchInput = z.strictObject({ query: savedSearchQuery, name: line(80).optional() });
export const savedSearchIdInput = z.strictObject({ id });
export const watchInput = z.strictObject({ listingId: id });
export const watchlistInput = z.strictObject({ listingId: id.optional() }).optional();

// ---------- purchases ----------

export const shippingAddressInput = z.strictObject({
  name: line(100),
  line1: line(200),
  line2: line(200).nullish(),
  postalCode: postalCode.min(2, 'Required'),
  city: line(100),
  country: countryCode,
});
/**
 * A reservation: pickup (the default when the listing offers it) or shipping to an address, which only that seller
 * and operators see.
 */
export const reserveInput = z
  .strictObject({ listingId: id, fulfilment: choice(FULFILMENTS, 'Choose pickup or shipping').optional(), shipTo: shippingAddressInput.optional() })
  .refine((r) => r.fulfilment !== 'shipping' || r.shipTo !== undefined, { message: 'Give the address to ship to', path: ['shipTo'] })
  .refine((r) => r.fulfilment === 'shipping' || r.shipTo === undefined, { message: 'An address is only for shipping', path: ['shipTo'] });
export const purchaseIdInput = z.strictObject({ purchaseId: id });
export const cancelPurchaseInput = z.strictObject({ purchaseId: id, reason: text(500).optional() });
export const myPurchasesInput = z.strictObject({
  as: z.enum(['buyer', 'seller']).default('buyer'),
  status: z.enum(PURCHASE_STATUSES).optional(),
  ...page,
});

// ---------- fitment ----------

export const vehicleInput = z.strictObject({
  vehicleMake,
  vehicleModel,
  vehicleYear: modelYear,
  vinLast8: vinLast8.optional(),
});
export const fitmentCheckInput = z.strictObject({ listingId: id, ...vehicleInput.shape });
export const myFitmentInput = z.strictObject({ listingId: id.optional(), ...page });
export const fitmentReportInput = z.strictObject({
  purchaseId: id,
  fit: z.boolean(),
  /** Without it, the buyer's active garage vehicle. */
  vehicle: z.strictObject({ make: vehicleMake, model: vehicleModel, year: modelYear }).optional(),
  note: text(1000).optional(),
});
export const fitmentReportsForListingInput = z.strictObject({ listingId: id });

// ---------- garage ----------

const garageFields = {
  name: line(40),
  make: vehicleMake,
  model: vehicleModel,
  year: modelYear,
  engine: line(60).optional(),
  vinLast8: vinLast8.optional(),
  /** Where the vehicle is, when a search should measure from there rather than from its owner's town. */
  location: locationInput.optional(),
};
export const addGarageVehicleInput = z.strictObject(garageFields);
export const updateGarageVehicleInput = z.strictObject({
  id,
  ...z.strictObject(garageFields).partial().shape,
  engine: line(60).nullable().optional(),
  vinLast8: vinLast8.nullable().optional(),
  location: locationInput.nullable().optional(),
});
export const garageVehicleIdInput = z.strictObject({ id });

// ---------- photos ----------

export const photoMetaFields = {
  caption: line(200).optional(),
  angle: choice(PHOTO_ANGLES, 'Choose which side of the part the photo shows').optional(),
};
/** The non-file fields of a photo upload, read from its FormData. */
export const uploadPhotoFields = z
  .strictObject({
    listingId: id.optional(),
    /** The seller's own stock number instead of the listing's id: photos that follow an inventory import. */
    stockNumber: z.string().trim().min(1).max(60, 'Must be at most 60 characters').optional(),
    ...photoMetaFields,
    isPrimary: z.enum(['true', 'false']).optional(),
  })
  .refine((fields) => (fields.listingId === undefined) !== (fields.stockNumber === undefined), {
    message: 'Name the listing by its id or by your stock number',
    path: ['listingId'],
  });
export const photoIdInput = z.strictObject({ photoId: id });
export const updatePhotoInput = z.strictObject({ photoId: id, caption: line(200).nullable().optional(), angle: choice(PHOTO_ANGLES, 'Choose which side of the part the photo shows').nullable().optional() });
export const listPhotosInput = z.strictObject({ listingId: id });

// ---------- ratings ----------

export const createRatingInput = z.strictObject({
  purchaseId: id,
  rating: z.int('Must be a whole number from 1 to 5').min(1, 'Must be from 1 to 5').max(5, 'Must be from 1 to 5'),
  reviewText: text(2000).optional(),
});
export const ratingsForSellerInput = z.strictObject({ sellerId: id, ...page });

// ---------- inquiries ----------

export const createInquiryInput = z.strictObject({ listingId: id, message: text(2000, 1) });
export const replyInquiryInput = z.strictObject({ inquiryId: id, message: text(2000, 1) });
export const inquiryIdInput = z.strictObject({ inquiryId: id });
/** One conversation, its replies paged oldest first. */
export const getInquiryInput = z.strictObject({ inquiryId: id, ...page });
export const myInquiriesInput = z.strictObject({
  as: z.enum(['buyer', 'seller']).default('buyer'),
  status: z.enum(INQUIRY_STATUSES).optional(),
  listingId: id.optional(),
  ...page,
});

// ---------- notifications ----------

export const notificationsInput = z.strictObject({ unreadOnly: z.boolean().default(false), ...page });
/** Marks the given notifications read, those about one conversation (its page was opened), or all of the caller's. */
export const markNotificationsReadInput = z
  .strictObject({
    ids: z.array(id).min(1).max(LIMITS.pageSize, `At most ${LIMITS.pageSize} at a time`).optional(),
    inquiryId: id.optional(),
    all: z.literal(true).optional(),
  })
  .refine((input) => [input.ids, input.inquiryId, input.all].filter((given) => given !== undefined).length === 1, {
    error: 'Name the notifications to mark read, a conversation, or mark them all',
  });
const channel = choice(NOTIFICATION_CHANNELS, 'Choose in the app only, email too, or off');
/** Only the kinds being changed need to be sent; the others keep their setting. */
export const setNotificationPreferencesInput = z.strictObject(Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, channel.optional()])) as Record<NotificationKind, z.ZodOptional<typeof channel>>);
/** The link of an email: its token names the person, so it works without signing in. */
export const unsubscribeInput = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This unsubscribe link is not valid'),
  kind: z.union([z.enum(NOTIFICATION_KINDS), z.literal('all')], { error: 'This unsubscribe link is not valid' }).default('all'),
});

/** The link of an email-address confirmation: its token names the account and the address. */
export const confirmEmailInput = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'This confirmation link is not valid; ask for a new one on your account page'),
});

// ---------- users ----------

export const userIdInput = z.strictObject({ userId: id });

// ---------- console ----------

export const reason = text(500, 3);
export const consoleListingsInput = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: z.enum(LISTING_STATUSES).optional(),
  sellerId: id.optional(),
  make: line(40).optional(),
  model: line(60).optional(),
  year: z.int().min(FIRST_MODEL_YEAR).max(2100).optional(),
  partCategory: z.enum(PART_CATEGORY_CODES).optional(),
  conditions: z.array(z.enum(CONDITION_CODES)).max(CONDITION_CODES.length).optional(),
  minPriceCents: priceMinor.optional(),
  maxPriceCents: priceMinor.optional(),
  currency: currency.optional(),
  ...timeSort,
  ...page,
});
export const moderateListingInput = z.strictObject({ id, action: z.enum(['remove', 'restore']), reason });
export const consoleInquiriesInput = z.strictObject({
  status: z.enum(INQUIRY_STATUSES).optional(),
  olderThanHours: z.int().min(0).max(24 * 365).optional(),
  listingId: id.optional(),
  ...timeSort,
  ...page,
});
export const consoleCloseInquiryInput = z.strictObject({ inquiryId: id, reason });
export const consoleFitmentInput = z.strictObject({
  fitmentStatus: z.array(z.enum(FITMENT_STATUSES)).max(FITMENT_STATUSES.length).optional(),
  reviewed: z.boolean().optional(),
  listingId: id.optional(),
  ...timeSort,
  ...page,
});
export const reviewFitmentInput = z.strictObject({ logId: id, note: text(500, 1) });
export const consoleFitmentReportsInput = z.strictObject({ status: z.enum(['open', 'resolved']).optional(), listingId: id.optional(), ...timeSort, ...page });
export const resolveFitmentReportInput = z.strictObject({ reportId: id, note: text(500, 1) });
export const consoleUsersInput = z.strictObject({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(['active', 'suspended']).optional(),
  ...timeSort,
  ...page,
});
export const setUserRoleInput = z.strictObject({ userId: id, role: z.enum(ROLES), reason });
export const suspendUserInput = z.strictObject({ userId: id, suspend: z.boolean().default(true), reason });
export const verifySellerInput = z.strictObject({ userId: id, verified: z.boolean().default(true), reason });
export const auditLogInput = z.strictObject({
  actorId: id.optional(),
  action: line(60).optional(),
  targetId: id.optional(),
  ...timeSort,
  ...page,
});
export const statsInput = z.strictObject({ window: z.enum(['day', 'week', 'month']).default('week') });

export type SignUpInput = z.infer<typeof signUpInput>;
export type CreateListingInput = z.infer<typeof createListingInput>;
export type UpdateListingInput = z.infer<typeof updateListingInput>;
export type SearchListingsInput = z.infer<typeof searchListingsInput>;
export type ReserveInput = z.infer<typeof reserveInput>;
export type ShippingAddress = z.infer<typeof shippingAddressInput>;
export type FitmentCheckInput = z.infer<typeof fitmentCheckInput>;
export type VehicleInput = z.infer<typeof vehicleInput>;
export type AddGarageVehicleInput = z.infer<typeof addGarageVehicleInput>;
export type UpdateGarageVehicleInput = z.infer<typeof updateGarageVehicleInput>;
export type FitmentReportInput = z.infer<typeof fitmentReportInput>;
