/**
 * `pnpm --filter @carparts/bench import-csv`: a salvage yard's inventory file of 10,000 rows through `listings.importCsv`
 * on a fresh database file — the check alone, the first import (every row new), and the same file again (every row
 * an update) — with the time each took.
 *
 *   pnpm --filter @carparts/bench import-csv -- --rows 10000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createCaller, configFromEnv, noCookies } from '@carparts/api';
import { closeDb, openDb } from '@carparts/db';
import { makeUser } from '@carparts/db/testing';
import { CSV_COLUMNS, PART_CATEGORY_CODES, type CsvColumn } from '@carparts/domain';

const { values } = parseArgs({ args: process.argv.slice(2).filter((a) => a !== '--'), options: { rows: { type: 'string', default: '10000' } } });
const rows = Number(values.rows);
const dir = mkdtempSync(join(tmpdir(), 'carparts-import-bench-'));
const db = await openDb(pathToFileURL(join(dir, 'bench.db')).href);
try {
  const seller = await makeUser(db, { role: 'seller' });
  const caller = createCaller({
    db,
    config: configFromEnv(),
    user: { id: seller.id, username: seller.username, role: 'seller', displayName: seller.displayName, status: 'active' },
    // an in-process caller, as the storefront's server is: the seller's session as its load would have read it
    session: { id: 'bench', userId: seller.id, createdAt: new Date(), lastVerifiedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) },
    cookies: noCookies,
    now: () => new Date(),
    meta: { transport: 'internal', authVia: null, origin: null, requestOrigin: null, clientAddress: '127.0.0.1', requestId: 'bench' },
  });
  const makes = [['Volkswagen', 'Golf'], ['Ford', 'Focus'], ['Toyota', 'Corolla'], ['BMW', '3 Series'], ['Honda', 'Civic']] as const;
  const lines = Array.from({ length: rows }, (_, i) => {
    const [make, model] = makes[i % makes.length]!;
    const from = 2000 + (i % 20);
    const row: Partial<Record<CsvColumn, string | number>> = {
      stock_number: `B-${i}`,
      title: `Part ${i} for ${make} ${model}`,
      category: PART_CATEGORY_CODES[i % PART_CATEGORY_CODES.length],
      condition: 'used_good',
      price: `${10 + (i % 500)}.00`,
      currency: 'USD',
      make,
      model,
      year_from: from,
      year_to: from + 3,
      oem_numbers: `OEM${i}X`,
      notes: 'Tested',
      returns_days: 30,
      warranty_days: 90,
      donor_mileage_km: 100_000 + i,
      pickup: 'yes',
      shipping: 'priced',
      ship_domestic: '12.00',
      ship_countries: 'CA; MX',
      ship_countries_price: '35.00',
      handling_days: 2,
    };
    // every column of the template, by name: a column added to it later leaves this file valid
    return CSV_COLUMNS.map((column) => String(row[column] ?? '')).join(',');
  });
  const csv = [CSV_COLUMNS.join(','), ...lines].join('\n');
  const time = async (what: string, expected: { created: number; updated: number; imported: boolean }, run: () => Promise<{ created: number; updated: number; imported: boolean; errors: unknown[] }>) => {
    const started = performance.now();
    const result = await run();
    const seconds = (performance.now() - started) / 1000;
    console.log(`${what.padEnd(40)} ${seconds.toFixed(2).padStart(6)} s  (${result.created} new, ${result.updated} updated, ${result.errors.length} errors, imported: ${result.imported})`);
    // a time is only a figure when the file did what it stands for
    const { created, updated, imported } = result;
    if (result.errors.length > 0 || created !== expected.created || updated !== expected.updated || imported !== expected.imported) {
      throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify({ created, updated, imported })} and errors ${JSON.stringify(result.errors.slice(0, 3))}`);
    }
  };
  console.log(`${rows.toLocaleString('en-US')} rows, ${(csv.length / 2 ** 20).toFixed(1)} MiB · ${cpus().length} × ${cpus()[0]?.model} · ${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.version}`);
  await time('check only (dryRun)', { created: rows, updated: 0, imported: false }, () => caller.listings.importCsv({ csv, dryRun: true }));
  await time('import, every row new', { created: rows, updated: 0, imported: true }, () => caller.listings.importCsv({ csv, dryRun: false }));
  await time('the same file again, every row updated', { created: 0, updated: rows, imported: true }, () => caller.listings.importCsv({ csv, dryRun: false }));
} finally {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
}
