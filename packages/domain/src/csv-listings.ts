import { isCurrency, parseMajorUnits, formatMajorUnits, type Currency } from './money.ts';

/** The columns of an inventory CSV, in the template's order: the listing, then what the buyer is promised. */
export const CSV_COLUMNS = [
  'stock_number',
  'title',
  'category',
  'condition',
  'price',
  'currency',
  'make',
  'model',
  'year_from',
  'year_to',
  'oem_numbers',
  'notes',
  'returns_days',
  'warranty_days',
  'core_charge',
  'donor_mileage_km',
  'damage_notes',
  'pickup',
  'pickup_notes',
  'shipping',
  'ship_domestic',
  'ship_countries',
  'ship_countries_price',
  'ship_worldwide',
  'freight_only',
  'handling_days',
  'site_place_id',
  'site_postal_code',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
/** Columns a file must have; the others may be left out (empty: the default). */
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['stock_number', 'title', 'category', 'condition', 'price', 'currency', 'make', 'model', 'year_from'];
/** Rows one file may hold. */
export const MAX_CSV_ROWS = 10_000;

/** A first row for the template, so the file shows what each column takes. */
export const CSV_TEMPLATE_EXAMPLE: Record<CsvColumn, string> = {
  stock_number: 'A-10231',
  title: 'Alternator 140A, tested',
  category: 'electrical',
  condition: 'used_good',
  price: '89.00',
  currency: 'USD',
  make: 'Volkswagen',
  model: 'Golf',
  year_from: '2009',
  year_to: '2013',
  oem_numbers: '03L903023F; 03L903024',
  notes: 'From a 1.6 TDI; tested on the bench',
  returns_days: '30',
  warranty_days: '90',
  core_charge: '25.00',
  donor_mileage_km: '142000',
  damage_notes: '',
  pickup: 'yes',
  pickup_notes: 'Weekdays 8–17 at the counter',
  shipping: 'priced',
  ship_domestic: '12.00',
  ship_countries: 'CA; MX',
  ship_countries_price: '35.00',
  ship_worldwide: '',
  freight_only: 'no',
  handling_days: '2',
  site_place_id: '',
  site_postal_code: '',
};

/** Which column a field of the listing schema came from, to name it in a row's errors. */
const FIELD_COLUMNS: Record<string, CsvColumn> = {
  stockNumber: 'stock_number',
  title: 'title',
  partCategory: 'category',
  condition: 'condition',
  priceCents: 'price',
  currency: 'currency',
  vehicleMake: 'make',
  vehicleModel: 'model',
  coverage: 'make',
  partNumbers: 'oem_numbers',
  compatibilityNotes: 'notes',
  returnsDays: 'returns_days',
  warrantyDays: 'warranty_days',
  coreChargeCents: 'core_charge',
  donorMileageKm: 'donor_mileage_km',
  damageNotes: 'damage_notes',
  pickupAvailable: 'pickup',
  pickupNotes: 'pickup_notes',
  shippingMode: 'shipping',
  shipDomesticCents: 'ship_domestic',
  shipCountries: 'ship_countries',
  shipCountriesCents: 'ship_countries_price',
  shipWorldwideCents: 'ship_worldwide',
  freightOnly: 'freight_only',
  handlingDays: 'handling_days',
  site: 'site_place_id',
};
const COVERAGE_COLUMNS: Record<string, CsvColumn> = { make: 'make', model: 'model', yearFrom: 'year_from', yearTo: 'year_to', engine: 'make' };

/** The column an issue's path points at (`coverage.0.yearTo` is `year_to`). */
export function csvColumnOf(path: readonly PropertyKey[]): CsvColumn | 'row' {
  const [first, , third] = path;
  if (first === 'coverage' && typeof third === 'string') return COVERAGE_COLUMNS[third] ?? 'make';
  return FIELD_COLUMNS[String(first)] ?? 'row';
}

const whole = (text: string | undefined) => {
  if (text === undefined || text === '') return undefined;
  return /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
};
const money = (text: string | undefined, currency: string | undefined) => {
  if (text === undefined || text === '') return undefined;
  return isCurrency(currency) ? (parseMajorUnits(text, currency) ?? Number.NaN) : Number.NaN;
};

/** yes / no (also true / false, 1 / 0); empty is the default; anything else is refused by the schema. */
const yesNo = (text: string | undefined, fallback: boolean): boolean | string => {
  if (text === undefined || text === '') return fallback;
  const t = text.trim().toLowerCase();
  return ['yes', 'y', 'true', '1'].includes(t) ? true : ['no', 'n', 'false', '0'].includes(t) ? false : text;
};

/** A cell this project exported as text ({@link spreadsheetSafe}) read back as what it was. */
const fromSpreadsheet = (cell: string | undefined) => cell?.replace(/^'(?=[=+\-@\t\r])/, '');

/** A CSV row as the listing schema's input (validated by it afterwards, like any other listing). */
export function listingFromCsvRow(cells: Partial<Record<CsvColumn, string>>) {
  const row = Object.fromEntries(Object.entries(cells).map(([column, cell]) => [column, fromSpreadsheet(cell)])) as Partial<Record<CsvColumn, string>>;
  const yearFrom = whole(row.year_from);
  return {
    stockNumber: row.stock_number ?? '',
    title: row.title ?? '',
    partCategory: row.category,
    condition: row.condition,
    priceCents: money(row.price, row.currency) ?? Number.NaN,
    currency: row.currency,
    coverage: [{ make: row.make ?? '', model: row.model ?? '', yearFrom, yearTo: whole(row.year_to) ?? yearFrom }],
    partNumbers: (row.oem_numbers ?? '')
      .split(/[;|\n]+/)
      .map((number) => number.trim())
      .filter(Boolean)
      .map((number) => ({ kind: 'oem' as const, number })),
    compatibilityNotes: row.notes ?? '',
    returnsDays: whole(row.returns_days) ?? 0,
    warrantyDays: whole(row.warranty_days) ?? 0,
    coreChargeCents: money(row.core_charge, row.currency) ?? null,
    donorMileageKm: whole(row.donor_mileage_km) ?? null,
    damageNotes: row.damage_notes ?? '',
    pickupAvailable: yesNo(row.pickup, true),
    pickupNotes: row.pickup_notes ?? '',
    shippingMode: row.shipping || 'none',
    shipDomesticCents: money(row.ship_domestic, row.currency) ?? null,
    shipCountries: (row.ship_countries ?? '')
      .split(/[;,|\s]+/)
      .map((code) => code.trim())
      .filter(Boolean),
    shipCountriesCents: money(row.ship_countries_price, row.currency) ?? null,
    shipWorldwideCents: money(row.ship_worldwide, row.currency) ?? null,
    freightOnly: yesNo(row.freight_only, false),
    handlingDays: whole(row.handling_days) ?? 2,
    site: row.site_place_id ? { placeId: whole(row.site_place_id) ?? Number.NaN, postalCode: row.site_postal_code || null } : null,
  };
}

/**
 * A cell as written to a CSV a spreadsheet will open: text that a spreadsheet would run as a formula (`=HYPERLINK(…)`,
 * `+`, `-`, `@`, a tab or carriage return first) is kept as text with a leading apostrophe.
 */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** A listing as a row of the template, ready for {@link spreadsheetSafe}. */
export function csvRowOf(listing: {
  stockNumber: string | null;
  title: string;
  partCategory: string;
  condition: string;
  priceCents: number;
  currency: Currency;
  coverage: { make: string; model: string; yearFrom: number | null; yearTo: number | null }[];
  partNumbers: { kind: string; number: string }[];
  compatibilityNotes: string;
  returnsDays: number;
  warrantyDays: number;
  coreChargeCents: number | null;
  donorMileageKm: number | null;
  damageNotes: string;
  pickupAvailable: boolean;
  pickupNotes: string;
  shippingMode: string;
  shipDomesticCents: number | null;
  shipCountries: string[];
  shipCountriesCents: number | null;
  shipWorldwideCents: number | null;
  freightOnly: boolean;
  handlingDays: number;
  site: { placeId: number; postalCode: string | null } | null;
}): Record<CsvColumn, string> {
  const price = (cents: number | null) => (cents === null ? '' : formatMajorUnits(cents, listing.currency));
  const first = listing.coverage[0];
  return {
    stock_number: listing.stockNumber ?? '',
    title: listing.title,
    category: listing.partCategory,
    condition: listing.condition,
    price: formatMajorUnits(listing.priceCents, listing.currency),
    currency: listing.currency,
    make: first?.make ?? '',
    model: first?.model ?? '',
    year_from: first?.yearFrom?.toString() ?? '',
    year_to: first?.yearTo?.toString() ?? '',
    oem_numbers: listing.partNumbers.filter((n) => n.kind === 'oem').map((n) => n.number).join('; '),
    notes: listing.compatibilityNotes,
    returns_days: String(listing.returnsDays),
    warranty_days: String(listing.warrantyDays),
    core_charge: listing.coreChargeCents === null ? '' : formatMajorUnits(listing.coreChargeCents, listing.currency),
    donor_mileage_km: listing.donorMileageKm?.toString() ?? '',
    damage_notes: listing.damageNotes,
    pickup: listing.pickupAvailable ? 'yes' : 'no',
    pickup_notes: listing.pickupNotes,
    shipping: listing.shippingMode,
    ship_domestic: price(listing.shipDomesticCents),
    ship_countries: listing.shipCountries.join('; '),
    ship_countries_price: price(listing.shipCountriesCents),
    ship_worldwide: price(listing.shipWorldwideCents),
    freight_only: listing.freightOnly ? 'yes' : 'no',
    handling_days: String(listing.handlingDays),
    site_place_id: listing.site ? String(listing.site.placeId) : '',
    site_postal_code: listing.site?.postalCode ?? '',
  };
}

