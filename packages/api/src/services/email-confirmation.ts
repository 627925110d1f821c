import { createHash, randomBytes } from 'node:crypto';
import { consumeRateLimit } from '@carparts/auth';
import { emailConfirmations, readerOf, users, type Db, type DbOrTx } from '@carparts/db';
import { DomainError, MAIL_MAX_ATTEMPTS } from '@carparts/domain';
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type Mail from 'nodemailer/lib/mailer';
import { failedDelivery, MAIL_BATCH, SENDING_LEASE_MS, type Mailer, type MailSettings, type MailSweep } from './mail.ts';

/*
 * An account's email address receives nothing from us until its owner opens the confirmation link sent to it: anyone
 * can type someone else's address when signing up. The confirmation email is the one message an unconfirmed address
 * gets, it carries nothing the account holder wrote (no name, no username), and it is sent a few times a day at most.
 */

/** How long a confirmation link works. */
export const CONFIRMATION_LINK_TTL_MS = 48 * 3_600_000;
/** Confirmation emails an account may ask for (sign-up's included) per day. */
export const CONFIRMATION_REQUEST_LIMIT = { limit: 3, windowMs: 24 * 3_600_000 };

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Puts a confirmation of `email` in the mail sweep's queue, replacing an earlier one (whose link stops working). */
export async function queueEmailConfirmation(db: DbOrTx, userId: string, email: string, now: Date): Promise<void> {
  const queued = { email, state: 'pending' as const, dueAt: now, attempts: 0, error: null, tokenHash: null, expiresAt: null, requestedAt: now };
  await db
    .insert(emailConfirmations)
    .values({ userId, ...queued })
    .onConflictDoUpdate({ target: emailConfirmations.userId, set: queued });
}

export type EmailConfirmationView = { state: 'sending' | 'sent' | 'failed'; requestedAt: Date } | null;

/** Where the confirmation of the account's address stands, for its owner; null when confirmed or never asked. */
export async function emailConfirmationOf(db: DbOrTx, user: { id: string; email: string; emailConfirmedAt: Date | null }): Promise<EmailConfirmationView> {
  if (user.emailConfirmedAt) return null;
  const [row] = await db.select().from(emailConfirmations).where(eq(emailConfirmations.userId, user.id));
  if (!row || row.email !== user.email || row.state === 'confirmed') return null;
  return { state: row.state === 'pending' || row.state === 'sending' ? 'sending' : row.state, requestedAt: row.requestedAt };
}

/**
 * The owner asks for the confirmation email (again). Nothing is sent for a confirmed address, nor while a
 * confirmation is still on its way; otherwise at most {@link CONFIRMATION_REQUEST_LIMIT} a day.
 */
export async function requestEmailConfirmation(db: Db, userId: string, now: Date) {
  const [user] = await db.select({ id: users.id, email: users.email, emailConfirmedAt: users.emailConfirmedAt }).from(users).where(eq(users.id, userId));
  if (!user) throw new DomainError('UNAUTHORIZED', 'Sign in to do this');
  const current = await emailConfirmationOf(db, user);
  if (user.emailConfirmedAt || current?.state === 'sending') return { emailConfirmed: user.emailConfirmedAt !== null, emailConfirmation: current };
  if (!(await consumeRateLimit(db, `email-confirmation:${userId}`, CONFIRMATION_REQUEST_LIMIT, now))) {
    throw new DomainError('TOO_MANY_REQUESTS', `You asked for ${CONFIRMATION_REQUEST_LIMIT.limit} confirmation emails today; use the newest one, or ask again tomorrow`);
  }
  await queueEmailConfirmation(db, userId, user.email, now);
  return { emailConfirmed: false, emailConfirmation: { state: 'sending' as const, requestedAt: now } };
}

/**
 * Confirms the address a link was sent to, by the link's token (no sign-in: the token is the authority). Opening a
 * link twice confirms once; a link replaced by a newer one, expired, or for an address the account no longer has, does not.
 */
export async function confirmEmail(db: Db, token: string, now: Date) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ confirmation: emailConfirmations, email: users.email, confirmedAt: users.emailConfirmedAt })
      .from(emailConfirmations)
      .innerJoin(users, eq(users.id, emailConfirmations.userId))
      .where(eq(emailConfirmations.tokenHash, hashOf(token)));
    const link = row?.confirmation;
    if (!row || !link || row.email !== link.email || (link.state !== 'sent' && link.state !== 'confirmed')) {
      throw new DomainError('NOT_FOUND', 'This confirmation link is not valid (a newer one may have replaced it); ask for a new one on your account page');
    }
    if (link.state === 'confirmed' && row.confirmedAt) return { emailConfirmed: true as const };
    if (!link.expiresAt || link.expiresAt.getTime() <= now.getTime()) {
      throw new DomainError('BAD_REQUEST', 'This confirmation link has expired; ask for a new one on your account page');
    }
    await tx.update(users).set({ emailConfirmedAt: now, updatedAt: now }).where(eq(users.id, link.userId));
    await tx.update(emailConfirmations).set({ state: 'confirmed' }).where(eq(emailConfirmations.userId, link.userId));
    return { emailConfirmed: true as const };
  });
}

function confirmationMessage(settings: MailSettings, email: string, token: string): Mail.Options {
  const link = `${settings.publicUrl}/confirm-email?token=${token}`;
  return {
    from: settings.from,
    to: email,
    subject: 'Confirm your email address for Car Parts Marketplace',
    text: [
      'Someone (we hope you) gave this address for an account on Car Parts Marketplace.',
      '',
      `Confirm it with this link, which works for ${CONFIRMATION_LINK_TTL_MS / 3_600_000} hours:`,
      link,
      '',
      'Until the address is confirmed we send nothing else to it. If this was not you, ignore this email.',
    ].join('\n'),
  };
}

/**
 * Sends the confirmation emails that are due, like the notification emails: taken under a lease in one transaction,
 * sent outside it, retried later on failure and given up after {@link MAIL_MAX_ATTEMPTS}. Each send makes a new link;
 * only its token's hash is stored, before the message leaves, so the link works as soon as it arrives.
 */
export async function sendDueConfirmations(db: Db, mailer: Mailer, settings: MailSettings, now: Date): Promise<MailSweep> {
  const sweep: MailSweep = { sent: 0, skipped: 0, retrying: 0, failed: 0 };
  const isDue = and(inArray(emailConfirmations.state, ['pending', 'sending']), lte(emailConfirmations.dueAt, now));
  const [anyDue] = await readerOf(db).select({ userId: emailConfirmations.userId }).from(emailConfirmations).where(isDue).limit(1);
  if (!anyDue) return sweep;
  const taken = await db.transaction(async (tx) => {
    const due = await tx.select({ userId: emailConfirmations.userId }).from(emailConfirmations).where(isDue).orderBy(asc(emailConfirmations.dueAt)).limit(MAIL_BATCH);
    if (due.length === 0) return [];
    const ids = due.map((row) => row.userId);
    await tx
      .update(emailConfirmations)
      .set({ state: 'sending', dueAt: new Date(now.getTime() + SENDING_LEASE_MS) })
      .where(inArray(emailConfirmations.userId, ids));
    return tx
      .select({ confirmation: emailConfirmations, email: users.email, status: users.status, confirmedAt: users.emailConfirmedAt })
      .from(emailConfirmations)
      .innerJoin(users, eq(users.id, emailConfirmations.userId))
      .where(inArray(emailConfirmations.userId, ids));
  });

  for (const row of taken) {
    const c = row.confirmation;
    const settle = (set: Partial<typeof emailConfirmations.$inferInsert>) =>
      db.update(emailConfirmations).set(set).where(and(eq(emailConfirmations.userId, c.userId), eq(emailConfirmations.state, 'sending')));
    if (row.confirmedAt || row.email !== c.email || row.status !== 'active') {
      await db.delete(emailConfirmations).where(and(eq(emailConfirmations.userId, c.userId), eq(emailConfirmations.state, 'sending')));
      sweep.skipped++;
      continue;
    }
    const token = randomBytes(32).toString('base64url');
    try {
      await settle({ tokenHash: hashOf(token), expiresAt: new Date(now.getTime() + CONFIRMATION_LINK_TTL_MS) });
      await mailer.send(confirmationMessage(settings, c.email, token));
      await settle({ state: 'sent', dueAt: null, attempts: c.attempts + 1, error: null });
      sweep.sent++;
    } catch (error) {
      const { attempts, reason, retryAt } = failedDelivery(error, c.attempts, now);
      await settle({ state: retryAt ? 'pending' : 'failed', dueAt: retryAt, attempts, error: reason, tokenHash: null, expiresAt: null });
      if (retryAt) sweep.retrying++;
      else sweep.failed++;
    }
  }
  return sweep;
}
