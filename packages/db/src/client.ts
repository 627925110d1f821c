import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { openStatementReader, type ReadDb, type StatementObserver, type StatementReader } from './reader.ts';
import * as tables from './schema/index.ts';
import { serializeWrites } from './write-lock.ts';

/** The tables, for Drizzle's `db.query` lookups (no query joins through declared relations: joins are written out). */
export const schema = { ...tables };
export type Schema = typeof schema;
export type Db = LibSQLDatabase<Schema> & {
  $client: Client;
  /** Where hot read paths run their queries: see {@link readerOf}. */
  $reader: ReadDb;
};
/** A Drizzle transaction handle; domain functions accept either, so they compose inside a caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

const BUSY_TIMEOUT_MS = 5_000;

/** The repository's data/ folder when running from source; bundles set DATABASE_URL instead. */
export function defaultDatabaseUrl(): string {
  const file = resolve(fileURLToPath(import.meta.url), '../../../../data/carparts.db');
  return pathToFileURL(file).href;
}

export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || defaultDatabaseUrl();
}

export function isFileUrl(url: string): boolean {
  return url.startsWith('file:');
}

/**
 * An embedded read replica of a libSQL server: reads come from a local file that syncs from the server every
 * `syncIntervalSeconds` (and after this process's own writes, which go to the server).
 */
export interface ReplicaSettings {
  file: string;
  syncIntervalSeconds: number;
}

/** `DATABASE_REPLICA_FILE` (and `DATABASE_SYNC_INTERVAL`, seconds, default 2) beside a server's `DATABASE_URL`. */
export function replicaFromEnv(url: string, env: NodeJS.ProcessEnv = process.env): ReplicaSettings | undefined {
  const file = env.DATABASE_REPLICA_FILE?.trim();
  if (!file) return undefined;
  if (isFileUrl(url)) throw new Error('DATABASE_REPLICA_FILE needs DATABASE_URL to be a libSQL server (libsql://, http(s)://), not a file');
  const interval = Number(env.DATABASE_SYNC_INTERVAL ?? 2);
  if (!Number.isFinite(interval) || interval <= 0) throw new Error(`DATABASE_SYNC_INTERVAL must be a number of seconds, not "${env.DATABASE_SYNC_INTERVAL}"`);
  return { file: resolve(file), syncIntervalSeconds: interval };
}

/**
 * A Drizzle database over libSQL. A `file:` URL is an embedded database (created with its folder if missing);
 * `libsql://`, `http(s)://` and `ws(s)://` reach a libSQL server with the same code, optionally through an embedded
 * read replica ({@link replicaFromEnv}). Writers wait up to {@link BUSY_TIMEOUT_MS} for the lock instead of failing
 * with SQLITE_BUSY.
 */
export function createDb(
  url: string = databaseUrlFromEnv(),
  authToken = process.env.DATABASE_AUTH_TOKEN,
  replica: ReplicaSettings | undefined = replicaFromEnv(url),
): Db {
  if (url === ':memory:' || url === 'file::memory:') {
    throw new Error('In-memory libSQL loses its schema after the first transaction; use a file URL');
  }
  if (isFileUrl(url)) mkdirSync(dirname(fileURLToPath(url)), { recursive: true });
  if (replica) mkdirSync(dirname(replica.file), { recursive: true });
  const raw = replica
    ? createClient({ url: pathToFileURL(replica.file).href, syncUrl: url, authToken, syncInterval: replica.syncIntervalSeconds, timeout: BUSY_TIMEOUT_MS })
    : createClient({ url, authToken, timeout: BUSY_TIMEOUT_MS });
  // a remote server does its own locking; only the embedded driver blocks the event loop while it waits
  const embedded = isFileUrl(url);
  const client = embedded ? serializeWrites(raw, url) : raw;
  const db = drizzle(client, { schema }) as Db;
  let reader: StatementReader | undefined;
  Object.defineProperty(db, '$reader', {
    // opened on first use, so that migrations and one-off scripts keep to one connection
    get: () => (embedded ? (reader ??= openStatementReader(url, schema)).db : db),
  });
  readers.set(db, {
    close: () => reader?.close(),
    observe: (observer) => (embedded ? (reader ??= openStatementReader(url, schema)).observe(observer) : undefined),
    dataVersion: () => (embedded ? (reader ??= openStatementReader(url, schema)).dataVersion() : null),
  });
  if (replica) replicas.add(db);
  return db;
}

const readers = new WeakMap<Db, Pick<StatementReader, 'close' | 'observe'> & { dataVersion(): number | null }>();
const replicas = new WeakSet<Db>();

/**
 * The database a read outside any transaction should use: an embedded database's statement reader (prepared
 * statements on a connection of its own), or the database itself when it is a libSQL server. Inside a transaction it
 * is the transaction, so the read sees the transaction's own writes.
 */
export function readerOf(db: DbOrTx): ReadDb {
  return '$reader' in db ? db.$reader : db;
}

/**
 * Brings an embedded read replica up to the server's latest write before a read that must not miss it (a session
 * created a moment ago through another node). Returns false, doing nothing, for any other database.
 */
export async function catchUpReplica(db: Db): Promise<boolean> {
  if (!replicas.has(db)) return false;
  await db.$client.sync();
  return true;
}

/**
 * `read`, with what it read kept until the database changes: on an embedded database the next call reads again once
 * any connection but the reader's own has committed (SQLite's `data_version`: a write by this process or by another
 * one), so what it returns is never older than the last commit. Inside a transaction, or on a libSQL server, every
 * call reads.
 */
export function keptUntilWrite<T>(read: (db: DbOrTx) => Promise<T>): (db: DbOrTx) => Promise<T> {
  const kept = new WeakMap<Db, { version: number; value: T }>();
  return async (db) => {
    const version = '$reader' in db ? readers.get(db)?.dataVersion() : null;
    if (version === null || version === undefined) return read(db);
    const found = kept.get(db as Db);
    if (found?.version === version) return found.value;
    const value = await read(db);
    kept.set(db as Db, { version, value });
    return value;
  };
}

/** Sees the statements an embedded database's reader runs, until called again with `undefined`. */
export function observeReads(db: Db, observer: StatementObserver | undefined): void {
  readers.get(db)?.observe(observer);
}

/** Closes every connection of the database. */
export function closeDb(db: Db): void {
  readers.get(db)?.close();
  db.$client.close();
}

export function migrationsFolder(): string {
  return process.env.MIGRATIONS_DIR
    ? resolve(process.env.MIGRATIONS_DIR)
    : resolve(fileURLToPath(import.meta.url), '../../drizzle');
}

/**
 * Durability settings of an embedded database, read back so a wrong value fails loudly at start-up.
 * WAL lets readers run beside the one writer; synchronous=FULL makes every acknowledged commit survive power loss
 * (orders, ratings and the audit log are worth the fsync). libSQL turns foreign keys on for every connection of its
 * pool; we assert it rather than trust it.
 */
export async function configureDb(db: Db): Promise<void> {
  // a replica's file belongs to its sync engine, and a server keeps its own settings
  if (db.$client.protocol !== 'file' || replicas.has(db)) return;
  await db.$client.execute('PRAGMA journal_mode = WAL');
  await db.$client.execute('PRAGMA synchronous = FULL');
  await db.$client.execute('PRAGMA foreign_keys = ON');
  // reads of a large catalogue touch many pages: map the file instead of a read() call per page, and keep a bigger
  // page cache (both per connection; the pool reuses its idle connection for almost every read)
  await db.$client.execute('PRAGMA mmap_size = 268435456');
  await db.$client.execute('PRAGMA cache_size = -32768');
  const [journal, fk, synchronous] = await Promise.all([
    db.$client.execute('PRAGMA journal_mode'),
    db.$client.execute('PRAGMA foreign_keys'),
    db.$client.execute('PRAGMA synchronous'),
  ]);
  if (String(journal.rows[0]?.[0]).toLowerCase() !== 'wal') throw new Error('Database is not in WAL mode');
  if (Number(synchronous.rows[0]?.[0]) !== 2) throw new Error('Database is not in synchronous=FULL mode');
  if (Number(fk.rows[0]?.[0]) !== 1) throw new Error('Foreign keys are not enforced on this database');
}

export async function migrateDb(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: migrationsFolder() });
}

/** Create, configure and migrate: what every process that serves or seeds does first. */
export async function openDb(url: string = databaseUrlFromEnv()): Promise<Db> {
  const db = createDb(url);
  await configureDb(db);
  await migrateDb(db);
  return db;
}
