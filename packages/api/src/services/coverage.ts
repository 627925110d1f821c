import { coverageRowValues, fitmentReports, listingCoverage, listingPartNumbers, partNumberValues, readerOf, type DbOrTx } from '@carparts/db';
import { partNumberKey, type CoverageRow, type FitContradiction, type PartNumberKind } from '@carparts/domain';
import { and, asc, eq, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { jsonRows } from './json-rows.ts';
import { prepared } from './prepared.ts';

/**
 * A listing's fitment data: the vehicles it covers and its part numbers. Written whole (a listing's rows are replaced,
 * never patched) inside the transaction that writes the listing.
 */
export type PartNumber = { kind: PartNumberKind; number: string };

export async function writeCoverage(tx: DbOrTx, listingSeq: number, rows: readonly CoverageRow[]) {
  await tx.delete(listingCoverage).where(eq(listingCoverage.listingSeq, listingSeq));
  await tx.insert(listingCoverage).values(coverageRowValues(listingSeq, rows));
}

export async function writePartNumbers(tx: DbOrTx, listingSeq: number, numbers: readonly PartNumber[]) {
  await tx.delete(listingPartNumbers).where(eq(listingPartNumbers.listingSeq, listingSeq));
  if (numbers.length === 0) return;
  await tx
    .insert(listingPartNumbers)
    .values(partNumberValues(listingSeq, numbers))
    .onConflictDoNothing();
}

/**
 * A listing's coverage rows, in position order, from the copy its row keeps (`coverage_json`, which a trigger writes
 * from the rows on every change of them): what a statement that read the row needs no other for.
 */
export const coverageOfRow = (listing: { coverageJson: string }): CoverageRow[] => JSON.parse(listing.coverageJson) as CoverageRow[];

export async function coverageOf(db: DbOrTx, listingSeq: number): Promise<CoverageRow[]> {
  const reader = readerOf(db);
  return prepared(reader, 'coverage-of', () =>
    reader
      .select({ make: listingCoverage.make, model: listingCoverage.model, yearFrom: listingCoverage.yearFrom, yearTo: listingCoverage.yearTo, engine: listingCoverage.engine })
      .from(listingCoverage)
      .where(eq(listingCoverage.listingSeq, sql.placeholder('seq')))
      .orderBy(asc(listingCoverage.position)),
  ).all({ seq: listingSeq });
}

/** The coverage rows of several listings in one read, by listing row number. */
export async function coverageOfListings(db: DbOrTx, listingSeqs: number[]): Promise<Map<number, CoverageRow[]>> {
  const bySeq = new Map<number, CoverageRow[]>();
  if (listingSeqs.length === 0) return bySeq;
  const reader = readerOf(db);
  const rows = await prepared(reader, 'coverage-of-listings', () =>
    reader
      .select({ listingSeq: listingCoverage.listingSeq, make: listingCoverage.make, model: listingCoverage.model, yearFrom: listingCoverage.yearFrom, yearTo: listingCoverage.yearTo, engine: listingCoverage.engine })
      .from(listingCoverage)
      .where(sql`${listingCoverage.listingSeq} IN (SELECT value FROM json_each(${sql.placeholder('seqs')}))`)
      .orderBy(asc(listingCoverage.listingSeq), asc(listingCoverage.position)),
  ).all({ seqs: JSON.stringify([...new Set(listingSeqs)]) });
  for (const { listingSeq, ...row } of rows) bySeq.set(listingSeq, [...(bySeq.get(listingSeq) ?? []), row]);
  return bySeq;
}

/** A listing's part numbers, by kind then number, as a JSON value of a statement that has the listing's row number. */
export const partNumbersJson = (listingSeq: AnyColumn | SQL) =>
  jsonRows(
    { kind: listingPartNumbers.kind, number: listingPartNumbers.number },
    { from: listingPartNumbers, where: eq(listingPartNumbers.listingSeq, listingSeq), orderBy: sql`${listingPartNumbers.kind}, ${listingPartNumbers.number}` },
  );

/** A buyer's "did not fit" for a vehicle one of the seller's rows claimed. */
export const contradictsSeller = and(eq(fitmentReports.fit, false), eq(fitmentReports.claimed, true))!;
/** ... that no operator has resolved yet: it sends the listing's verdict for that vehicle to review. */
export const isOpenContradiction = and(contradictsSeller, isNull(fitmentReports.resolvedAt))!;

/** Buyers' open contradictions of a listing's rows. */
export async function openContradictions(db: DbOrTx, listingId: string): Promise<FitContradiction[]> {
  const reader = readerOf(db);
  return prepared(reader, 'open-contradictions', () =>
    reader
      .select({ make: fitmentReports.vehicleMake, model: fitmentReports.vehicleModel, year: fitmentReports.vehicleYear })
      .from(fitmentReports)
      .where(and(eq(fitmentReports.partListingId, sql.placeholder('listingId')), isOpenContradiction)),
  ).all({ listingId });
}

/**
 * The listings an OEM or interchange number finds: those carrying it (as either kind), and those carrying an
 * interchange number that a listing carrying it as its OEM number carries (an interchange number already names the
 * group of parts that replace each other). Bounded: a number shared by more listings than a page of search can use
 * is cut at `limit`.
 */
export async function listingsWithPartNumber(db: DbOrTx, typed: string, limit = 5_000): Promise<number[]> {
  const reader = readerOf(db);
  const key = partNumberKey(typed);
  const carrier = alias(listingPartNumbers, 'carrier');
  const interchange = await prepared(reader, 'interchange-keys', () =>
    reader
      .selectDistinct({ key: listingPartNumbers.numberKey })
      .from(carrier)
      .innerJoin(listingPartNumbers, and(eq(listingPartNumbers.listingSeq, carrier.listingSeq), eq(listingPartNumbers.kind, 'interchange')))
      .where(and(eq(carrier.numberKey, sql.placeholder('key')), eq(carrier.kind, 'oem'))),
  ).all({ key });
  const keys = [...new Set([key, ...interchange.map((r) => r.key)])];
  const rows = await prepared(reader, 'listings-with-part-numbers', () =>
    reader
      .selectDistinct({ seq: listingPartNumbers.listingSeq })
      .from(listingPartNumbers)
      .where(sql`${listingPartNumbers.numberKey} IN (SELECT value FROM json_each(${sql.placeholder('keys')}))`)
      .limit(sql.placeholder('limit')),
  ).all({ keys: JSON.stringify(keys), limit });
  return rows.map((r) => r.seq);
}
