import type { SessionUser } from '@carparts/auth';
import { inventoryImports, listingPartNumbers, partListings, type Db, type DbOrTx } from '@carparts/db';
import {
  CSV_COLUMNS,
  CSV_TEMPLATE_EXAMPLE,
  DomainError,
  MAX_CSV_ROWS,
  REQUIRED_CSV_COLUMNS,
  createListingInput,
  csvColumnOf,
  csvRowOf,
  listingFromCsvRow,
  spreadsheetSafe,
  stockNumber,
  type CsvColumn,
  type CreateListingInput,
} from '@carparts/domain';
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { and, asc, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { coverageOfListings, writeCoverage, writePartNumbers } from './coverage.ts';
import { countryListOf, listingValues, siteColumns } from './listings.ts';
import { placeById } from './places.ts';

type Seller = Pick<SessionUser, 'id'>;

/** One row's problems, by column, the row named by its line in the file (the header is line 1). */
export interface CsvRowErrors {
  line: number;
  stockNumber: string | null;
  columns: Partial<Record<CsvColumn | 'row', string[]>>;
}

const fileError = (message: string) => new DomainError('BAD_REQUEST', message, { csv: [message] });

/** The rows of an inventory file, each with the line it starts on; a file that is not a CSV of our columns is refused whole. */
function readRows(csv: string): { line: number; cells: Partial<Record<CsvColumn, string>> }[] {
  if (csv.includes('\uFFFD')) throw fileError('The file is not UTF-8 text: save it as "CSV UTF-8" and upload it again');
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv, { bom: true, columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true, max_record_size: 64_000 });
  } catch (error) {
    if (error instanceof CsvError) throw fileError(`The file is not a readable CSV (line ${(error as CsvError & { lines?: number }).lines ?? '?'}): ${error.message.replace(/^[A-Za-z_]+: /, '')}`);
    throw error;
  }
  if (records.length === 0) throw fileError('The file has no rows under its header');
  if (records.length > MAX_CSV_ROWS) throw fileError(`The file has ${records.length.toLocaleString('en-US')} rows; import at most ${MAX_CSV_ROWS.toLocaleString('en-US')} at a time`);
  const header = Object.keys(records[0]!.record);
  const unknown = header.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length) throw fileError(`Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (the template lists the columns)`);
  const missing = REQUIRED_CSV_COLUMNS.filter((name) => !header.includes(name));
  if (missing.length) throw fileError(`Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  // a record ends on `info.lines`; it starts after the previous one ended (a quoted cell may span lines)
  let previousEnd = 1;
  return records.map(({ record, info }) => {
    const start = previousEnd + 1;
    previousEnd = info.lines;
    return { line: start, cells: record as Partial<Record<CsvColumn, string>> };
  });
}

type CheckedRow = { line: number; stockNumber: string; listing: CreateListingInput };

/** Every row checked with the listing's own schema, its errors named by column; stock numbers must not repeat. */
function checkRows(rows: ReturnType<typeof readRows>): { valid: CheckedRow[]; errors: CsvRowErrors[] } {
  const valid: CheckedRow[] = [];
  const errors: CsvRowErrors[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const { stockNumber: rawStock, ...raw } = listingFromCsvRow(cells);
    const columns: CsvRowErrors['columns'] = {};
    const add = (column: CsvColumn | 'row', message: string) => (columns[column] ??= []).push(message);
    const stock = stockNumber.safeParse(rawStock);
    if (!stock.success) for (const issue of stock.error.issues) add('stock_number', issue.message);
    else if (seen.has(stock.data)) add('stock_number', `Repeats the stock number of line ${seen.get(stock.data)}`);
    else seen.set(stock.data, line);
    const listing = createListingInput.safeParse(raw);
    if (!listing.success) for (const issue of listing.error.issues) add(csvColumnOf(issue.path), issue.message);
    if (Object.keys(columns).length) errors.push({ line, stockNumber: stock.success ? stock.data : null, columns });
    else valid.push({ line, stockNumber: stock.data!, listing: listing.data! });
  }
  return { valid, errors };
}

/** Rows written per transaction: each batch commits on its own, so a large file never holds the write lock for long. */
const IMPORT_BATCH = 250;

/**
 * A salvage yard's inventory file. Checked first (always): every row against the listing schema, errors by column and
 * line. With `dryRun: false` and no errors, the rows are written: a stock number the seller already has updates that
 * listing (a sold or taken-down one is left alone and reported), a new one creates a listing — so uploading the same
 * file twice never duplicates. Returns the counts, and what was or would be done.
 */
export async function importCsv(db: Db, seller: Seller, input: { csv: string; dryRun: boolean }, now: Date) {
  const rows = readRows(input.csv);
  const { valid, errors } = checkRows(rows);
  // a site must be a place of the gazetteer: checked with the rows, before anything is written
  const sites = new Map<number, Awaited<ReturnType<typeof placeById>>>();
  for (const row of valid) {
    const site = row.listing.site;
    if (!site) continue;
    if (!sites.has(site.placeId)) sites.set(site.placeId, await placeById(site.placeId));
    if (!sites.get(site.placeId)) errors.push({ line: row.line, stockNumber: row.stockNumber, columns: { site_place_id: ['Not a place we know: look its id up with the places search'] } });
  }
  if (errors.length) {
    const bad = new Set(errors.map((e) => e.line));
    valid.splice(0, valid.length, ...valid.filter((row) => !bad.has(row.line)));
  }
  const existing = await listingsByStockNumber(db, seller, valid.map((row) => row.stockNumber));
  const untouchable = valid.filter((row) => {
    const status = existing.get(row.stockNumber)?.status;
    return status === 'sold' || status === 'removed';
  });
  for (const row of untouchable) {
    errors.push({ line: row.line, stockNumber: row.stockNumber, columns: { stock_number: [`This stock number's listing is ${existing.get(row.stockNumber)!.status === 'sold' ? 'sold' : 'taken down'} and cannot be changed by an import`] } });
  }
  errors.sort((a, b) => a.line - b.line);
  const toUpdate = valid.filter((row) => existing.has(row.stockNumber) && !untouchable.includes(row));
  const toCreate = valid.filter((row) => !existing.has(row.stockNumber));
  const summary = { rows: rows.length, valid: valid.length - untouchable.length, errors, created: toCreate.length, updated: toUpdate.length };
  if (input.dryRun || errors.length > 0) return { ...summary, imported: false };

  const all = [...toCreate, ...toUpdate];
  const sellerSite = await siteColumns(db, seller.id, null);
  await startImport(db, seller.id, all.length, now);
  try {
    for (let i = 0; i < all.length; i += IMPORT_BATCH) {
      const batch = all.slice(i, i + IMPORT_BATCH);
      await db.transaction(async (tx) => {
        for (const row of batch) {
          const site = row.listing.site ? await siteColumns(tx, seller.id, row.listing.site) : sellerSite;
          await writeRow(tx, seller, row, site, existing.get(row.stockNumber), now);
        }
        // the progress moves with the rows it counts
        await tx.update(inventoryImports).set({ done: sql`${inventoryImports.done} + ${batch.length}` }).where(eq(inventoryImports.sellerId, seller.id));
      });
    }
  } finally {
    await db.update(inventoryImports).set({ finishedAt: new Date() }).where(eq(inventoryImports.sellerId, seller.id));
  }
  return { ...summary, imported: true };
}

/** An import still unfinished after this long is taken to have died with its process. */
const STALE_IMPORT_MS = 15 * 60_000;

/** Claims the seller's one running import: a second one waits until the first has finished (or died). */
async function startImport(db: Db, sellerId: string, total: number, now: Date) {
  const claimed = await db
    .insert(inventoryImports)
    .values({ sellerId, total, done: 0, startedAt: now, finishedAt: null })
    .onConflictDoUpdate({
      target: inventoryImports.sellerId,
      set: { total, done: 0, startedAt: now, finishedAt: null },
      setWhere: or(isNotNull(inventoryImports.finishedAt), lt(inventoryImports.startedAt, new Date(now.getTime() - STALE_IMPORT_MS))),
    })
    .returning({ sellerId: inventoryImports.sellerId });
  if (claimed.length === 0) throw new DomainError('CONFLICT', 'Your previous import is still running: wait for it to finish, then import again');
}

/** The seller's latest import: how many rows it writes and has written, and whether it has finished; null before any. */
export async function importProgress(db: DbOrTx, seller: Seller) {
  const [row] = await db.select().from(inventoryImports).where(eq(inventoryImports.sellerId, seller.id));
  return row ? { total: row.total, done: row.done, startedAt: row.startedAt, finishedAt: row.finishedAt } : null;
}

async function listingsByStockNumber(db: DbOrTx, seller: Seller, numbers: string[]) {
  const found = new Map<string, { id: string; seq: number; status: string; version: number }>();
  for (let i = 0; i < numbers.length; i += 500) {
    const rows = await db
      .select({ id: partListings.id, seq: partListings.seq, status: partListings.status, version: partListings.version, stockNumber: partListings.stockNumber })
      .from(partListings)
      .where(and(eq(partListings.sellerId, seller.id), inArray(partListings.stockNumber, numbers.slice(i, i + 500))));
    for (const row of rows) found.set(row.stockNumber!, row);
  }
  return found;
}

async function writeRow(
  tx: DbOrTx,
  seller: Seller,
  row: CheckedRow,
  site: Awaited<ReturnType<typeof siteColumns>>,
  existing: { id: string; seq: number; version: number } | undefined,
  now: Date,
) {
  const { coverage, partNumbers, site: _site, ...fields } = row.listing;
  if (existing) {
    await tx
      .update(partListings)
      .set({ ...listingValues(fields), ...site, version: existing.version + 1, updatedAt: now })
      .where(eq(partListings.id, existing.id));
    await writeCoverage(tx, existing.seq, coverage);
    await writePartNumbers(tx, existing.seq, partNumbers);
    return;
  }
  const [created] = await tx
    .insert(partListings)
    .values({ ...listingValues(fields), ...site, stockNumber: row.stockNumber, sellerId: seller.id, status: 'active', createdAt: now, updatedAt: now })
    .returning({ seq: partListings.seq });
  await writeCoverage(tx, created!.seq, coverage);
  await writePartNumbers(tx, created!.seq, partNumbers);
}

/**
 * The seller's inventory in the import's own format (listings with a stock number, and those without, whose number is
 * left blank to fill in), every cell safe to open in a spreadsheet.
 */
export async function exportCsv(db: DbOrTx, seller: Seller) {
  const listings = await db
    .select()
    .from(partListings)
    .where(and(eq(partListings.sellerId, seller.id), inArray(partListings.status, ['active', 'reserved', 'withdrawn'])))
    .orderBy(asc(partListings.stockNumber), asc(partListings.seq));
  const seqs = listings.map((l) => l.seq);
  const coverage = seqs.length ? await coverageOfListings(db, seqs) : new Map();
  const numbers = new Map<number, { kind: string; number: string }[]>();
  for (const n of seqs.length ? await db.select().from(listingPartNumbers).where(inArray(listingPartNumbers.listingSeq, seqs)) : []) {
    const ofListing = numbers.get(n.listingSeq);
    if (ofListing) ofListing.push(n);
    else numbers.set(n.listingSeq, [n]);
  }
  const rows = listings.map((listing) =>
    csvRowOf({
      ...listing,
      coverage: coverage.get(listing.seq) ?? [],
      partNumbers: numbers.get(listing.seq) ?? [],
      shipCountries: countryListOf(listing.shipCountries),
      site: listing.ownSite && listing.placeId !== null ? { placeId: listing.placeId, postalCode: listing.postalCode } : null,
    }),
  );
  const csv = stringify(
    rows.map((row) => CSV_COLUMNS.map((column) => spreadsheetSafe(row[column]))),
    { header: true, columns: [...CSV_COLUMNS] },
  );
  return { csv, rows: rows.length };
}

/** The template to download: the header and one example row. */
export function csvTemplate() {
  return stringify([CSV_COLUMNS.map((column) => CSV_TEMPLATE_EXAMPLE[column])], { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' });
}
