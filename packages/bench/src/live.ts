/**
 * `pnpm --filter @carparts/bench live`: 1,000 live subscribers on one API process. The server runs here; the
 * subscribers run in a child process (so their work does not share the server's event loop), each holding
 * `GET /api/v1/listings/{id}/events` open. Then the listing changes 20 times, and every delivery's latency from the
 * change's commit (the event's `at`, written in the change's transaction) to its arrival is recorded, as is the
 * server's memory per open stream.
 *
 *   pnpm --filter @carparts/bench live -- --subscribers 1000 --changes 20
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { subscribers: { type: 'string', default: '1000' }, changes: { type: 'string', default: '20' }, child: { type: 'boolean', default: false } },
});
const subscribers = Number(values.subscribers);
const changes = Number(values.changes);

if (values.child) {
  // ---- the subscribers: open every stream, report when all are open, then each delivery's latency
  const { request, Agent } = await import('node:http');
  const base = process.env.BENCH_BASE!;
  const listingId = process.env.BENCH_LISTING!;
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  let open = 0;
  const latencies: number[] = [];
  for (let i = 0; i < subscribers; i++) {
    const req = request(`${base}/api/v1/listings/${listingId}/events`, { agent }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const arrived = Date.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (message.startsWith(': connected')) {
            if (++open === subscribers) process.send!({ kind: 'open' });
            continue;
          }
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (data) {
            latencies.push(arrived - Date.parse((JSON.parse(data) as { at: string }).at));
            if (latencies.length === subscribers * changes) process.send!({ kind: 'done', latencies });
          }
        }
      });
    });
    req.on('error', (error) => process.send!({ kind: 'error', message: String(error) }));
    req.end();
  }
  process.on('message', (message: { kind: string }) => {
    if (message.kind === 'report') process.send!({ kind: 'done', latencies });
  });
} else {
  // ---- the server, its data, the changes, the report
  process.env.CARPARTS_QUIET_LOGS = '1';
  process.env.LIVE_STREAMS_PER_ADDRESS = String(subscribers + 10);
  const { configFromEnv } = await import('@carparts/api');
  const { createApiServer, listen } = await import('@carparts/server');
  const { closeDb, openDb, partListings } = await import('@carparts/db');
  const { makeListing, makeUser } = await import('@carparts/db/testing');
  const { eq, sql } = await import('drizzle-orm');

  const dir = mkdtempSync(join(tmpdir(), 'carparts-live-'));
  const db = await openDb(pathToFileURL(join(dir, 'live.db')).href);
  const seller = await makeUser(db, { role: 'seller' });
  const listing = await makeListing(db, { sellerId: seller.id });
  const server = createApiServer({ db, config: { ...configFromEnv(), photoDir: join(dir, 'photos') } });
  const base = await listen(server, 0);

  const gc = (globalThis as { gc?: () => void }).gc;
  const memory = () => {
    gc?.();
    return process.memoryUsage();
  };
  const before = memory();
  const child = fork(fileURLToPath(import.meta.url), ['--child', '--subscribers', String(subscribers), '--changes', String(changes)], {
    env: { ...process.env, BENCH_BASE: base, BENCH_LISTING: listing.id },
    execArgv: ['--import', 'tsx'],
  });
  const next = (kind: string) =>
    new Promise<{ latencies?: number[] }>((resolve, reject) => {
      const onMessage = (message: { kind: string; latencies?: number[]; message?: string }) => {
        if (message.kind === 'error') reject(new Error(message.message));
        if (message.kind === kind) {
          child.off('message', onMessage);
          resolve(message);
        }
      };
      child.on('message', onMessage);
    });
  const openedAt = performance.now();
  await next('open');
  const openSeconds = (performance.now() - openedAt) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const held = memory();

  const done = next('done');
  for (let i = 0; i < changes; i++) {
    await db.update(partListings).set({ priceCents: sql`${partListings.priceCents} + 1`, version: sql`${partListings.version} + 1` }).where(eq(partListings.id, listing.id));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const timeout = setTimeout(() => child.send({ kind: 'report' }), 10_000);
  const { latencies = [] } = await done;
  clearTimeout(timeout);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const perConnection = (key: 'rss' | 'heapUsed') => ((held[key] - before[key]) / subscribers / 1024).toFixed(1);

  console.log(`Live fan-out: ${subscribers} subscribers of one listing on one API process, ${changes} changes 250 ms apart`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`all streams open in ${openSeconds.toFixed(2)} s`);
  console.log(`deliveries: ${latencies.length} of ${subscribers * changes}`);
  console.log(`commit → delivery: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${latencies.at(-1)} ms`);
  console.log(`server memory per open stream: ${perConnection('rss')} KiB RSS, ${perConnection('heapUsed')} KiB heap${gc ? '' : ' (run with --expose-gc for steadier figures)'}`);

  child.kill();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
  process.exit(latencies.length === subscribers * changes ? 0 : 1);
}
