/**
 * `pnpm bench`: seeds a catalogue of 1,000,000 listings (once; reused while it has that size) and measures the four
 * queries the marketplace lives on, in-process through the real router and over HTTP through the real server.
 *
 *   pnpm bench                       # 1,000,000 listings in data/bench.db
 *   pnpm bench -- --listings 100000  # a smaller catalogue
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createCaller, noCookies, type ApiConfig, type ApiContext } from '@carparts/api';
import { closeDb, openDb, partListings, type Db } from '@carparts/db';
import { PART_CATEGORY_CODES } from '@carparts/domain';
import { rng, seedSyntheticCatalogue, VEHICLES } from '@carparts/seed';
import autocannon from 'autocannon';
import { count, eq, sql } from 'drizzle-orm';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    listings: { type: 'string', default: '1000000' },
    iterations: { type: 'string', default: '400' },
    seconds: { type: 'string', default: '5' },
  },
});
const target = Number(values.listings.replace(/_/g, ''));
const iterations = Number(values.iterations);
const dataDir = fileURLToPath(new URL('../../../data/', import.meta.url));
const file = join(dataDir, `bench-${target}.db`);
const url = pathToFileURL(file).href;

async function catalogue(): Promise<Db> {
  if (existsSync(file)) {
    const db = await openDb(url);
    const [row] = await db.select({ n: count() }).from(partListings);
    if (row?.n === target) {
      console.log(`Reusing ${file} (${target.toLocaleString('en-US')} listings)`);
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
const sampleIds = (await db.select({ id: partListings.id }).from(partListings).where(eq(partListings.status, 'active')).orderBy(sql`random()`).limit(2_000)).map((x) => x.id);
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
};

type Row = { query: string; p50: number; p99: number; rps?: number };
const results: Row[] = [];

async function measure(name: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 30; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  results.push({ query: name, p50: percentile(times, 50), p99: percentile(times, 99) });
}

for (const [name, input] of Object.entries(queries)) {
  await measure(name, () => api.listings.search({ ...input(), withCounts: false }));
  await measure(`${name} + category counts`, () => api.listings.search(input()));
}
await measure('get by id', () => api.listings.get({ id: r.pick(sampleIds) }));

// over HTTP: the real server in its own process (so the load generator does not share its event loop), loopback only
const server = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../../apps/server/src/start.ts', import.meta.url))], {
  env: { ...process.env, DATABASE_URL: url, PORT: '0', CARPARTS_QUIET_LOGS: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const found = /API on (http:\/\/[^/\s]+)\/api\/trpc/.exec(out);
    if (found) resolve(found[1]!);
  });
  server.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
});
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
    url: base,
    connections: 10,
    duration: Number(values.seconds),
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors over HTTP`);
  const row = results.find((x) => x.query === name);
  if (row) row.rps = result.requests.average;
}
server.kill('SIGTERM');

console.log(`\n${target.toLocaleString('en-US')} listings · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model.trim()} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
console.log('| query | p50 ms (in-process) | p99 ms (in-process) | req/s over HTTP (10 connections) |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of results) console.log(`| ${row.query} | ${row.p50.toFixed(2)} | ${row.p99.toFixed(2)} | ${row.rps === undefined ? '—' : Math.round(row.rps).toLocaleString('en-US')} |`);
closeDb(db);
