import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSession } from '@carparts/auth';
import { purchases } from '@carparts/db';
import { createTestDb, makeListing, makeUser, type TestDb } from '@carparts/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The API host as it runs in production: a primary and two worker processes on one port and one database file.
 * Requests are spread over the workers by the primary, so every check below crosses processes.
 */
const WORKERS = 2;
let t: TestDb;
let host: ChildProcess;
let base: string;
const output: string[] = [];

const appDir = fileURLToPath(new URL('..', import.meta.url));

function startHost(env: Record<string, string>) {
  host = spawn(process.execPath, ['--import', 'tsx', 'src/start.ts'], {
    cwd: appDir,
    // the events below are read from the host's log, so it must not be quiet whatever the test run's setting
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', WEB_CONCURRENCY: String(WORKERS), CARPARTS_QUIET_LOGS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [host.stdout!, host.stderr!]) stream.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean)));
  return waitFor(() => output.map((line) => line.match(/API on (http:\/\/127\.0\.0\.1:\d+)/)?.[1]).find(Boolean), 60_000);
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`Timed out; host output:\n${output.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One request on a fresh connection, so the primary hands each to a worker of its choosing. */
function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${base}${path}`, { method: init.method ?? 'GET', headers: init.headers, agent: new Agent({ keepAlive: false }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.setTimeout(5_000, () => req.destroy(new Error(`no answer to ${path} within 5 s`)));
    req.end(init.body);
  });
}

const workerOf = async () => (JSON.parse((await call('/healthz')).body) as { worker: number }).worker;
const mutation = (path: string, input: unknown, token?: string) =>
  call(`/api/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ json: input }),
  });

beforeAll(async () => {
  t = await createTestDb();
  await makeUser(t.db, { role: 'operator' }); // not empty: no demo data
  base = await startHost({ DATABASE_URL: t.url, PHOTO_DIR: join(t.dir, 'photos') });
  // the first worker's line gives the address; the others may still be starting
  await waitFor(() => output.some((line) => line.includes(`all ${WORKERS} worker processes listening`)) || undefined, 60_000);
}, 90_000);

afterAll(async () => {
  if (host.exitCode === null) {
    const exited = new Promise((resolve) => host.once('exit', resolve));
    host.kill('SIGTERM');
    await exited;
  }
  t.close();
});

describe('the API host on every core', () => {
  it('serves from one process per worker on one port', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 40 && seen.size < WORKERS; i++) seen.add(await workerOf());
    expect([...seen].sort()).toEqual([0, 1]);
  });

  it('lets exactly one of many buyers, spread over the processes, reserve the same listing', async () => {
    const seller = await makeUser(t.db, { role: 'seller' });
    const listing = await makeListing(t.db, { sellerId: seller.id });
    const buyers = await Promise.all(Array.from({ length: 12 }, () => makeUser(t.db, { role: 'buyer' })));
    const tokens = await Promise.all(buyers.map(async (buyer) => (await createSession(t.db, buyer)).token));
    const answers = await Promise.all(tokens.map((token) => mutation('purchases.reserve', { listingId: listing.id }, token)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(buyers.length - 1);
    expect(await t.db.select().from(purchases).where(eq(purchases.partListingId, listing.id))).toHaveLength(1);
  });

  it('delivers a live event written through one process to a stream held open by another', async () => {
    const seller = await makeUser(t.db, { role: 'seller' });
    const listing = await makeListing(t.db, { sellerId: seller.id });
    const token = (await createSession(t.db, seller)).token;
    // the stream and the change go over separate connections, which the primary hands to the workers in turn
    const received = new Promise<string>((resolve, reject) => {
      const req = request(`${base}/api/v1/listings/${listing.id}/events`, { agent: new Agent({ keepAlive: false }) }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (/\ndata: .*\n\n/.test(text)) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
      req.setTimeout(10_000, () => req.destroy(new Error('no event within 10 s')));
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const workers = new Set<number>();
    for (let i = 0; i < 4; i++) workers.add(await workerOf());
    expect(workers.size).toBe(WORKERS);
    const update = await mutation('listings.update', { id: listing.id, expectedVersion: 1, priceCents: 777 }, token);
    expect(update.status).toBe(200);
    const text = await received;
    expect(text).toMatch(/"type":"listing.updated"/);
    expect(text).toMatch(/"priceCents":777/);
  });

  it('counts sign-in failures in the database, so the throttle holds whichever process answers', async () => {
    const victim = await makeUser(t.db, { role: 'buyer' });
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await mutation('auth.signIn', { username: victim.username, password: `wrong password ${i}` })).status);
    // ten tries per account and address in a quarter of an hour, then refusals, though the tries alternated processes
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
  });

  it('runs the background sweeps in one process, and again in the replacement when that process dies', async () => {
    const started = () => output.filter((line) => line.includes('"background.started"'));
    expect(started()).toHaveLength(1);
    const sweeperPid = (JSON.parse(started()[0]!) as { pid: number }).pid;
    process.kill(sweeperPid, 'SIGKILL');
    await waitFor(() => started().length === 2);
    expect((JSON.parse(started()[1]!) as { pid: number }).pid).not.toBe(sweeperPid);
    expect(output.some((line) => line.includes('"worker.replaced"') && line.includes(`"pid":${sweeperPid}`))).toBe(true);
  }, 30_000);

  it('keeps answering while a worker is killed and replaced', async () => {
    const failures: unknown[] = [];
    let answered = 0;
    let running = true;
    const load = (async () => {
      while (running) {
        const result = await call('/api/trpc/listings.search?input=' + encodeURIComponent(JSON.stringify({ json: { limit: 5 } }))).catch((error: unknown) => error);
        if (result instanceof Error || (result as { status: number }).status !== 200) failures.push(result);
        else answered++;
      }
    })();
    await waitFor(() => answered > 20);
    const sweepers = output.filter((line) => line.includes('"background.started"'));
    const victim = (JSON.parse(sweepers.at(-1)!) as { pid: number }).pid;
    process.kill(victim, 'SIGKILL');
    const replacedBefore = output.filter((line) => line.includes('"worker.replaced"')).length;
    await waitFor(() => output.filter((line) => line.includes('"worker.replaced"')).length > replacedBefore);
    const seen = new Set<number>();
    await waitFor(async () => {
      seen.add(await workerOf());
      return seen.size === WORKERS;
    });
    const afterReplacement = answered;
    await waitFor(() => answered > afterReplacement + 20);
    running = false;
    await load;
    // a request in flight on the killed process may fail; fresh connections go to the living workers
    expect(failures.map(String)).toHaveLength(Math.min(failures.length, 1));
  }, 60_000);
});
