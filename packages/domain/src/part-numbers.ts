/**
 * OEM and interchange part numbers as people type them: "1K0 915 105 AB", "1k0-915-105-ab" and "1K0.915.105.AB" are one
 * number. The key keeps letters and digits only, upper-case, accents folded.
 */
export const PART_NUMBER_KINDS = ['oem', 'interchange'] as const;
export type PartNumberKind = (typeof PART_NUMBER_KINDS)[number];

export const MAX_PART_NUMBERS = 20;

export function partNumberKey(typed: string): string {
  return typed
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/** The spelling shown: trimmed, runs of spaces collapsed, upper-case (as printed on parts). */
export function displayPartNumber(typed: string): string {
  return typed.trim().replace(/\s+/g, ' ').toUpperCase();
}
