import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { backupDb, restoreDb, tableRowCounts } from './backup.ts';
import { closeDb, databaseUrlFromEnv, openDb } from './client.ts';

/**
 * `pnpm db:backup [-- --dir data/backups]`: an online backup of DATABASE_URL while servers keep running.
 * `pnpm db:restore -- <backup file>`: puts a backup in DATABASE_URL's place; stop every server of that database first.
 */
// pnpm passes the `--` that separates its own options from ours through to the script
const [command, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
/** Paths on the command line are relative to where pnpm was run, not to this package. */
const fromCaller = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
const url = databaseUrlFromEnv();
const defaultDir = resolve(fileURLToPath(import.meta.url), '../../../../data/backups');

if (command === 'backup') {
  const { values } = parseArgs({ args: rest, options: { dir: { type: 'string', default: defaultDir } } });
  const db = await openDb(url);
  const { file, bytes } = await backupDb(db, fromCaller(values.dir!));
  closeDb(db);
  console.log(`Backed up to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB, integrity ok)`);
} else if (command === 'restore') {
  const { positionals } = parseArgs({ args: rest, allowPositionals: true });
  const file = positionals[0];
  if (!file) {
    console.error('Usage: pnpm db:restore -- <backup file>   (stop the servers of this database first)');
    process.exit(2);
  }
  const { restored, previous } = await restoreDb(fromCaller(file), url);
  const counts = await tableRowCounts(`file:${restored}`);
  console.log(`Restored ${restored} (${counts.part_listings ?? 0} listings, ${counts.users ?? 0} users).`);
  if (previous) console.log(`The database it replaced is kept at ${previous}.`);
} else {
  console.error('Usage: backup-cli.ts backup [--dir DIR] | restore <file>');
  process.exit(2);
}
