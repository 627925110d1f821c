import { DomainError } from './errors.ts';

/**
 * VIN positions 10–17 (the "last 8"): 49 CFR 565.4 allows digits and letters except I, O and Q; position 10 is the
 * model-year code, which is never U, Z or 0, and repeats every 30 years.
 */
export const VIN_LAST8_PATTERN = /^[A-HJ-NPR-Z0-9]{8}$/;

const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const FIRST_CYCLE_START = 1980;

export function normalizeVinLast8(raw: string): string {
  return raw.trim().toUpperCase();
}

/** Why a fragment is not a valid last-8, or null when it is. Input is expected normalized. */
export function vinLast8Problem(vinLast8: string): string | null {
  if (vinLast8.length !== 8) return `must be exactly 8 characters (VIN positions 10–17), got ${vinLast8.length}`;
  const bad = vinLast8.match(/[IOQ]/);
  if (bad) return `cannot contain the letter ${bad[0]} (VINs never use I, O or Q)`;
  if (!VIN_LAST8_PATTERN.test(vinLast8)) return 'may only contain letters and digits';
  const yearCode = vinLast8[0]!;
  if ('UZ0'.includes(yearCode)) return `starts with ${yearCode}, which is never a model-year code`;
  return null;
}

/** Both model years a position-10 code stands for (30 years apart), or null for a character that is no year code. */
export function modelYearsForVinCode(code: string): [number, number] | null {
  const index = YEAR_CODES.indexOf(code.toUpperCase());
  if (index < 0) return null;
  const first = FIRST_CYCLE_START + index;
  return [first, first + 30];
}

export type VinYearCheck =
  | { kind: 'agrees' }
  | { kind: 'not_checked'; reason: string }
  | { kind: 'disagrees'; code: string; years: [number, number]; note: string };

/**
 * Compares the model-year code with the year the buyer stated. Codes before 1981 were not standardised, so older
 * vehicles are not checked.
 */
export function checkVinYear(vinLast8: string, statedYear: number): VinYearCheck {
  if (statedYear < 1981) return { kind: 'not_checked', reason: 'VIN year codes are only standard from 1981' };
  const code = vinLast8[0]!;
  const years = modelYearsForVinCode(code);
  if (!years) throw new DomainError('BAD_REQUEST', `vinLast8: ${code} is not a model-year code`);
  if (years.includes(statedYear)) return { kind: 'agrees' };
  return {
    kind: 'disagrees',
    code,
    years,
    note: `VIN year code ${code} means ${years[0]} or ${years[1]}, not ${statedYear}`,
  };
}
