import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';

/** How many processes serve: `WEB_CONCURRENCY` when set, else one per core. */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const value = (env.WEB_CONCURRENCY ?? '').trim();
  if (value === '') return availableParallelism();
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new Error(`WEB_CONCURRENCY must be a number of processes (1–64), not "${value}"`);
  return count;
}

/** A worker that dies sooner than this after starting is restarted after a pause, so a crash on start cannot spin. */
const QUICK_DEATH_MS = 2_000;

/**
 * Runs a server as one process per core on the same port (Node's cluster: the primary accepts connections and hands
 * them to the workers). `prepare` runs once, in the primary, before any worker starts (migrations, demo data);
 * `serve` runs in each worker. A worker that dies is replaced under the same index while the others keep serving;
 * SIGTERM or SIGINT stops the workers, which finish the requests they have. With one process (`WEB_CONCURRENCY=1`)
 * there is no primary: `prepare` then `serve` run in this process.
 */
export async function serveClustered(options: { name: string; prepare?: () => Promise<void>; serve: () => Promise<void> }): Promise<void> {
  if (cluster.isWorker) return options.serve();
  await options.prepare?.();
  const count = workerCount();
  if (count === 1) return options.serve();

  const indexOf = new Map<Worker, number>();
  const startedAt = new Map<Worker, number>();
  let stopping = false;
  const start = (index: number) => {
    const worker = cluster.fork({ CARPARTS_WORKER_INDEX: String(index) });
    indexOf.set(worker, index);
    startedAt.set(worker, Date.now());
  };
  cluster.on('exit', (worker, code, signal) => {
    const index = indexOf.get(worker)!;
    const lived = Date.now() - startedAt.get(worker)!;
    indexOf.delete(worker);
    startedAt.delete(worker);
    if (stopping) {
      if (indexOf.size === 0) process.exit(0);
      return;
    }
    console.error(JSON.stringify({ at: new Date().toISOString(), event: 'worker.replaced', server: options.name, index, pid: worker.process.pid, code, signal }));
    setTimeout(() => start(index), lived < QUICK_DEATH_MS ? 1_000 : 0);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of indexOf.keys()) worker.process.kill('SIGTERM');
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === count) console.log(`${options.name}: all ${count} worker processes listening`);
  });
  for (let index = 0; index < count; index++) start(index);
  console.log(`${options.name}: ${count} worker processes`);
}
