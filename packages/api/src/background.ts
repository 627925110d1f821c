import { mergeSearchIndex, type Db } from '@carparts/db';
import { expiryWarningLeadMs } from '@carparts/domain';
import { configFromEnv } from './context.ts';
import { logError, logEvent } from './log.ts';
import { pruneEvents } from './services/live.ts';
import { sendDueConfirmations } from './services/email-confirmation.ts';
import { mailerFromEnv, mailSettingsFromEnv, sendDueEmails } from './services/mail.ts';
import { collectNotifications } from './services/notifications.ts';
import { expireReservations, forgetShippingAddresses, warnExpiringReservations } from './services/purchases.ts';
import { checkSavedSearches } from './services/saved.ts';

/** How long live events are kept: a client away for longer reloads its page instead of resuming. */
export const EVENT_RETENTION_MS = 7 * 24 * 3_600_000;

/** Which process of a clustered server this is (0 when it is not clustered); set by the process that forked it. */
export function workerIndex(env: NodeJS.ProcessEnv = process.env): number {
  const index = Number(env.CARPARTS_WORKER_INDEX ?? 0);
  return Number.isInteger(index) && index >= 0 ? index : 0;
}

const secondsFromEnv = (value: string | undefined, fallback: number) => {
  const seconds = Number(value ?? fallback);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : fallback) * 1_000;
};

/** Runs `work` every `everyMs`, never two runs at once (a slow run makes the next one wait, not pile up). */
function every(everyMs: number, name: string, work: () => Promise<unknown>): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    work()
      .catch((error) => logError(name, error))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Starts the periodic work of a server in one process only: the server when it runs alone, the first worker when it
 * runs as a cluster, and no process where `BACKGROUND_WORK=off`. It lapses expired reservations and warns of those
 * about to lapse, prunes old live events, forgets shipping addresses no deal needs any more, checks saved searches
 * that are due for new listings, turns new events into notifications (every second), sends the emails that are due
 * (address confirmations first) and merges the search index's new segments (every ten minutes). Every change it
 * makes is guarded by the row's current state, so a second sweeper could do no harm, only waste. Returns the function
 * that stops it.
 */
export function startBackgroundWork(db: Db, env: NodeJS.ProcessEnv = process.env): () => void {
  // with several machines, one of them does it: the others set BACKGROUND_WORK=off
  if (workerIndex(env) !== 0 || env.BACKGROUND_WORK === 'off') return () => {};
  const sweepEveryMs = secondsFromEnv(env.RESERVATION_SWEEP_SECONDS, 60) || 60_000;
  const warningLeadMs = expiryWarningLeadMs(configFromEnv(env).reservationTtlMs);
  const notifier = { emailDelayMs: secondsFromEnv(env.EMAIL_DELAY_SECONDS, 300) };
  const mailer = mailerFromEnv(env);
  const mail = mailSettingsFromEnv(env);
  logEvent('background.started', { pid: process.pid, sweepEveryMs, mail: mailer.describe });
  const stops = [
    every(sweepEveryMs, 'reservations.sweep', async () => {
      const now = new Date();
      await expireReservations(db, now);
      await warnExpiringReservations(db, now, warningLeadMs);
      await pruneEvents(db, now, EVENT_RETENTION_MS);
      await checkSavedSearches(db, now);
      await forgetShippingAddresses(db, now);
    }),
    every(1_000, 'notifications.collect', () => collectNotifications(db, notifier)),
    every(secondsFromEnv(env.SEARCH_INDEX_MERGE_SECONDS, 600) || 600_000, 'search-index.merge', async () => {
      const merge = await mergeSearchIndex(db);
      if (merge.steps > 0) logEvent('search-index.merged', { ...merge });
    }),
    every(secondsFromEnv(env.MAIL_SWEEP_SECONDS, 15) || 15_000, 'mail.send', async () => {
      const confirmations = await sendDueConfirmations(db, mailer, mail, new Date());
      if (confirmations.sent + confirmations.retrying + confirmations.failed > 0) logEvent('mail.confirmations', { ...confirmations });
      const sweep = await sendDueEmails(db, mailer, mail, new Date());
      if (sweep.sent + sweep.retrying + sweep.failed > 0) logEvent('mail.sweep', { ...sweep });
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
