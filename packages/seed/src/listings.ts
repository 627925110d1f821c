import type { partListings } from '@carparts/db';
import { CURRENCIES, PART_CATEGORY_CODES, describeCoverage, makeKey, modelKey, overlappingRows, primaryVehicle, type CoverageRow, type Currency, type PartCategory, type PartNumberKind } from '@carparts/domain';
import { CONDITION_WEIGHTS, PARTS, VEHICLES, labelSeed, rng, type Rng } from './catalog.ts';

const CURRENCY_WEIGHTS: ReadonlyArray<readonly [Currency, number]> = [
  ['USD', 60],
  ['EUR', 20],
  ['GBP', 10],
  ['CAD', 10],
];

const ENGINES = ['1.4 petrol', '1.6 petrol', '2.0 petrol', '2.0 diesel', '1.8 turbo', '2.5 hybrid', 'V6 3.5', 'V8 5.0'];

/** How many model years a part carries over: often one generation's worth, sometimes a single year. */
const SPAN_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [1, 25], [2, 10], [3, 15], [4, 20], [5, 12], [6, 10], [8, 8],
];
/** How many more vehicles than the first a listing names: most parts fit one model, some a whole platform. */
const EXTRA_ROWS_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [0, 45], [1, 25], [2, 15], [3, 10], [4, 5],
];

function yearSpan(r: Rng, vehicle: (typeof VEHICLES)[number], around?: number): { yearFrom: number; yearTo: number } {
  const width = r.weighted(SPAN_WEIGHTS);
  const start = around === undefined ? r.int(vehicle.from, vehicle.to) : Math.min(vehicle.to, Math.max(vehicle.from, around + r.int(-2, 2)));
  return { yearFrom: start, yearTo: Math.min(vehicle.to, start + width - 1) };
}

/**
 * The vehicles a used part fits: its donor vehicle over a span of years, and often sister models of the same make
 * over neighbouring years (a platform shares its alternator) or the same model with another engine.
 */
export function generateCoverage(r: Rng): CoverageRow[] {
  const donor = r.pick(VEHICLES);
  const first = { make: donor.make, model: donor.model, ...yearSpan(r, donor), engine: r.chance(0.3) ? r.pick(ENGINES) : null };
  const rows: CoverageRow[] = [first];
  const sisters = VEHICLES.filter((v) => v.make === donor.make && v.model !== donor.model);
  const extra = r.weighted(EXTRA_ROWS_WEIGHTS);
  for (let k = 0; k < extra * 2 && rows.length < extra + 1; k++) {
    const sister = sisters.length && r.chance(0.7) ? r.pick(sisters) : donor;
    const row = { make: sister.make, model: sister.model, ...yearSpan(r, sister, first.yearFrom), engine: sister === donor ? r.pick(ENGINES) : null };
    if (!overlappingRows([...rows, row])) rows.push(row);
  }
  return rows;
}

const OEM_FORMATS: Record<string, (r: Rng) => string> = {
  Volkswagen: (r) => `${r.int(1, 5)}K${r.int(0, 9)} ${r.int(100, 999)} ${r.int(100, 999)} ${String.fromCharCode(65 + r.int(0, 7))}${String.fromCharCode(65 + r.int(0, 7))}`,
  Audi: (r) => `${r.int(4, 8)}F${r.int(0, 9)} ${r.int(100, 999)} ${r.int(100, 999)} ${String.fromCharCode(65 + r.int(0, 7))}`,
  Toyota: (r) => `${r.int(10000, 99999)}-${r.int(10, 99)}${String.fromCharCode(65 + r.int(0, 25))}${r.int(10, 99)}`,
  Ford: (r) => `${String.fromCharCode(65 + r.int(0, 25))}L3Z-${r.int(10000, 19999)}-${String.fromCharCode(65 + r.int(0, 5))}`,
  BMW: (r) => `${r.int(11, 64)} ${r.int(10, 99)} ${r.int(1, 9)} ${r.int(100, 999)} ${r.int(100, 999)}`,
};
const genericOem = (r: Rng) => `${r.int(10000, 99999)}-${r.int(1000, 9999)}`;

/**
 * OEM numbers are drawn from a small pool per vehicle and category (the same part number appears on many listings of
 * the same part), interchange numbers from a pool per make and category, shared across a make's models as interchange
 * groups are.
 */
export function generatePartNumbers(r: Rng, make: string, model: string, category: PartCategory): { kind: PartNumberKind; number: string }[] {
  const numbers: { kind: PartNumberKind; number: string }[] = [];
  if (r.chance(0.6)) {
    const pooled = rng(labelSeed(`${make}|${model}|${category}|${r.int(0, 19)}`));
    numbers.push({ kind: 'oem', number: (OEM_FORMATS[make] ?? genericOem)(pooled) });
  }
  if (r.chance(0.35)) {
    // an interchange group is a family of parts that replace each other: one make's platform, one kind of part
    const group = rng(labelSeed(`${make}|${category}|interchange|${r.int(0, 29)}`)).int(10_000, 99_999);
    numbers.push({ kind: 'interchange', number: `${String(PART_CATEGORY_CODES.indexOf(category) + 1).padStart(3, '0')}-${group}` });
  }
  return numbers;
}

export interface GeneratedListing {
  listing: typeof partListings.$inferInsert;
  coverage: CoverageRow[];
  partNumbers: { kind: PartNumberKind; number: string }[];
}

/** One realistic listing: real vehicles, a part that exists for them, a plausible price, note and part numbers. */
export function generateListing(r: Rng, sellerId: string, createdAt: Date): GeneratedListing {
  const coverage = generateCoverage(r);
  const primary = primaryVehicle(coverage);
  const first = coverage[0]!;
  const category = r.pick(PART_CATEGORY_CODES);
  const part = PARTS[category];
  const years = first.yearFrom === first.yearTo ? `${first.yearFrom}` : `${first.yearFrom}–${first.yearTo}`;
  const title = `${r.pick(part.titles).replace('{km}', String(r.int(40, 260) * 1000))} – ${first.make} ${first.model} ${years}`;
  const currency = r.weighted(CURRENCY_WEIGHTS);
  // prices cluster toward the cheap end, as used parts do; round to whole currency units
  const span = part.maxCents - part.minCents;
  const raw = part.minCents + Math.round(span * r.next() ** 2.2);
  const unit = 10 ** CURRENCIES[currency];
  const priceCents = Math.max(unit, Math.round(raw / unit) * unit);
  const notes = [r.pick(part.notes)];
  if (coverage.length > 1) notes.push(`Also fits ${coverage.slice(1).map(describeCoverage).join('; ')}.`);
  return {
    listing: {
      sellerId,
      title: title.slice(0, 120),
      partCategory: category,
      condition: r.weighted(CONDITION_WEIGHTS),
      priceCents,
      currency,
      ...primary,
      makeKey: makeKey(primary.vehicleMake),
      modelKey: modelKey(primary.vehicleModel),
      compatibilityNotes: notes.join(' '),
      status: 'active',
      createdAt,
      updatedAt: createdAt,
    },
    coverage,
    partNumbers: generatePartNumbers(r, first.make, first.model, category),
  };
}
