import { like } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rateLimits } from '../src/schema/index.ts';
import { createTestDb, type TestDb } from '../src/testing.ts';
import { startWriter } from './fixtures/writer-process.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

it('every commit acknowledged before a kill -9 is there after reopening, and the file passes integrity_check', async () => {
  const writer = startWriter(t.url);
  await writer.ackedAtLeast(200);
  await writer.kill();
  const acked = writer.acked();
  const rows = await t.db.select({ key: rateLimits.key }).from(rateLimits).where(like(rateLimits.key, 'durable-%'));
  const stored = new Set(rows.map((r) => r.key));
  for (let i = 0; i <= acked; i++) expect(stored.has(`durable-${i}`)).toBe(true);
  const integrity = await t.db.$client.execute('PRAGMA integrity_check');
  expect(integrity.rows[0]?.[0]).toBe('ok');
}, 60_000);
