import type { Db } from '@carparts/db';
import { logError, logEvent } from './log.ts';
import { pruneEvents } from './services/live.ts';
import { expireReservations } from './services/purchases.ts';

/** How long live events are kept: a client away for longer reloads its page instead of resuming. */
export const EVENT_RETENTION_MS = 7 * 24 * 3_600_000;

/** Which process of a clustered server this is (0 when it is not clustered); set by the process that forked it. */
export function workerIndex(env: NodeJS.ProcessEnv = process.env): number {
  const index = Number(env.CARPARTS_WORKER_INDEX ?? 0);
  return Number.isInteger(index) && index >= 0 ? index : 0;
}

/**
 * Starts the periodic work of a server (lapsing expired reservations, pruning old live events) in one process only: the server when it runs
 * alone, the first worker when it runs as a cluster, and no process where `BACKGROUND_WORK=off`. Every change it makes is guarded by the row's current status, so
 * a second sweeper could do no harm, only waste. Returns the function that stops it.
 */
export function startBackgroundWork(db: Db, env: NodeJS.ProcessEnv = process.env): () => void {
  // with several machines, one of them does it: the others set BACKGROUND_WORK=off
  if (workerIndex(env) !== 0 || env.BACKGROUND_WORK === 'off') return () => {};
  const seconds = Number(env.RESERVATION_SWEEP_SECONDS ?? 60);
  const everyMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1_000;
  logEvent('background.started', { pid: process.pid, sweepEveryMs: everyMs });
  const timer = setInterval(() => {
    expireReservations(db, new Date()).catch((error) => logError('reservations.expire', error));
    pruneEvents(db, new Date(), EVENT_RETENTION_MS).catch((error) => logError('events.prune', error));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
