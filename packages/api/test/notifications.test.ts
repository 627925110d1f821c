import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events, notifications, purchases } from '@carparts/db';
import { MAIL_MAX_ATTEMPTS } from '@carparts/domain';
import { and, eq, gt } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailerFromEnv, sendDueEmails, type MailSettings } from '../src/services/mail.ts';
import { collectNotifications } from '../src/services/notifications.ts';
import { warnExpiringReservations } from '../src/services/purchases.ts';
import { makeWorld, outcome, useTestApi, type World } from './helpers.ts';
import { TestSmtp } from './smtp.ts';

const env = useTestApi();
/** Emails of these tests are due an hour after their event, unless a test asks for sooner. */
const LATER = { emailDelayMs: 3_600_000 };
const NOW = { emailDelayMs: 0 };

const newListing = (w: World, title: string) =>
  w.seller.caller.listings.create({ title, partCategory: 'lighting', condition: 'used_good', priceCents: 4_500, currency: 'EUR', vehicleMake: 'Skoda', vehicleModel: 'Fabia' });

type Person = { user: { id: string } };

/**
 * Collects what a world's own set-up wrote (it inserts a sale, a question, a fit report…) and marks it read, then
 * answers, each time it is asked, the kinds of notification each person was given since.
 */
async function startCounting(...people: Person[]) {
  await collectNotifications(env.db, LATER);
  const before = new Set((await env.db.select({ id: notifications.id }).from(notifications)).map((r) => r.id));
  await env.db.update(notifications).set({ readAt: env.now(), emailState: 'skipped' });
  return async (...asked: Person[]) => {
    const rows = (await env.db.select().from(notifications)).filter((r) => !before.has(r.id));
    return (asked.length ? asked : people).map((p) => rows.filter((r) => r.userId === p.user.id).map((r) => r.kind));
  };
}

/** The value of a raw header line of a parsed message (mailparser folds List-* headers into one object). */
const headerLine = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.slice(name.length + 1).trim();

describe('who is told what', () => {
  it('tells the other party of each step of a deal, never the one who took it', async () => {
    const w = await makeWorld(env);
    const given = await startCounting(w.seller, w.buyer, w.otherSeller, w.otherBuyer, w.operator);
    const listing = await newListing(w, 'Fabia headlamp, left');
    const question = await w.buyer.caller.inquiries.create({ listingId: listing.id, message: 'Halogen or xenon?' });
    await w.seller.caller.inquiries.reply({ inquiryId: question.id, message: 'Halogen.' });
    await w.buyer.caller.inquiries.reply({ inquiryId: question.id, message: 'Thanks, reserving.' });
    const purchase = await w.buyer.caller.purchases.reserve({ listingId: listing.id });
    await w.seller.caller.purchases.complete({ purchaseId: purchase.id });
    await w.buyer.caller.ratings.create({ purchaseId: purchase.id, rating: 5 });
    await collectNotifications(env.db, LATER);

    expect(await given()).toEqual([['question', 'reply', 'reservation', 'rating'], ['reply', 'sale'], [], [], []]);

    const page = await w.seller.caller.notifications.list({ unreadOnly: true });
    expect(page.unreadCount).toBe(4);
    expect(page.items.map((n) => [n.kind, n.text, n.path])).toEqual([
      ['rating', 'A buyer rated you for “Fabia headlamp, left”', '/sell/ratings'],
      ['reservation', 'A buyer reserved “Fabia headlamp, left”', '/sell'],
      ['reply', 'New reply in your conversation about “Fabia headlamp, left”', `/inquiries/${question.id}`],
      ['question', 'A buyer asked a question about “Fabia headlamp, left”', `/inquiries/${question.id}`],
    ]);
    // nothing of the conversation's words, or anyone's contact, is copied into a notification
    expect(JSON.stringify(page)).not.toMatch(/Halogen|xenon|@|\+1 555/);
  });

  it('tells of a cancellation the side that did not cancel, and of a takedown the seller and both sides of its reservation', async () => {
    const w = await makeWorld(env);
    const given = await startCounting(w.seller, w.buyer);
    const first = await newListing(w, 'Fabia wing mirror');
    const byBuyer = await w.buyer.caller.purchases.reserve({ listingId: first.id });
    await w.buyer.caller.purchases.cancel({ purchaseId: byBuyer.id, reason: 'Found one nearer' });
    const bySeller = await w.buyer.caller.purchases.reserve({ listingId: first.id });
    await w.seller.caller.purchases.cancel({ purchaseId: bySeller.id });
    await w.buyer.caller.purchases.reserve({ listingId: first.id });
    await w.operator.caller.console.moderateListing({ id: first.id, action: 'remove', reason: 'Counterfeit part' });
    await collectNotifications(env.db, LATER);

    // reserve → the seller; the buyer cancels → the seller; reserve; the seller cancels → the buyer; reserve; takedown:
    // its reservation is cancelled by the marketplace (both sides), and the listing is taken down (the seller)
    expect(await given()).toEqual([
      ['reservation', 'reservation_ended', 'reservation', 'reservation', 'reservation_ended', 'moderation'],
      ['reservation_ended', 'reservation_ended'],
    ]);
    const texts = (await w.buyer.caller.notifications.list({})).items.map((n) => n.text);
    // the listing is taken down: the buyer is not shown its title any more
    expect(texts[0]).toBe('The reservation of a part was cancelled by the marketplace');
    const sellerTexts = (await w.seller.caller.notifications.list({})).items.map((n) => n.text);
    // the takedown cancelled the reservation, then took the listing down, often within one millisecond: newest first
    // follows the order the events happened in
    expect(sellerTexts.slice(0, 2)).toEqual(['“Fabia wing mirror” was taken down by the marketplace\'s moderators', 'The reservation of “Fabia wing mirror” was cancelled by the marketplace']);
  });

  it('lists notifications of the same moment in the order their events happened, across pages', async () => {
    const w = await makeWorld(env);
    const listing = await newListing(w, 'Fabia door handle');
    // four, so that an order left to chance would rarely come out as the events' (1 in 24)
    for (const question of ['First', 'Second', 'Third', 'Fourth']) await w.buyer.caller.inquiries.create({ listingId: listing.id, message: `${question} question` });
    await collectNotifications(env.db, LATER);
    const mine = await env.db.select().from(notifications).where(and(eq(notifications.userId, w.seller.user.id), eq(notifications.listingId, listing.id)));
    expect(mine).toHaveLength(4);
    // the same moment for both: only the order of their events tells them apart
    await env.db.update(notifications).set({ createdAt: mine[0]!.createdAt }).where(and(eq(notifications.userId, w.seller.user.id), eq(notifications.listingId, listing.id)));
    const byEvent = [...mine].sort((a, b) => b.eventId - a.eventId).map((n) => n.id);
    const listed = (await w.seller.caller.notifications.list({})).items.filter((n) => byEvent.includes(n.id)).map((n) => n.id);
    expect(listed).toEqual(byEvent);
    // one a page: the cursor carries the tie through
    const paged: (string | undefined)[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 4; page++) {
      const { items, nextCursor } = await w.seller.caller.notifications.list({ limit: 1, cursor });
      paged.push(items[0]?.id);
      cursor = nextCursor ?? undefined;
    }
    expect(paged).toEqual(byEvent);
  });

  it('turns each event into its notifications once, however often or concurrently the notifier runs', async () => {
    const w = await makeWorld(env);
    await startCounting();
    const listing = await newListing(w, 'Fabia tail lamp');
    for (let i = 0; i < 5; i++) await w.buyer.caller.inquiries.create({ listingId: listing.id, message: `Question ${i}` }).catch(() => undefined);
    await Promise.all([collectNotifications(env.db, LATER), collectNotifications(env.db, LATER), collectNotifications(env.db, LATER)]);
    await collectNotifications(env.db, LATER);
    const rows = await env.db.select().from(notifications).where(and(eq(notifications.userId, w.seller.user.id), eq(notifications.listingId, listing.id)));
    const asked = await w.seller.caller.inquiries.mine({ as: 'seller', listingId: listing.id });
    expect(rows).toHaveLength(asked.items.length);
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(rows.length);
  });

  it('warns a buyer once that a reservation is about to lapse', async () => {
    const w = await makeWorld(env);
    const given = await startCounting(w.buyer, w.seller);
    const warnedAt = async () => (await env.db.select().from(purchases).where(eq(purchases.id, w.reservation.id)))[0]!.expiryWarnedAt;
    await env.db.update(purchases).set({ expiresAt: new Date(env.now().getTime() + 2 * 3_600_000) }).where(eq(purchases.id, w.reservation.id));
    // with a lead of one hour, a hold lapsing in two is not yet worth a warning
    await warnExpiringReservations(env.db, env.now(), 3_600_000);
    expect(await warnedAt()).toBeNull();
    await warnExpiringReservations(env.db, env.now(), 6 * 3_600_000);
    const first = await warnedAt();
    expect(first).toBeInstanceOf(Date);
    await warnExpiringReservations(env.db, new Date(env.now().getTime() + 60_000), 6 * 3_600_000);
    expect(await warnedAt()).toEqual(first);
    await collectNotifications(env.db, LATER);
    expect(await given()).toEqual([['reservation_expiring'], []]);
    const [warning] = (await w.buyer.caller.notifications.list({ unreadOnly: true })).items;
    expect(warning).toMatchObject({ kind: 'reservation_expiring', path: '/account', data: { purchaseId: w.reservation.id } });
  });
});

describe('the notification centre', () => {
  it('marks one person\'s notifications read, never another\'s, and tells that person\'s other screens', async () => {
    const w = await makeWorld(env);
    await startCounting();
    const listing = await newListing(w, 'Fabia fog lamp');
    await w.buyer.caller.inquiries.create({ listingId: listing.id, message: 'Both sides?' });
    await w.otherBuyer.caller.inquiries.create({ listingId: listing.id, message: 'Price for two?' });
    await collectNotifications(env.db, LATER);
    const mine = await w.seller.caller.notifications.list({});
    expect(mine.unreadCount).toBe(2);

    // the buyer names the seller's notification: nothing happens to it
    expect(await w.buyer.caller.notifications.markRead({ ids: [mine.items[0]!.id] })).toEqual({ marked: 0, unreadCount: 0 });
    expect((await w.seller.caller.notifications.unreadCount()).unreadCount).toBe(2);

    const lastEvent = (await env.db.select({ id: events.id }).from(events)).at(-1)!.id;
    expect(await w.seller.caller.notifications.markRead({ ids: [mine.items[0]!.id] })).toEqual({ marked: 1, unreadCount: 1 });
    const [readEvent] = await env.db.select().from(events).where(gt(events.id, lastEvent));
    expect(readEvent).toMatchObject({ type: 'notification.read', recipientId: w.seller.user.id, buyerId: null, sellerId: null });
    expect((await w.seller.caller.notifications.list({ unreadOnly: true })).items.map((n) => n.id)).toEqual([mine.items[1]!.id]);
    // opening a conversation reads what was about it, and only that
    const threads = await w.seller.caller.inquiries.mine({ as: 'seller', listingId: listing.id });
    const buyersThread = threads.items.find((t) => t.buyerId === w.buyer.user.id)!;
    expect(await w.seller.caller.notifications.markRead({ inquiryId: buyersThread.id })).toEqual({ marked: 1, unreadCount: 0 });
    await w.buyer.caller.inquiries.reply({ inquiryId: buyersThread.id, message: 'Also the bulb?' });
    await collectNotifications(env.db, LATER);
    expect(await w.seller.caller.notifications.markRead({ all: true })).toEqual({ marked: 1, unreadCount: 0 });
  });

  it('refuses a mark-read that names nothing, or too much, in words', async () => {
    const w = await makeWorld(env);
    await expect(w.seller.caller.notifications.markRead({} as never)).rejects.toThrow('Name the notifications to mark read, a conversation, or mark them all');
    await expect(w.seller.caller.notifications.markRead({ ids: Array.from({ length: 51 }, (_, i) => `abcdefghij${i}`) })).rejects.toThrow('At most 50 at a time');
    await expect(w.seller.caller.notifications.setPreferences({ question: 'sometimes' } as never)).rejects.toThrow('Choose in the app only, email too, or off');
  });

  it('keeps each person\'s choice per kind: off writes nothing, in the app writes no email', async () => {
    const w = await makeWorld(env);
    const given = await startCounting(w.seller);
    expect(await w.seller.caller.notifications.preferences()).toMatchObject({ question: 'email', rating: 'in_app' });
    expect(await w.seller.caller.notifications.setPreferences({ question: 'off', reservation: 'in_app' })).toMatchObject({ question: 'off', reservation: 'in_app', reply: 'email' });
    // another person's choices are their own
    expect(await w.otherSeller.caller.notifications.preferences()).toMatchObject({ question: 'email', reservation: 'email' });
    const listing = await newListing(w, 'Fabia indicator');
    await w.buyer.caller.inquiries.create({ listingId: listing.id, message: 'Orange lens?' });
    await w.buyer.caller.purchases.reserve({ listingId: listing.id });
    await collectNotifications(env.db, LATER);
    expect(await given()).toEqual([['reservation']]);
    const rows = await env.db.select().from(notifications).where(eq(notifications.listingId, listing.id));
    expect(rows.map((r) => [r.kind, r.emailState])).toEqual([['reservation', 'none']]);
  });
});

describe('email', () => {
  const smtp = new TestSmtp();
  const settings: MailSettings = { from: 'Car Parts Marketplace <no-reply@carparts.test>', publicUrl: 'https://parts.example' };
  beforeAll(() => smtp.start());
  afterAll(() => smtp.stop());
  const later = (ms: number) => new Date(Date.now() + ms);
  const stateOf = async (listingId: string) => (await env.db.select().from(notifications).where(eq(notifications.listingId, listingId))).map((r) => [r.kind, r.emailState, r.emailAttempts]);

  it('sends what is still unread after the delay, retries a refused delivery with backoff, and unsubscribes with one click', async () => {
    const mailer = mailerFromEnv({ SMTP_URL: smtp.url });
    const w = await makeWorld(env);
    await startCounting();
    const sellerEmail = `${w.seller.user.username}@example.test`;
    const listing = await newListing(w, 'Fabia <b>bumper</b> grille');
    const question = await w.buyer.caller.inquiries.create({ listingId: listing.id, message: 'Any cracks?' });
    await collectNotifications(env.db, NOW);

    smtp.refusing.add(sellerEmail);
    expect(await sendDueEmails(env.db, mailer, settings, later(1_000))).toMatchObject({ sent: 0, retrying: 1 });
    expect(await stateOf(listing.id)).toEqual([['question', 'pending', 1]]);
    smtp.refusing.delete(sellerEmail);
    // the retry waits a minute: not before
    expect(await sendDueEmails(env.db, mailer, settings, later(30_000))).toMatchObject({ sent: 0 });
    expect(await sendDueEmails(env.db, mailer, settings, later(62_000))).toMatchObject({ sent: 1 });
    expect(await stateOf(listing.id)).toEqual([['question', 'sent', 2]]);
    // a later sweep sends nothing again
    expect(await sendDueEmails(env.db, mailer, settings, later(3_600_000))).toMatchObject({ sent: 0 });

    const [mail] = smtp.to(sellerEmail);
    expect(smtp.to(sellerEmail)).toHaveLength(1);
    expect(mail!.subject).toBe('A buyer asked a question about “Fabia <b>bumper</b> grille”');
    expect(mail!.text).toContain(`https://parts.example/inquiries/${question.id}`);
    expect(mail!.text).not.toContain('Any cracks?');
    expect(headerLine(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = new URL(/^<([^>]+)>/.exec(headerLine(mail!, 'List-Unsubscribe') ?? '')![1]!);
    expect(unsubscribeUrl.origin + unsubscribeUrl.pathname).toBe('https://parts.example/unsubscribe');
    expect(unsubscribeUrl.searchParams.get('kind')).toBe('question');

    // one click, no sign-in: the kind stops going by email, and stays in the app
    const anonymous = (await import('./helpers.ts')).callerFor(env, null);
    const token = unsubscribeUrl.searchParams.get('token')!;
    expect(await anonymous.notifications.unsubscribe({ token, kind: 'question' })).toMatchObject({ kinds: ['question'], preferences: { question: 'in_app', reply: 'email' } });
    expect(await outcome(() => anonymous.notifications.unsubscribe({ token: `${token.slice(0, -2)}zz`, kind: 'question' }))).toBe('NOT_FOUND');
    await w.otherBuyer.caller.inquiries.create({ listingId: listing.id, message: 'Colour?' });
    await collectNotifications(env.db, NOW);
    expect(await sendDueEmails(env.db, mailer, settings, later(1_000))).toMatchObject({ sent: 0 });
    expect(await stateOf(listing.id)).toEqual([
      ['question', 'sent', 2],
      ['question', 'none', 0],
    ]);
    expect((await w.seller.caller.notifications.list({})).unreadCount).toBe(2);
  });

  it('sends nothing for a notification read in time, and gives up after the last attempt', async () => {
    const mailer = mailerFromEnv({ SMTP_URL: smtp.url });
    const w = await makeWorld(env);
    await startCounting();
    const listing = await newListing(w, 'Fabia door seal');
    await w.buyer.caller.inquiries.create({ listingId: listing.id, message: 'Front or rear?' });
    const purchase = await w.buyer.caller.purchases.reserve({ listingId: listing.id });
    await collectNotifications(env.db, NOW);
    const [reservation, question] = (await w.seller.caller.notifications.list({ unreadOnly: true })).items;
    await w.seller.caller.notifications.markRead({ ids: [question!.id] });

    const sellerEmail = `${w.seller.user.username}@example.test`;
    smtp.refusing.add(sellerEmail);
    let at = 1_000;
    for (let attempt = 1; attempt <= MAIL_MAX_ATTEMPTS; attempt++) {
      await sendDueEmails(env.db, mailer, settings, later(at));
      at += 25 * 3_600_000;
    }
    smtp.refusing.delete(sellerEmail);
    const rows = await env.db.select().from(notifications).where(eq(notifications.userId, w.seller.user.id));
    expect(rows.find((r) => r.id === question!.id)).toMatchObject({ emailState: 'skipped', emailAttempts: 0 });
    expect(rows.find((r) => r.id === reservation!.id)).toMatchObject({ emailState: 'failed', emailAttempts: MAIL_MAX_ATTEMPTS, emailError: expect.stringContaining('Mailbox busy') });
    expect(smtp.to(sellerEmail)).toHaveLength(0);
    expect(purchase.status).toBe('reserved');
  });

  it('writes each message as an .eml file when no SMTP server is configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carparts-mail-'));
    try {
      const w = await makeWorld(env);
      await startCounting();
      const listing = await newListing(w, 'Fabia wiper arm');
      await w.buyer.caller.inquiries.create({ listingId: listing.id, message: 'Driver side?' });
      await collectNotifications(env.db, NOW);
      const mailer = mailerFromEnv({ MAIL_DIR: join(dir, 'mail') });
      expect(mailer.describe).toBe(`files in ${join(dir, 'mail')}`);
      expect(await sendDueEmails(env.db, mailer, settings, later(1_000))).toMatchObject({ sent: 1 });
      const [file] = readdirSync(join(dir, 'mail'));
      expect(file).toMatch(/\.eml$/);
      const mail = await simpleParser(readFileSync(join(dir, 'mail', file!)));
      expect(mail.subject).toBe('A buyer asked a question about “Fabia wiper arm”');
      expect(headerLine(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
