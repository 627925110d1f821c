import { createSession } from '@carparts/auth';
import { emailConfirmations, notifications, users } from '@carparts/db';
import { makeUser } from '@carparts/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../src/root.ts';
import { CONFIRMATION_LINK_TTL_MS, CONFIRMATION_REQUEST_LIMIT, sendDueConfirmations } from '../src/services/email-confirmation.ts';
import { mailerFromEnv, sendDueEmails, type MailSettings } from '../src/services/mail.ts';
import { collectNotifications } from '../src/services/notifications.ts';
import { callerFor, contextFor, makeWorld, outcome, useTestApi } from './helpers.ts';
import { TestSmtp } from './smtp.ts';

/*
 * Anyone can type someone else's address when signing up: the address gets one message, the link that confirms it,
 * and nothing else until its owner opens that link.
 */

const env = useTestApi();
const smtp = new TestSmtp();
const settings: MailSettings = { from: 'Car Parts Marketplace <no-reply@carparts.test>', publicUrl: 'https://parts.example' };
beforeAll(() => smtp.start());
afterAll(() => smtp.stop());
const later = (ms: number) => new Date(env.now().getTime() + ms);
const mailer = () => mailerFromEnv({ SMTP_URL: smtp.url });

let unique = 0;
async function signUp(displayName = 'Casual Buyer') {
  const name = `confirm${Date.now().toString(36)}${unique++}`;
  const email = `${name}@example.test`;
  const session = await callerFor(env, null).auth.signUp({ username: name, email, password: 'a fine long password', role: 'buyer', displayName, sessionIn: 'token' });
  const [user] = await env.db.select().from(users).where(eq(users.id, session.user.id));
  const { session: row } = await createSession(env.db, user!, env.now());
  return { email, user: user!, caller: createCaller(contextFor(env, user!, row)) };
}

/** The token of the newest confirmation link sent to `email`. */
function linkTokenFor(email: string): string {
  const mail = smtp.to(email).at(-1);
  const token = mail?.text?.match(/\/confirm-email\?token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no confirmation link was sent to ${email}`);
  return token;
}

describe('confirming an email address', () => {
  it('sends one link to a new account, which confirms the address, and says so again when opened twice', async () => {
    const person = await signUp('BUY CHEAP WATCHES at spam.example');
    expect((await person.caller.auth.me()).emailConfirmed).toBe(false);
    expect((await person.caller.auth.me()).emailConfirmation).toMatchObject({ state: 'sending' });

    expect(await sendDueConfirmations(env.db, mailer(), settings, env.now())).toMatchObject({ sent: 1, failed: 0 });
    const [mail] = smtp.to(person.email);
    expect(smtp.to(person.email)).toHaveLength(1);
    expect(mail!.subject).toBe('Confirm your email address for Car Parts Marketplace');
    // nothing the account holder typed reaches the address: not the name, not the username
    expect(mail!.to && !Array.isArray(mail!.to) ? mail!.to.text : '').toBe(person.email);
    expect(mail!.text).not.toContain('CHEAP');
    expect(mail!.text).not.toContain(person.user.username);
    expect(mail!.text).toContain('https://parts.example/confirm-email?token=');
    expect((await person.caller.auth.me()).emailConfirmation).toMatchObject({ state: 'sent' });

    // the token is not stored, only its hash
    const [stored] = await env.db.select().from(emailConfirmations).where(eq(emailConfirmations.userId, person.user.id));
    const token = linkTokenFor(person.email);
    expect(stored!.tokenHash).not.toContain(token);

    // nobody is signed in when the link is opened
    await expect(callerFor(env, null).auth.confirmEmail({ token })).resolves.toEqual({ emailConfirmed: true });
    expect((await person.caller.auth.me()).emailConfirmed).toBe(true);
    expect((await person.caller.auth.me()).emailConfirmation).toBeNull();
    await expect(callerFor(env, null).auth.confirmEmail({ token })).resolves.toEqual({ emailConfirmed: true });

    // a confirmed address asks for nothing more
    await expect(person.caller.auth.requestEmailConfirmation()).resolves.toMatchObject({ emailConfirmed: true });
    expect(await sendDueConfirmations(env.db, mailer(), settings, later(1_000))).toMatchObject({ sent: 0 });
  });

  it('refuses a link it did not send, a malformed one, and an expired one, in words', async () => {
    const person = await signUp();
    await sendDueConfirmations(env.db, mailer(), settings, env.now());
    const token = linkTokenFor(person.email);
    const anon = callerFor(env, null);
    await expect(anon.auth.confirmEmail({ token: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('This confirmation link is not valid'),
    });
    await expect(anon.auth.confirmEmail({ token: 'short' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('This confirmation link is not valid') });

    env.clock.offsetMs = CONFIRMATION_LINK_TTL_MS + 1_000;
    try {
      await expect(anon.auth.confirmEmail({ token })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('has expired') });
    } finally {
      env.clock.offsetMs = 0;
    }
    expect((await person.caller.auth.me()).emailConfirmed).toBe(false);
  });

  it('sends a new link on request, which replaces the old one, at most three a day, and none while one is on its way', async () => {
    const person = await signUp();
    // signing up asked for the first; asking again before it is sent queues nothing more and counts nothing
    await expect(person.caller.auth.requestEmailConfirmation()).resolves.toMatchObject({ emailConfirmed: false, emailConfirmation: { state: 'sending' } });
    await sendDueConfirmations(env.db, mailer(), settings, env.now());
    const first = linkTokenFor(person.email);

    for (let asked = 1; asked <= CONFIRMATION_REQUEST_LIMIT.limit; asked++) {
      await person.caller.auth.requestEmailConfirmation();
      expect(await sendDueConfirmations(env.db, mailer(), settings, env.now())).toMatchObject({ sent: 1 });
    }
    expect(smtp.to(person.email)).toHaveLength(1 + CONFIRMATION_REQUEST_LIMIT.limit);
    expect(await outcome(() => person.caller.auth.requestEmailConfirmation())).toBe('TOO_MANY_REQUESTS');
    await expect(person.caller.auth.requestEmailConfirmation()).rejects.toThrow(/use the newest one, or ask again tomorrow/);

    expect(await outcome(() => callerFor(env, null).auth.confirmEmail({ token: first }))).toBe('NOT_FOUND');
    await expect(callerFor(env, null).auth.confirmEmail({ token: linkTokenFor(person.email) })).resolves.toEqual({ emailConfirmed: true });
  });

  it('retries a refused delivery later, each time with a new link', async () => {
    const person = await signUp();
    smtp.refusing.add(person.email);
    try {
      expect(await sendDueConfirmations(env.db, mailer(), settings, env.now())).toMatchObject({ sent: 0, retrying: 1 });
      const [waiting] = await env.db.select().from(emailConfirmations).where(eq(emailConfirmations.userId, person.user.id));
      expect(waiting).toMatchObject({ state: 'pending', attempts: 1, tokenHash: null, error: expect.stringContaining('Mailbox busy') });
      expect((await person.caller.auth.me()).emailConfirmation).toMatchObject({ state: 'sending' });
    } finally {
      smtp.refusing.delete(person.email);
    }
    expect(await sendDueConfirmations(env.db, mailer(), settings, later(30_000))).toMatchObject({ sent: 0 });
    expect(await sendDueConfirmations(env.db, mailer(), settings, later(61_000))).toMatchObject({ sent: 1 });
    await expect(callerFor(env, null).auth.confirmEmail({ token: linkTokenFor(person.email) })).resolves.toEqual({ emailConfirmed: true });
  });

  it('emails notifications only to a confirmed address', async () => {
    const w = await makeWorld(env);
    const unconfirmed = await makeUser(env.db, { role: 'seller', emailConfirmedAt: null });
    const { session } = await createSession(env.db, unconfirmed, env.now());
    const seller = createCaller(contextFor(env, unconfirmed, session));
    const listing = await seller.listings.create({ title: 'Octavia tail lamp', partCategory: 'lighting', condition: 'used_good', priceCents: 3_000, currency: 'EUR', vehicleMake: 'Skoda', vehicleModel: 'Octavia' });
    await collectNotifications(env.db, { emailDelayMs: 0 });
    await env.db.update(notifications).set({ readAt: env.now(), emailState: 'skipped' });

    await w.buyer.caller.inquiries.create({ listingId: listing.id, message: 'Left or right?' });
    await collectNotifications(env.db, { emailDelayMs: 0 });
    expect(await sendDueEmails(env.db, mailer(), settings, later(1_000))).toMatchObject({ sent: 0, skipped: 1 });
    expect(smtp.to(unconfirmed.email)).toHaveLength(0);
    const [question] = await env.db.select().from(notifications).where(eq(notifications.listingId, listing.id));
    expect(question).toMatchObject({ kind: 'question', emailState: 'skipped', emailError: 'The address is not confirmed' });
    // the bell still has it
    expect((await seller.notifications.list({ unreadOnly: true })).items.map((n) => n.kind)).toEqual(['question']);

    await env.db.update(users).set({ emailConfirmedAt: env.now() }).where(eq(users.id, unconfirmed.id));
    await w.buyer.caller.inquiries.create({ listingId: listing.id, message: 'And the bulb holder?' });
    await collectNotifications(env.db, { emailDelayMs: 0 });
    expect(await sendDueEmails(env.db, mailer(), settings, later(2_000))).toMatchObject({ sent: 1 });
    expect(smtp.to(unconfirmed.email)).toHaveLength(1);
  });
});
