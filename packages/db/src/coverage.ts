import { makeKey, modelKey, partNumberKey, type CoverageRow, type PartNumberKind } from '@carparts/domain';
import type { listingCoverage, listingPartNumbers } from './schema/listings.ts';

/** A listing's coverage rows as stored: keys folded by the domain's rules, in the order given. */
export function coverageRowValues(listingSeq: number, rows: readonly CoverageRow[]): (typeof listingCoverage.$inferInsert)[] {
  return rows.map((row, position) => ({
    listingSeq,
    position,
    make: row.make,
    model: row.model,
    makeKey: makeKey(row.make),
    modelKey: modelKey(row.model),
    yearFrom: row.yearFrom,
    yearTo: row.yearTo,
    engine: row.engine ?? null,
  }));
}

/** A listing's part numbers as stored, with the key search matches on. */
export function partNumberValues(listingSeq: number, numbers: readonly { kind: PartNumberKind; number: string }[]): (typeof listingPartNumbers.$inferInsert)[] {
  return numbers.map((n) => ({ listingSeq, kind: n.kind, number: n.number, numberKey: partNumberKey(n.number) }));
}
