/**
 * The project's adapter for the side-by-side benchmark against Parse Server: loads the peer dataset (users.jsonl,
 * listings.jsonl) into a fresh database of this project, so its API can be measured on the same rows and queries.
 * Beside the listings it writes each listing's coverage row, which search by vehicle reads.
 *
 *  - the database is created by the project's own `openDb` (its migrations, FTS5 triggers, indexes, pragmas);
 *  - rows go in with raw multi-row INSERTs, batched in write transactions (the FTS index fills through the triggers);
 *  - make_key / model_key come from the project's normalisers (@carparts/domain makeKey / modelKey), the make is
 *    stored in its canonical spelling (canonicalMake), as `listings.create` would store it;
 *  - the peer's vocabularies are mapped onto the project's (26 fine categories -> 19 coarse codes, 5 conditions);
 *  - ids: the peer's Parse-style objectIds are mixed-case; the project's `id` input accepts /^[a-z0-9]{10,40}$/ only,
 *    so ids are stored lower-cased (bench-ours.js lower-cases the Q4 ids the same way). A case-only collision
 *    would fail the unique index; the loader checks for it first and says so.
 *  - then the search index's segments merged (the project's own upkeep, which a server runs every ten minutes; rows
 *    loaded through the triggers leave the index in many segments), ANALYZE and a WAL checkpoint (TRUNCATE), all
 *    timed in `analyzeAndCheckpointSec`.
 *
 * It imports @carparts/*, so it runs from a folder inside packages/bench with tsx:
 *   cd packages/bench && DATA=<dataset> OURS_DB=<dataset>/ours.db node --import tsx <folder>/load-ours.mts
 *
 * env: DATA (folder with users.jsonl, listings.jsonl), OURS_DB (database file to create; replaced if present),
 *      RESULTS (where ours-load.json goes; defaults to DATA)
 */
import { createReadStream, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { mergeSearchIndex, openDb } from '@carparts/db';
import {
  CONDITION_CODES,
  LISTING_STATUSES,
  PART_CATEGORY_CODES,
  ROLES,
  canonicalMake,
  makeKey,
  modelKey,
  type Condition,
  type PartCategory,
} from '@carparts/domain';

const DATA = resolve(process.env.DATA ?? 'data');
const DB_FILE = resolve(process.env.OURS_DB ?? join(DATA, 'ours.db'));
const RESULTS = resolve(process.env.RESULTS ?? DATA);
const ROWS_PER_STATEMENT = 250;
const STATEMENTS_PER_TRANSACTION = 40; // 10,000 rows per write transaction

export const CONDITION_MAP: Record<string, Condition> = {
  'new': 'new',
  'used-like-new': 'used_excellent',
  'used-good': 'used_good',
  'used-fair': 'used_fair',
  'for-parts': 'for_parts',
};
export const CATEGORY_MAP: Record<string, PartCategory> = {
  'alternator': 'electrical', 'starter': 'electrical', 'ecu': 'electrical', 'o2-sensor': 'electrical', 'abs-sensor': 'electrical',
  'radiator': 'cooling', 'water-pump': 'cooling',
  'bumper': 'body_panels', 'door': 'body_panels', 'grille': 'body_panels',
  'headlight': 'lighting', 'taillight': 'lighting',
  'mirror': 'glass_mirrors',
  'wheel': 'wheels_tires', 'tire': 'wheels_tires',
  'brake-caliper': 'brakes', 'brake-rotor': 'brakes',
  'fuel-pump': 'fuel_system',
  'turbocharger': 'engine',
  'catalytic-converter': 'exhaust', 'muffler': 'exhaust',
  'transmission': 'transmission',
  'ac-compressor': 'hvac',
  'seat': 'interior',
  'steering-rack': 'steering',
  'shock-absorber': 'suspension',
};
for (const v of Object.values(CATEGORY_MAP)) if (!PART_CATEGORY_CODES.includes(v)) throw new Error(`category ${v} is not a project code`);
for (const v of Object.values(CONDITION_MAP)) if (!CONDITION_CODES.includes(v)) throw new Error(`condition ${v} is not a project code`);

/** A fixed, non-verifiable password hash: nobody signs in during the benchmark. */
const DUMMY_PASSWORD_HASH = '!peer-bench-no-login';

async function* jsonl(file: string): AsyncGenerator<Record<string, any>> {
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) if (line) yield JSON.parse(line);
}

const started = performance.now();
for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(DB_FILE + suffix, { force: true });
const db = await openDb(pathToFileURL(DB_FILE).href);
const client = db.$client;
const sqliteVersion = String((await client.execute('SELECT sqlite_version()')).rows[0]![0]);

/** Collects rows and writes them as multi-row INSERTs, STATEMENTS_PER_TRANSACTION statements per write batch. */
function inserter(table: string, columns: string[]) {
  const one = `(${columns.map(() => '?').join(',')})`;
  const head = `INSERT INTO ${table} (${columns.join(',')}) VALUES `;
  let rows: unknown[][] = [];
  let stmts: { sql: string; args: any[] }[] = [];
  let n = 0;
  const cut = () => {
    if (!rows.length) return;
    stmts.push({ sql: head + rows.map(() => one).join(','), args: rows.flat() });
    rows = [];
  };
  const commit = async () => {
    cut();
    if (!stmts.length) return;
    await client.batch(stmts, 'write');
    stmts = [];
  };
  return {
    async add(row: unknown[]) {
      rows.push(row);
      n++;
      if (rows.length >= ROWS_PER_STATEMENT) cut();
      if (stmts.length >= STATEMENTS_PER_TRANSACTION) await commit();
    },
    async done() {
      await commit();
      return n;
    },
  };
}

// ---- users (all of them; listings reference sellers) ----
let t0 = performance.now();
const userIds = new Map<string, string>(); // lower-cased id -> role
const users = inserter('users', ['id', 'created_at', 'updated_at', 'username', 'email', 'password_hash', 'role', 'display_name', 'status']);
for await (const u of jsonl(join(DATA, 'users.jsonl'))) {
  const id = String(u.objectId).toLowerCase();
  if (userIds.has(id)) throw new Error(`user id ${u.objectId} collides with another once lower-cased`);
  if (!ROLES.includes(u.role)) throw new Error(`unknown role ${u.role}`);
  userIds.set(id, u.role);
  const at = Date.parse(u.createdAt);
  await users.add([id, at, at, String(u.username).toLowerCase(), String(u.email).toLowerCase(), DUMMY_PASSWORD_HASH, u.role, u.displayName, 'active']);
}
const nUsers = await users.done();
const usersSec = (performance.now() - t0) / 1000;

// ---- listings ----
t0 = performance.now();
const listingIds = new Set<string>();
const perCategory: Record<string, number> = {};
const listings = inserter('part_listings', [
  'id', 'created_at', 'updated_at', 'seller_id', 'title', 'part_category', 'condition', 'price_cents', 'currency',
  'vehicle_make', 'vehicle_model', 'vehicle_year', 'make_key', 'model_key', 'compatibility_notes', 'status',
]);
for await (const l of jsonl(join(DATA, 'listings.jsonl'))) {
  const id = String(l.objectId).toLowerCase();
  if (listingIds.has(id) || userIds.has(id)) throw new Error(`listing id ${l.objectId} collides with another once lower-cased`);
  listingIds.add(id);
  const sellerId = String(l.sellerId).toLowerCase();
  if (userIds.get(sellerId) !== 'seller') throw new Error(`listing ${l.objectId}: seller ${l.sellerId} is not a loaded seller`);
  const category = CATEGORY_MAP[l.partCategory];
  const condition = CONDITION_MAP[l.condition];
  if (!category) throw new Error(`unmapped category ${l.partCategory}`);
  if (!condition) throw new Error(`unmapped condition ${l.condition}`);
  if (!LISTING_STATUSES.includes(l.status)) throw new Error(`unknown status ${l.status}`);
  perCategory[category] = (perCategory[category] ?? 0) + 1;
  const at = Date.parse(l.createdAt);
  const make = canonicalMake(l.vehicleMake);
  await listings.add([
    id, at, at, sellerId, l.title, category, condition, Math.round(l.price * 100), l.currency,
    make, l.vehicleModel, l.vehicleYear ?? null, makeKey(make), modelKey(l.vehicleModel), l.compatibilityNotes ?? '', l.status,
  ]);
}
const nListings = await listings.done();
const listingsSec = (performance.now() - t0) / 1000;

// ---- coverage rows: the peer's listings name one vehicle each, which is each listing's one coverage row (a listing
// without a year covers any year), written the way the migration writes them for listings from before coverage rows
t0 = performance.now();
await client.execute(`INSERT INTO listing_coverage (listing_seq, position, make, model, make_key, model_key, year_from, year_to)
  SELECT seq, 0, vehicle_make, vehicle_model, make_key, model_key, vehicle_year, vehicle_year FROM part_listings`);
const coverageSec = (performance.now() - t0) / 1000;

// ---- a bulk load is not news: the outbox's triggers recorded every row, and nobody subscribes to a load ----
await client.execute('DELETE FROM events');

// ---- search index merged, statistics, checkpoint ----
t0 = performance.now();
const merge = await mergeSearchIndex(db, { budgetMs: Number.POSITIVE_INFINITY });
await client.execute('ANALYZE');
const checkpoint = (await client.execute('PRAGMA wal_checkpoint(TRUNCATE)')).rows[0];
const finishSec = (performance.now() - t0) / 1000;

const statusCounts = (await client.execute('SELECT status, count(*) AS n FROM part_listings GROUP BY status ORDER BY status')).rows.map((r) => ({ status: r.status, n: Number(r.n) }));
const ftsProbe = Number((await client.execute("SELECT count(*) AS n FROM part_listings_fts WHERE part_listings_fts MATCH 'alternator'")).rows[0]!.n);
const titleProbe = Number((await client.execute("SELECT count(*) AS n FROM part_listings WHERE title LIKE '%alternator%'")).rows[0]!.n);
const indexes = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'part_listings' AND name NOT LIKE 'sqlite_%' ORDER BY name")).rows.map((r) => String(r.name));
client.close();

const out = {
  dbFile: DB_FILE.startsWith(DATA) ? join('data', DB_FILE.slice(DATA.length)) : DB_FILE.split('/').pop(),
  sqliteVersion,
  users: nUsers, usersSec,
  listings: nListings, listingsSec, listingsPerSec: Math.round(nListings / listingsSec),
  coverageSec,
  analyzeAndCheckpointSec: finishSec,
  searchIndexMergeSteps: merge.steps,
  totalSec: (performance.now() - started) / 1000,
  checkpoint,
  statusCounts,
  perCategory,
  ftsCheck: { match_alternator: ftsProbe, title_like_alternator: titleProbe },
  dbBytes: statSync(DB_FILE).size,
  indexes,
};
writeFileSync(join(RESULTS, 'ours-load.json'), JSON.stringify(out, null, 2));
console.log(JSON.stringify(out, null, 2));
