/**
 * `pnpm bench`: seeds a catalogue of 1,000,000 listings (once; reused while it has that size) and measures the
 * queries the marketplace lives on:
 *
 *  - in-process through the real router, beside the very statements each call ran replayed raw (prepared, on a bare
 *    connection, no mapping), so the cost of everything around the database shows as the gap between the two;
 *  - over HTTP through the API host (one process per core), requests per second;
 *  - the storefront's search page rendered on the server over HTTP, and the JavaScript the home page loads.
 *
 *   pnpm bench                       # 1,000,000 listings in data/bench-1000000.db
 *   pnpm bench -- --listings 100000  # a smaller catalogue
 *   pnpm bench -- --only 'km|ships'  # only the in-process queries whose names match, nothing over HTTP
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createCaller, noCookies, type ApiConfig, type ApiContext } from '@carparts/api';
import { closeDb, listingCoverage, listingPartNumbers, observeReads, openDb, partListings, type Db } from '@carparts/db';
import { PART_CATEGORY_CODES } from '@carparts/domain';
import { addSyntheticLogistics, rng, seedSyntheticCatalogue, VEHICLES } from '@carparts/seed';
import { largestPlaces } from '@carparts/api';
import autocannon from 'autocannon';
import Database from 'libsql';
import { count, eq, sql, type AnyColumn } from 'drizzle-orm';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    listings: { type: 'string', default: '1000000' },
    iterations: { type: 'string', default: '400' },
    seconds: { type: 'string', default: '5' },
    only: { type: 'string' },
  },
});
const target = Number(values.listings.replace(/_/g, ''));
const iterations = Number(values.iterations);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = join(root, 'data');
const file = join(dataDir, `bench-${target}.db`);
const url = pathToFileURL(file).href;

async function catalogue(): Promise<Db> {
  if (existsSync(file)) {
    const db = await openDb(url);
    const [row] = await db.select({ n: count() }).from(partListings);
    const [rows] = await db.select({ n: count() }).from(listingCoverage);
    // a catalogue from before coverage rows has one row per listing, migrated: generated ones have 1–5
    if (row?.n === target && (rows?.n ?? 0) > target) {
      console.log(`Reusing ${file} (${target.toLocaleString('en-US')} listings)`);
      // a catalogue seeded before listings had locations and shipping terms gets them now
      const located = await db.$client.execute('SELECT count(*) AS n FROM (SELECT 1 FROM listing_geo LIMIT 1)');
      if (Number(located.rows[0]!.n) === 0) {
        const started = performance.now();
        await addSyntheticLogistics(db);
        await db.$client.execute('ANALYZE');
        await db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
        console.log(`Added locations and shipping terms in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
      return db;
    }
    closeDb(db);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
  const db = await openDb(url);
  const started = performance.now();
  await seedSyntheticCatalogue(db, {
    count: target,
    seed: 42,
    onProgress: (done) => process.stdout.write(`\rseeding ${done.toLocaleString('en-US')} / ${target.toLocaleString('en-US')}`),
  });
  await db.$client.execute('ANALYZE');
  await db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  console.log(`\nSeeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return db;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

const db = await catalogue();
const config: ApiConfig = { reservationTtlMs: 3_600_000, photoDir: join(dataDir, 'bench-photos'), allowedOrigins: [], secureCookies: false, trustedProxies: 0 };
const ctx: ApiContext = {
  db,
  config,
  user: null,
  session: null,
  cookies: noCookies,
  now: () => new Date(),
  meta: { transport: 'internal', authVia: null, origin: null, requestOrigin: null, clientAddress: '127.0.0.1', requestId: 'bench' },
};
const api = createCaller(ctx);
const r = rng(7);
// samples spread over the catalogue the same way on every run (a multiplicative hash of the row number), so that two
// runs on one database measure the same listings and part numbers
const spread = (seq: AnyColumn) => sql`(${seq} * 2654435761) % 1000003`;
const sampleIds = (await db.select({ id: partListings.id }).from(partListings).where(eq(partListings.status, 'active')).orderBy(spread(partListings.seq)).limit(2_000)).map((x) => x.id);
// part numbers as buyers type them: lower case, spaces and dashes moved
const samplePartNumbers = (await db.select({ number: listingPartNumbers.number }).from(listingPartNumbers).orderBy(spread(listingPartNumbers.listingSeq), listingPartNumbers.number).limit(500)).map((x) =>
  x.number.toLowerCase().replace(/[\s-]/g, (c) => (c === ' ' ? '-' : ' ')),
);
// searches start from towns where sellers are (their 400 largest) and from smaller ones around them
const towns = await largestPlaces(1_500, ['US', 'CA', 'MX', 'GB', 'IE', 'DE', 'FR', 'IT', 'ES', 'PT', 'NL', 'BE', 'PL', 'AT', 'CH', 'SE', 'DK', 'CZ']);
const TERMS = ['alternator', 'brake caliper', 'headlight', 'radiator', 'gearbox', 'turbocharger', 'alloy wheels', 'seats leather', 'catalytic', 'starter motor', 'golf alternator', 'corolla radiator'];

const queries = {
  'make+model+year, active, by price': () => {
    const v = r.pick(VEHICLES);
    return { make: v.make, model: v.model, year: r.int(v.from, v.to), sort: 'price_asc' as const };
  },
  'category + price range, newest first': () => {
    const min = r.int(0, 40) * 1_000;
    return { partCategory: r.pick(PART_CATEGORY_CODES), minPriceCents: min, maxPriceCents: min + r.int(5, 50) * 1_000, sort: 'newest' as const };
  },
  'free text (relevance)': () => ({ q: r.pick(TERMS) }),
  'make+model+year, newest, with fit badges': () => {
    const v = r.pick(VEHICLES);
    const year = r.int(v.from, v.to);
    return { make: v.make, model: v.model, year, sort: 'newest' as const, fitFor: { vehicleMake: v.make, vehicleModel: v.model, vehicleYear: year } };
  },
  'make only, newest': () => ({ make: r.pick(VEHICLES).make, sort: 'newest' as const }),
  'part number (OEM or interchange, any spelling)': () => ({ partNumber: r.pick(samplePartNumbers) }),
  'within 50 km of a town, newest': () => ({ nearPlaceId: r.pick(towns).placeId, withinKm: 50, sort: 'newest' as const }),
  'nearest first, within 100 km': () => ({ nearPlaceId: r.pick(towns).placeId, withinKm: 100, sort: 'distance' as const }),
  'make + model within 250 km, by price': () => {
    const v = r.pick(VEHICLES);
    return { make: v.make, model: v.model, nearPlaceId: r.pick(towns).placeId, withinKm: 250, sort: 'price_asc' as const };
  },
  'ships to a country, category, newest': () => ({ shipsTo: r.pick(['US', 'DE', 'CA', 'FR', 'GB']), partCategory: r.pick(PART_CATEGORY_CODES), sort: 'newest' as const }),
};

/** The same statements on a bare connection: prepared once, values bound, rows read as arrays, nothing else. */
const bare = new Database(file);
bare.exec('PRAGMA mmap_size = 268435456');
bare.exec('PRAGMA cache_size = -32768');
const bareStatements = new Map<string, ReturnType<typeof bare.prepare>>();
function runRaw(statements: { sql: string; params: unknown[] }[]): number {
  const start = performance.now();
  for (const { sql: text, params } of statements) {
    let stmt = bareStatements.get(text);
    if (!stmt) bareStatements.set(text, (stmt = bare.prepare(text)));
    stmt.raw(true).all(...params);
  }
  return performance.now() - start;
}

type Row = { query: string; p50: number; p99: number; againP50: number; rawP50: number; rawP99: number; rps?: number };
const results: Row[] = [];

/**
 * Times calls drawn by `draw` (each a call with its own inputs): the call, its statements replayed raw on a bare
 * connection, and the same call again. The replay reads pages the call has just brought in; the call again reads them
 * as warm, so "again ÷ raw" is what the API adds to the SQL, while p50 and p99 are the first call's.
 */
async function measure(name: string, draw: () => () => Promise<unknown>) {
  for (let i = 0; i < 30; i++) await draw()();
  const times: number[] = [];
  const again: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const call = draw();
    const statements: { sql: string; params: unknown[] }[] = [];
    observeReads(db, (text, params) => statements.push({ sql: text, params }));
    let start = performance.now();
    await call();
    times.push(performance.now() - start);
    observeReads(db, undefined);
    raw.push(runRaw(statements));
    start = performance.now();
    await call();
    again.push(performance.now() - start);
  }
  const api = stats(times);
  const bareRun = stats(raw);
  results.push({ query: name, p50: api.p50, p99: api.p99, againP50: stats(again).p50, rawP50: bareRun.p50, rawP99: bareRun.p99 });
}

const only = values.only === undefined ? null : new RegExp(values.only, 'i');
const wanted = (name: string) => !only || only.test(name);
for (const [name, input] of Object.entries(queries)) {
  if (!wanted(name)) continue;
  await measure(name, () => {
    const drawn = input();
    return () => api.listings.search({ ...drawn, withCounts: false });
  });
  await measure(`${name} + category counts`, () => {
    const drawn = input();
    return () => api.listings.search({ ...drawn, withCounts: true });
  });
}
if (wanted('get by id')) {
  await measure('get by id', () => {
    const id = r.pick(sampleIds);
    return () => api.listings.get({ id });
  });
}
if (wanted('makes and models of the vehicle menus')) {
  await measure('makes and models of the vehicle menus', () => {
    const make = r.pick(VEHICLES).make;
    return async () => {
      await api.listings.vehicleOptions({});
      await api.listings.vehicleOptions({ make });
    };
  });
}
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).stdout.toString().trim();
const machine = `${target.toLocaleString('en-US')} listings · commit ${commit} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model.trim()} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
function printQueries() {
  console.log(`\n${machine}`);
  console.log('| query | p50 ms | p99 ms | same SQL raw, p50 / p99 ms | p50 ÷ raw p50 | same call again, p50 ms | again ÷ raw p50 | req/s over HTTP (10 connections) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of results) {
    console.log(
      `| ${row.query} | ${row.p50.toFixed(2)} | ${row.p99.toFixed(2)} | ${row.rawP50.toFixed(2)} / ${row.rawP99.toFixed(2)} | ${(row.p50 / row.rawP50).toFixed(1)} | ${row.againP50.toFixed(2)} | ${(row.againP50 / row.rawP50).toFixed(1)} | ${row.rps === undefined ? '—' : Math.round(row.rps).toLocaleString('en-US')} |`,
    );
  }
}
if (only) {
  printQueries();
  bare.close();
  closeDb(db);
  process.exit(0);
}

/** Starts a server script in its own process and waits for the line that says where it listens. */
function startServer(script: string, env: Record<string, string>, listening: RegExp): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: join(script, '..'),
    env: { ...process.env, DATABASE_URL: url, CARPARTS_QUIET_LOGS: '1', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = listening.exec(out);
      if (found) resolve({ base: found[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${out}`)));
  });
}

// over HTTP: the API host in its own processes (so the load generator does not share their event loops), loopback only
const apiHost = await startServer(join(root, 'apps/server/src/start.ts'), { PORT: '0' }, /API on (http:\/\/[^/\s]+)\/api\/trpc/);
const encode = (path: string, input: unknown) => `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
const httpCases: Record<string, () => string> = {
  'make+model+year, active, by price': () => encode('listings.search', { ...queries['make+model+year, active, by price'](), withCounts: false }),
  'category + price range, newest first': () => encode('listings.search', { ...queries['category + price range, newest first'](), withCounts: false }),
  'free text (relevance)': () => encode('listings.search', { ...queries['free text (relevance)'](), withCounts: false }),
  'get by id': () => encode('listings.get', { id: r.pick(sampleIds) }),
};
for (const [name, path] of Object.entries(httpCases)) {
  const paths = Array.from({ length: 200 }, path);
  let i = 0;
  const result = await autocannon({
    url: apiHost.base,
    connections: 10,
    duration: Number(values.seconds),
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors over HTTP`);
  const row = results.find((x) => x.query === name);
  if (row) row.rps = result.requests.average;
}
apiHost.child.kill('SIGTERM');

/** One GET; the body's bytes as sent (compressed when asked) and the time to the last byte. */
function get(base: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; bytes: number; body: string; link: string; ms: number }>((resolve, reject) => {
    const start = performance.now();
    request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, bytes: body.length, body: body.toString(), link: String(res.headers.link ?? ''), ms: performance.now() - start });
      });
    })
      .on('error', reject)
      .end();
  });
}

// the storefront: one process, one request at a time, so the figure is the time one page takes to render. Built
// every time: its server bundles the API, so a build left from an earlier commit would measure that commit's code
const built = spawnSync('pnpm', ['--filter', '@carparts/storefront', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (built.status !== 0) throw new Error('the storefront did not build');
const storefront = await startServer(
  join(root, 'apps/storefront/server.ts'),
  { PORT: '4391', WEB_CONCURRENCY: '1', PHOTO_DIR: join(dataDir, 'bench-photos') },
  /storefront on (http:\/\/localhost:\d+)/,
);
const base = storefront.base.replace('localhost', '127.0.0.1');
const pages: Record<string, () => string> = {
  'search page: make + model + year': () => {
    const v = r.pick(VEHICLES);
    return `/?make=${encodeURIComponent(v.make)}&model=${encodeURIComponent(v.model)}&year=${r.int(v.from, v.to)}`;
  },
  'search page: category + price range': () => {
    const min = r.int(0, 40) * 10;
    return `/?category=${r.pick(PART_CATEGORY_CODES)}&min=${min}&max=${min + r.int(5, 50) * 10}`;
  },
  'search page: free text': () => `/?q=${encodeURIComponent(r.pick(TERMS))}`,
};
const pageRows: { page: string; p50: number; p99: number }[] = [];
for (const [name, path] of Object.entries(pages)) {
  for (let i = 0; i < 20; i++) await get(base, path());
  const times: number[] = [];
  for (let i = 0; i < Math.min(iterations, 200); i++) {
    const page = await get(base, path());
    if (page.status !== 200) throw new Error(`${name}: HTTP ${page.status}`);
    times.push(page.ms);
  }
  pageRows.push({ page: name, ...stats(times) });
}
// the JavaScript of the home page's first load, as the browser receives it (brotli or gzip, as it accepts): SvelteKit
// names every module the page hydrates with in the Link header (modulepreload) and imports the entries in the page
const home = await get(base, '/');
const scripts = [...new Set([...`${home.link} ${home.body}`.matchAll(/\.?(\/_app\/immutable\/[^>"']+\.js)/g)].map((m) => m[1]!))];
let homeJsBytes = 0;
for (const script of scripts) homeJsBytes += (await get(base, script, { 'accept-encoding': 'br, gzip' })).bytes;
storefront.child.kill('SIGTERM');

printQueries();
console.log('\n| storefront page (server render over HTTP, one at a time) | p50 ms | p99 ms |');
console.log('| --- | ---: | ---: |');
for (const row of pageRows) console.log(`| ${row.page} | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} |`);
console.log(`\nHome page, first load: ${scripts.length} JavaScript files, ${(homeJsBytes / 1024).toFixed(1)} kB compressed`);
bare.close();
closeDb(db);
