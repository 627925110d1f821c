import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { notifications, notificationSettings, partListings, readerOf, users, type Db } from '@carparts/db';
import {
  MAIL_MAX_ATTEMPTS,
  NOTIFICATION_KIND_LABELS,
  canSeeListing,
  describeNotification,
  mailRetryDelayMs,
  preferencesWithDefaults,
  type ListingStatus,
  type NotificationKind,
} from '@carparts/domain';
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { ensureNotificationSettings } from './notifications.ts';

/** Sends one message; throws when the receiving server refuses it or cannot be reached. */
export interface Mailer {
  send(message: Mail.Options): Promise<void>;
  /** Where messages go, for the start-up log: an SMTP host, or the folder of `.eml` files. */
  describe: string;
}

export interface MailSettings {
  from: string;
  /** The storefront's address, for the links in a message. */
  publicUrl: string;
}

/**
 * SMTP through nodemailer when `SMTP_URL` is set (`smtp://user:pass@host:587`, `smtps://…`); otherwise every message
 * is written as an `.eml` file to `MAIL_DIR` (default `data/mail`), which any mail program opens.
 */
export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer {
  if (env.SMTP_URL) {
    const transport = nodemailer.createTransport(env.SMTP_URL);
    return {
      describe: `SMTP ${new URL(env.SMTP_URL).host}`,
      async send(message) {
        await transport.sendMail(message);
      },
    };
  }
  const dir = env.MAIL_DIR ? resolve(env.MAIL_DIR) : resolve(fileURLToPath(import.meta.url), '../../../../../data/mail');
  return mailFolder(dir);
}

/** Writes each message, exactly as it would be sent, as an `.eml` file in `dir`. */
export function mailFolder(dir: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    describe: `files in ${dir}`,
    async send(message) {
      const info = await transport.sendMail(message);
      await mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(info.messageId).replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}.eml`;
      await writeFile(join(dir, name), info.message as Buffer);
    },
  };
}

export function mailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const origin = (env.ORIGIN ?? '').split(',')[0]?.trim();
  return {
    from: env.MAIL_FROM || 'Car Parts Marketplace <no-reply@carparts.localhost>',
    publicUrl: (env.PUBLIC_URL || origin || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, ''),
  };
}

/** How long a sweeper holds the emails it took before another may take them (it crashed, or the server hangs). */
export const SENDING_LEASE_MS = 5 * 60_000;
/** Emails one sweep sends; the rest wait for the next sweep. */
export const MAIL_BATCH = 25;

/**
 * What a refused or failed delivery leaves: the attempt counted, the server's answer, and when to try again — later
 * each time ({@link mailRetryDelayMs}), null once {@link MAIL_MAX_ATTEMPTS} were made.
 */
export function failedDelivery(error: unknown, attemptsBefore: number, now: Date) {
  const attempts = attemptsBefore + 1;
  const reason = error instanceof Error ? error.message.slice(0, 500) : String(error);
  return { attempts, reason, retryAt: attempts < MAIL_MAX_ATTEMPTS ? new Date(now.getTime() + mailRetryDelayMs(attempts)) : null };
}

export interface MailSweep {
  sent: number;
  skipped: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the notification emails that are due: notifications still unread when their delay ran out, and retries whose
 * wait is over, to confirmed addresses only. Takes them under a lease in one transaction (so two sweepers never send the same), then sends each outside
 * it: a refused or failed delivery waits longer each time ({@link mailRetryDelayMs}) and is given up after
 * {@link MAIL_MAX_ATTEMPTS}. Nothing here runs inside a request.
 */
export async function sendDueEmails(db: Db, mailer: Mailer, settings: MailSettings, now: Date): Promise<MailSweep> {
  const sweep: MailSweep = { sent: 0, skipped: 0, retrying: 0, failed: 0 };
  const isDue = and(inArray(notifications.emailState, ['pending', 'sending']), lte(notifications.emailDueAt, now));
  // most sweeps find nothing due: a read says so without taking the database's write lock
  const [anyDue] = await readerOf(db).select({ id: notifications.id }).from(notifications).where(isDue).limit(1);
  if (!anyDue) return sweep;
  const taken = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: notifications.id, emailState: notifications.emailState, emailDueAt: notifications.emailDueAt })
      .from(notifications)
      .where(isDue)
      .orderBy(asc(notifications.emailDueAt))
      .limit(MAIL_BATCH);
    if (due.length === 0) return [];
    const ids = due.map((row) => row.id);
    await tx
      .update(notifications)
      .set({ emailState: 'sending', emailDueAt: new Date(now.getTime() + SENDING_LEASE_MS) })
      .where(inArray(notifications.id, ids));
    const rows = await tx
      .select({
        notification: notifications,
        email: users.email,
        displayName: users.displayName,
        userStatus: users.status,
        emailConfirmedAt: users.emailConfirmedAt,
        role: users.role,
        channels: notificationSettings.channels,
        token: notificationSettings.unsubscribeToken,
      })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .leftJoin(notificationSettings, eq(notificationSettings.userId, notifications.userId))
      .where(inArray(notifications.id, ids));
    for (const row of rows) if (!row.token) row.token = (await ensureNotificationSettings(tx, row.notification.userId, now)).unsubscribeToken;
    return rows;
  });

  for (const row of taken) {
    const n = row.notification;
    const settle = (set: Partial<typeof notifications.$inferInsert>) => db.update(notifications).set(set).where(and(eq(notifications.id, n.id), eq(notifications.emailState, 'sending')));
    // an address its owner has not confirmed gets nothing but the confirmation link (email-confirmation.ts)
    const stillWanted = !n.readAt && row.userStatus === 'active' && preferencesWithDefaults(row.channels)[n.kind] === 'email';
    if (!stillWanted || !row.emailConfirmedAt) {
      await settle({ emailState: 'skipped', emailDueAt: null, emailError: stillWanted ? 'The address is not confirmed' : null });
      sweep.skipped++;
      continue;
    }
    try {
      const title = await listingTitleFor(db, n.listingId, { id: n.userId, role: row.role });
      await mailer.send(messageFor(settings, { ...row, token: row.token! }, describeNotification(n, title)));
      await settle({ emailState: 'sent', emailDueAt: null, emailAttempts: n.emailAttempts + 1, emailError: null });
      sweep.sent++;
    } catch (error) {
      const { attempts, reason, retryAt } = failedDelivery(error, n.emailAttempts, now);
      await settle({ emailState: retryAt ? 'pending' : 'failed', emailDueAt: retryAt, emailAttempts: attempts, emailError: reason });
      if (retryAt) sweep.retrying++;
      else sweep.failed++;
    }
  }
  return sweep;
}

/** The listing's title if the recipient may still see the listing; a hidden listing is not named in an email either. */
async function listingTitleFor(db: Db, listingId: string | null, recipient: { id: string; role: 'buyer' | 'seller' | 'operator' }) {
  if (!listingId) return null;
  const [row] = await db
    .select({ title: partListings.title, status: partListings.status, sellerId: partListings.sellerId, sellerStatus: users.status })
    .from(partListings)
    .innerJoin(users, eq(users.id, partListings.sellerId))
    .where(eq(partListings.id, listingId));
  if (!row) return null;
  return canSeeListing({ status: row.status as ListingStatus, sellerId: row.sellerId, sellerSuspended: row.sellerStatus === 'suspended' }, recipient) ? row.title : null;
}

function messageFor(
  settings: MailSettings,
  recipient: { email: string; displayName: string; token: string; notification: { kind: NotificationKind } },
  wording: { text: string; path: string },
): Mail.Options {
  const kind = recipient.notification.kind;
  const link = `${settings.publicUrl}${wording.path}`;
  const unsubscribeKind = `${settings.publicUrl}/unsubscribe?token=${recipient.token}&kind=${kind}`;
  const unsubscribeAll = `${settings.publicUrl}/unsubscribe?token=${recipient.token}&kind=all`;
  return {
    from: settings.from,
    to: { name: recipient.displayName, address: recipient.email },
    subject: wording.text.length > 120 ? `${wording.text.slice(0, 117)}…` : wording.text,
    text: [
      `Hello ${recipient.displayName},`,
      '',
      `${wording.text}.`,
      '',
      `See it on Car Parts Marketplace: ${link}`,
      '',
      '—',
      `You receive this email because of your setting "${NOTIFICATION_KIND_LABELS[kind]}".`,
      `Stop these emails with one click: ${unsubscribeKind}`,
      `Stop every email from us: ${unsubscribeAll}`,
      `Choose what reaches you by email: ${settings.publicUrl}/notifications/settings`,
    ].join('\n'),
    // one-click unsubscribe as mail programs offer it (RFC 8058): a POST to this address, no sign-in
    list: { unsubscribe: { url: unsubscribeKind, comment: 'Unsubscribe' } },
    headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
