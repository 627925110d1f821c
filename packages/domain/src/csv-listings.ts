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
}): Record<CsvColumn, string> {
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
  };
}

