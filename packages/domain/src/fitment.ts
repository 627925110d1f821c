import { canonicalMake, makeKey, modelKey } from './vehicles.ts';
import { checkVinYear } from './vin.ts';

/**
 * `likely` is kept only for coverage rows that give no model years (listings from before coverage had years): make and
 * model match and nothing is known about the year, which the label says.
 */
export const FITMENT_STATUSES = ['fits', 'likely', 'does_not_fit', 'needs_review'] as const;
export type FitmentStatus = (typeof FITMENT_STATUSES)[number];

/** One vehicle a listing says it fits: a make, a model and a span of model years (from = to for a single year). */
export interface CoverageRow {
  make: string;
  model: string;
  /** Both null only on rows carried over from listings that gave no year: the row then claims every year. */
  yearFrom: number | null;
  yearTo: number | null;
  engine?: string | null;
}

export interface BuyerVehicle {
  vehicleMake: string;
  vehicleModel: string;
  vehicleYear: number;
  vinLast8?: string | null;
}

/** A buyer's report, after a completed purchase, that the part did not fit a vehicle; open until an operator resolves it. */
export interface FitContradiction {
  make: string;
  model: string;
  year: number;
}

export interface FitmentVerdict {
  fitmentStatus: FitmentStatus;
  notes: string;
}

export const MAX_COVERAGE_ROWS = 50;

/** "Golf 2009–2013", "Golf 2011", "Golf (any year)", with the engine note when there is one. */
export function describeCoverage(row: CoverageRow): string {
  const years = row.yearFrom === null ? '(any year)' : row.yearFrom === row.yearTo ? `${row.yearFrom}` : `${row.yearFrom}–${row.yearTo}`;
  return `${canonicalMake(row.make)} ${row.model} ${years}${row.engine ? `, ${row.engine}` : ''}`;
}

/** How a row covers a vehicle: for its year, for any year (the row gives none), or not at all. */
export function rowCovers(row: CoverageRow, vehicle: { make: string; model: string; year: number }): 'year' | 'any-year' | false {
  if (makeKey(row.make) !== makeKey(vehicle.make) || modelKey(row.model) !== modelKey(vehicle.model)) return false;
  if (row.yearFrom === null || row.yearTo === null) return 'any-year';
  return vehicle.year >= row.yearFrom && vehicle.year <= row.yearTo ? 'year' : false;
}

/** Whether a buyer's report names the same vehicle. */
const sameVehicle = (a: FitContradiction, b: { make: string; model: string; year: number }) =>
  makeKey(a.make) === makeKey(b.make) && modelKey(a.model) === modelKey(b.model) && a.year === b.year;

/**
 * The one rule for "will this part fit my vehicle": the verdict of a fitment check, the badge on every card and the
 * listing page, and (through the search's vehicle filter, which matches exactly the rows this calls `fits` or
 * `likely`) "only parts for my vehicle".
 *
 * `fits` when a coverage row covers make, model (aliases and spellings folded) and year; `likely` only when the row
 * that matches gives no years; `does_not_fit` when no row covers the vehicle. A would-be fit goes to `needs_review`
 * when the VIN's year code disagrees with the stated year (one of the two is wrong and only a person can tell which)
 * or when a buyer of this listing reported that it did not fit this very vehicle and no operator has resolved that yet.
 */
export function fitVerdict(rows: readonly CoverageRow[], buyer: BuyerVehicle, contradictions: readonly FitContradiction[] = []): FitmentVerdict {
  const vehicle = { make: buyer.vehicleMake, model: buyer.vehicleModel, year: buyer.vehicleYear };
  const yours = `${buyer.vehicleYear} ${canonicalMake(buyer.vehicleMake)} ${buyer.vehicleModel}`;
  const notes: string[] = [];
  let status: FitmentStatus;

  const covering = rows.find((row) => rowCovers(row, vehicle) === 'year');
  const yearless = covering ? undefined : rows.find((row) => rowCovers(row, vehicle) === 'any-year');
  if (covering) {
    status = 'fits';
    notes.push(`The seller lists it for ${describeCoverage(covering)}, which covers your ${yours}`);
  } else if (yearless) {
    status = 'likely';
    notes.push(`Make and model match ${describeCoverage(yearless)}, but the seller gave no model years: ask the seller before you buy`);
  } else {
    status = 'does_not_fit';
    const sameModel = rows.filter((row) => makeKey(row.make) === makeKey(vehicle.make) && modelKey(row.model) === modelKey(vehicle.model));
    notes.push(
      sameModel.length
        ? `Listed for ${sameModel.map(describeCoverage).join('; ')}: not for your ${yours}`
        : `Listed for ${rows.slice(0, 3).map(describeCoverage).join('; ')}${rows.length > 3 ? ` and ${rows.length - 3} more` : ''}: not for your ${yours}`,
    );
  }

  if (status !== 'does_not_fit' && contradictions.some((c) => sameVehicle(c, vehicle))) {
    status = 'needs_review';
    notes.push(`A buyer reported that it did not fit their ${yours}; an operator is checking`);
  }
  if (buyer.vinLast8) {
    const vin = checkVinYear(buyer.vinLast8, buyer.vehicleYear);
    if (vin.kind === 'disagrees') {
      notes.push(vin.note);
      if (status !== 'does_not_fit') status = 'needs_review';
    }
  }
  return { fitmentStatus: status, notes: notes.join('. ') };
}

/** Whether any of a listing's rows claims the vehicle for its year: a "did not fit" report then contradicts the seller. */
export function coverageClaims(rows: readonly CoverageRow[], vehicle: { make: string; model: string; year: number }): boolean {
  return rows.some((row) => rowCovers(row, vehicle) !== false);
}

/**
 * The listing's primary vehicle, the first row, in the seed's three fields that clients written before coverage rows
 * read and write: the row's first year stands for its span.
 */
export function primaryVehicle(rows: readonly CoverageRow[]): { vehicleMake: string; vehicleModel: string; vehicleYear: number | null } {
  const first = rows[0]!;
  return { vehicleMake: first.make, vehicleModel: first.model, vehicleYear: first.yearFrom };
}

/** Two rows of one listing that claim the same vehicle for at least one common year (or both for any year). */
export function overlappingRows(rows: readonly CoverageRow[]): [number, number] | null {
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i]!;
      const b = rows[j]!;
      if (makeKey(a.make) !== makeKey(b.make) || modelKey(a.model) !== modelKey(b.model)) continue;
      if ((a.engine ?? '').trim().toLowerCase() !== (b.engine ?? '').trim().toLowerCase()) continue;
      const aFrom = a.yearFrom ?? -Infinity;
      const aTo = a.yearTo ?? Infinity;
      const bFrom = b.yearFrom ?? -Infinity;
      const bTo = b.yearTo ?? Infinity;
      if (aFrom <= bTo && bFrom <= aTo) return [i, j];
    }
  }
  return null;
}
