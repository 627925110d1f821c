import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { backupDb, integrityCheck, restoreDb, tableRowCounts } from '../src/backup.ts';
import { createTestDb, makeListing, makeUser, type TestDb } from '../src/testing.ts';
import { startWriter } from './fixtures/writer-process.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  const seller = await makeUser(t.db, { role: 'seller' });
  await Promise.all(Array.from({ length: 30 }, (_, i) => makeListing(t.db, { sellerId: seller.id, title: `Listed before the backup ${i}` })));
});
afterAll(() => t.close());

it('backs up while another process keeps writing, and the restored copy is whole and equal to the backup', async () => {
  // a second process commits rows one by one for the whole test, as a busy server would
  const writer = startWriter(t.url);
  try {
    const committedBefore = await writer.ackedAtLeast(50);
    const backup = await backupDb(t.db, join(t.dir, 'backups'));
    await writer.ackedAtLeast(writer.acked() + 50); // and the writer was never stopped by it
    expect(backup.integrity).toBe('ok');

    const backupCounts = await tableRowCounts(pathToFileURL(backup.file).href);
    expect(backupCounts.part_listings).toBe(30);
    // everything acknowledged before the backup began is in it (acknowledgements trail commits, so no upper bound)
    expect(backupCounts.rate_limits).toBeGreaterThanOrEqual(committedBefore + 1);

    const target = pathToFileURL(join(t.dir, 'restored', 'carparts.db')).href;
    await restoreDb(backup.file, target);
    expect(await integrityCheck(target)).toBe('ok');
    expect(await tableRowCounts(target)).toEqual(backupCounts);
  } finally {
    await writer.kill();
  }
}, 60_000);

it('restoring moves the replaced database and its WAL aside instead of replaying that WAL into the backup', async () => {
  const backup = await backupDb(t.db, join(t.dir, 'backups-2'));
  const target = join(t.dir, 'live', 'carparts.db');
  const { closeDb, createDb, configureDb } = await import('../src/client.ts');
  const live = createDb(pathToFileURL(target).href);
  await configureDb(live);
  await live.$client.execute('CREATE TABLE scratch (x)');
  await live.$client.execute("INSERT INTO scratch VALUES ('written after the backup')");
  expect(existsSync(`${target}-wal`)).toBe(true);
  closeDb(live);

  const { previous } = await restoreDb(backup.file, pathToFileURL(target).href);
  expect(previous && existsSync(previous)).toBe(true);
  const counts = await tableRowCounts(pathToFileURL(target).href);
  expect(counts.scratch).toBeUndefined();
  expect(counts.part_listings).toBe(30);
});

it('refuses to restore from a file that is not a sound database', async () => {
  const { writeFileSync } = await import('node:fs');
  const junk = join(t.dir, 'junk.db');
  writeFileSync(junk, 'SQLite format 3\u0000 but not really');
  await expect(restoreDb(junk, pathToFileURL(join(t.dir, 'never', 'x.db')).href)).rejects.toThrow();
  expect(existsSync(join(t.dir, 'never', 'x.db'))).toBe(false);
});
