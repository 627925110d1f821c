import { spawn } from 'node:child_process';
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rateLimits } from '../src/schema/index.ts';
import { createTestDb, type TestDb } from '../src/testing.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

it('every commit acknowledged before a kill -9 is there after reopening, and the file passes integrity_check', async () => {
  // node itself (not the tsx launcher, which would leave its child running) so that SIGKILL stops the writer mid-stream
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./fixtures/writer.ts', import.meta.url).pathname, t.url], {
    cwd: new URL('..', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let acked = -1;
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = chunk.toString().trim().split('\n');
      acked = Number(lines.at(-1));
      if (acked >= 200) {
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  await new Promise((resolve) => child.once('exit', resolve));
  child.stdout.destroy();
  const rows = await t.db.select({ key: rateLimits.key }).from(rateLimits).where(like(rateLimits.key, 'durable-%'));
  const stored = new Set(rows.map((r) => r.key));
  for (let i = 0; i <= acked; i++) expect(stored.has(`durable-${i}`)).toBe(true);
  const integrity = await t.db.$client.execute('PRAGMA integrity_check');
  expect(integrity.rows[0]?.[0]).toBe('ok');
}, 60_000);
