import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import { isFileUrl, type Db } from './client.ts';

/** The database's tables with their row counts: what a backup is compared by. */
export async function tableRowCounts(url: string): Promise<Record<string, number>> {
  const client = createClient({ url });
  try {
    const tables = await client.execute(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'part_listings_fts_%' ORDER BY name",
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) counts[String(name)] = Number((await client.execute(`SELECT count(*) AS n FROM "${String(name)}"`)).rows[0]?.n);
    return counts;
  } finally {
    client.close();
  }
}

export async function integrityCheck(url: string): Promise<string> {
  const client = createClient({ url });
  try {
    const result = await client.execute('PRAGMA integrity_check');
    return result.rows.map((r) => String(r[0])).join('; ');
  } finally {
    client.close();
  }
}

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

/**
 * An online backup: `VACUUM INTO` copies a consistent snapshot (one read transaction) into a new, compacted file while
 * the server keeps reading and writing, then the copy's integrity is checked before it is reported as a backup.
 */
export async function backupDb(db: Db, directory: string, now = new Date()): Promise<{ file: string; bytes: number; integrity: string }> {
  if (db.$client.protocol !== 'file') throw new Error('Backups by VACUUM INTO need the embedded database; a libSQL server has its own');
  mkdirSync(directory, { recursive: true });
  const file = resolve(directory, `carparts-${stamp(now)}.db`);
  if (existsSync(file)) throw new Error(`${file} exists already`);
  await db.$client.execute({ sql: 'VACUUM INTO ?', args: [file] });
  const integrity = await integrityCheck(pathToFileURL(file).href);
  if (integrity !== 'ok') throw new Error(`The backup ${file} failed its integrity check: ${integrity}`);
  return { file, bytes: statSync(file).size, integrity };
}

/**
 * Puts a backup in the database's place. Only with every server of that database stopped: the current file and its
 * WAL are moved aside (never deleted), since a WAL left beside the restored file would be replayed into it.
 */
export async function restoreDb(backupFile: string, databaseUrl: string, now = new Date()): Promise<{ restored: string; previous: string | null }> {
  if (!isFileUrl(databaseUrl)) throw new Error('Restoring replaces a database file; DATABASE_URL must be a file: URL');
  const source = resolve(backupFile);
  if (!existsSync(source)) throw new Error(`No backup at ${source}`);
  const integrity = await integrityCheck(pathToFileURL(source).href);
  if (integrity !== 'ok') throw new Error(`The backup ${source} failed its integrity check: ${integrity}`);

  const target = fileURLToPath(databaseUrl);
  mkdirSync(dirname(target), { recursive: true });
  const staging = `${target}.restoring`;
  copyFileSync(source, staging);
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = join(dirname(target), `${basename(target)}.before-restore-${stamp(now)}`);
    renameSync(target, previous);
  }
  for (const suffix of ['-wal', '-shm']) {
    if (!existsSync(target + suffix)) continue;
    if (previous) renameSync(target + suffix, previous + suffix);
    else rmSync(target + suffix);
  }
  renameSync(staging, target);
  return { restored: target, previous };
}
