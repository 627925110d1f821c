import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext } from '@playwright/test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { expect, fullyVisible, signIn, test, tokenOf } from './fixtures';

/*
 * The bell counts what concerns a person as it happens and opens onto it; an email goes out for what stays unread,
 * and its link stops that kind of email with one click, without signing in.
 */

const MAIL_DIR = fileURLToPath(new URL('../e2e-data/mail/', import.meta.url));

async function newListing(request: APIRequestContext, token: string, title: string) {
  const created = await request.post('/api/v1/listings', {
    headers: { authorization: `Bearer ${token}` },
    data: { title, partCategory: 'lighting', condition: 'used_good', priceCents: 3900, currency: 'USD', vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2015 },
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as { id: string };
}

async function ask(request: APIRequestContext, token: string, listingId: string, message: string) {
  const asked = await request.post(`/api/v1/listings/${listingId}/inquiries`, { headers: { authorization: `Bearer ${token}` }, data: { message } });
  expect(asked.status()).toBe(201);
  return (await asked.json()) as { id: string };
}

const readAll = (request: APIRequestContext, token: string) => request.post('/api/v1/me/notifications/read', { headers: { authorization: `Bearer ${token}` }, data: { all: true } });

for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
  test(`on a ${viewport.width}-px screen the bell counts a new question as it arrives and opens onto the conversation`, async ({ browser, request }) => {
    const sellerToken = await tokenOf(request, 'euro-parts-yard');
    const buyerToken = await tokenOf(request, 'emma.schulz');
    const title = `Golf VII rear fog lamp ${viewport.width}`;
    const listing = await newListing(request, sellerToken, title);
    expect((await readAll(request, sellerToken)).status()).toBe(200);

    const context = await browser.newContext({ viewport });
    const seller = await context.newPage();
    await signIn(seller, 'euro-parts-yard');
    await seller.goto('/sell');
    await seller.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    const bell = seller.getByTestId('bell');
    await expect(bell).toHaveAccessibleName('Notifications, none unread');
    await expect(seller.getByTestId('unread-count')).toHaveCount(0);

    const question = await ask(request, buyerToken, listing.id, 'Is the bulb holder intact?');
    await expect(seller.getByTestId('unread-count')).toHaveText('1');
    await expect(bell).toHaveAccessibleName('Notifications, 1 unread');
    expect(await fullyVisible(seller, seller.getByTestId('unread-count'))).toBe(true);

    await bell.click();
    await expect(seller).toHaveURL(/\/notifications$/);
    const item = seller.getByTestId('notification').filter({ hasText: title });
    await expect(item).toContainText(`A buyer asked a question about “${title}”`);
    expect(await fullyVisible(seller, item.getByRole('button', { name: `Unread: A buyer asked a question about “${title}”`, exact: true }))).toBe(true);
    await item.getByRole('button', { name: `Unread: A buyer asked a question about “${title}”`, exact: true }).click();
    await expect(seller).toHaveURL(new RegExp(`/inquiries/${question.id}$`));
    await expect(seller.getByText('Is the bulb holder intact?')).toBeVisible();
    await expect(seller.getByTestId('unread-count')).toHaveCount(0);
    await context.close();
  });
}

test('passing the pointer over a link to a conversation leaves its news unread; opening it reads them', async ({ page, request }) => {
  // a seller of its own, so that no other test's news mixes with these
  const username = `mirror-yard-${Date.now().toString(36)}`;
  const signedUp = await request.post('/api/v1/auth/sign-up', { data: { username, email: `${username}@example.test`, password: 'a long seller passphrase', role: 'seller', displayName: 'Mirror Yard' } });
  expect(signedUp.status()).toBe(201);
  const sellerToken = ((await signedUp.json()) as { token: string }).token;
  const buyerToken = await tokenOf(request, 'emma.schulz');
  const listing = await newListing(request, sellerToken, `Golf VII wing mirror glass ${Date.now()}`);
  const question = await ask(request, buyerToken, listing.id, 'Is the glass heated?');
  const reply = (message: string) => request.post(`/api/v1/inquiries/${question.id}/replies`, { headers: { authorization: `Bearer ${buyerToken}` }, data: { message } });
  // enough messages that the account page shows the latest and links to the whole conversation
  for (let i = 1; i <= 11; i++) expect((await reply(`Follow-up ${i}`)).status()).toBe(201);
  const unread = async () => ((await (await request.get('/api/v1/me/notifications/unread-count', { headers: { authorization: `Bearer ${sellerToken}` } })).json()) as { unreadCount: number }).unreadCount;
  // the question and its eleven follow-ups, each told as it arrived, then all read
  await expect.poll(unread).toBe(12);
  expect((await readAll(request, sellerToken)).status()).toBe(200);
  expect((await reply('And the indicator lamp?')).status()).toBe(201);
  await expect.poll(unread).toBe(1);

  await signIn(page, username, 'a long seller passphrase');
  await page.goto('/account');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const link = page.getByRole('link', { name: /Read the whole conversation/ }).and(page.locator(`[href="/inquiries/${question.id}"]`));
  const preloaded = page.waitForResponse((response) => response.url().includes(`/inquiries/${question.id}/__data.json`));
  await link.hover();
  expect((await preloaded).status()).toBe(200);
  expect(await unread()).toBe(1);
  await expect(page.getByTestId('unread-count')).toHaveText('1');

  await link.click();
  await expect(page).toHaveURL(new RegExp(`/inquiries/${question.id}$`));
  await expect(page.getByText('And the indicator lamp?')).toBeVisible();
  await expect.poll(unread).toBe(0);
  await expect(page.getByTestId('unread-count')).toHaveCount(0);
});

/** The message written for `to` whose subject names `title`, as it would have been sent. */
async function mailFor(to: string, title: string): Promise<ParsedMail | undefined> {
  if (!existsSync(MAIL_DIR)) return undefined;
  for (const file of readdirSync(MAIL_DIR).filter((name) => name.endsWith('.eml'))) {
    const mail = await simpleParser(readFileSync(`${MAIL_DIR}${file}`));
    const recipient = Array.isArray(mail.to) ? mail.to[0] : mail.to;
    if (recipient?.value[0]?.address === to && mail.subject?.includes(title)) return mail;
  }
  return undefined;
}

/** A raw header's value (the parser folds the List-* headers into one object). */
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.slice(name.length + 1).trim();

test('a new account\'s address gets one link and no other email until the link, opened on a phone, confirms it', async ({ page, browser }) => {
  const tag = Date.now().toString(36);
  const email = `new-buyer-${tag}@example.com`;
  await page.goto('/signup');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Username').fill(`new-buyer-${tag}`);
  await page.getByLabel('Name shown to others').fill(`Nina ${tag}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long buyer passphrase');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname !== '/signup');

  await page.goto('/account');
  const notice = page.getByTestId('email-confirmation');
  await expect(notice).toContainText(`Your email address ${email} is not confirmed: we email you nothing until you open the link we send to it.`);
  let mail: ParsedMail | undefined;
  await expect.poll(async () => (mail = await mailFor(email, 'Confirm your email address')), { timeout: 20_000 }).toBeTruthy();
  const link = mail!.text?.match(/https?:\/\/\S+\/confirm-email\?token=[A-Za-z0-9_-]+/)?.[0];
  expect(link).toBeTruthy();
  expect(mail!.text).not.toContain(`Nina ${tag}`);
  await page.reload();
  await expect(notice).toContainText('We sent the link on');
  await page.goto('/notifications/settings');
  await expect(page.getByTestId('email-unconfirmed')).toBeVisible();

  // opened from the mail program of a phone where nobody is signed in
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const opened = await phone.newPage();
  await opened.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(opened.getByRole('heading', { name: 'Confirm your email address' })).toBeVisible();
  expect(await fullyVisible(opened, opened.getByRole('button', { name: 'Confirm my address' }))).toBe(true);
  await opened.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(opened.getByRole('status')).toHaveText('Your email address is confirmed. The emails you chose in your notification settings will now reach it.');
  await phone.close();

  await page.goto('/account');
  await expect(page.getByRole('heading', { name: `Hello, Nina ${tag}` })).toBeVisible();
  await expect(notice).toHaveCount(0);
  await page.goto('/notifications/settings');
  await expect(page.getByTestId('email-unconfirmed')).toHaveCount(0);
});

test('an unread question is emailed, and the email\'s link stops that kind of email in one click, without signing in', async ({ browser, request }) => {
  const sellerToken = await tokenOf(request, 'valley-salvage');
  const buyerToken = await tokenOf(request, 'noah.kim');
  const title = `Golf VII number plate lamp ${Date.now()}`;
  const listing = await newListing(request, sellerToken, title);
  const question = await ask(request, buyerToken, listing.id, 'Does it come with the seal?');

  let mail: ParsedMail | undefined;
  await expect.poll(async () => (mail = await mailFor('valley-salvage@demo.carparts.test', title)), { timeout: 20_000 }).toBeTruthy();
  expect(mail!.text).toContain(`/inquiries/${question.id}`);
  expect(mail!.text).not.toContain('Does it come with the seal?');
  expect(header(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  const link = /^<([^>]+)>/.exec(header(mail!, 'List-Unsubscribe') ?? '')![1]!;
  expect(link).toMatch(/^http:\/\/localhost:\d+\/unsubscribe\?token=[\w-]+&kind=question$/);

  // opened in a browser that is signed in to nothing
  const stranger = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await stranger.newPage();
  await page.goto(new URL(link).pathname + new URL(link).search);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await expect(page.getByText('Stop emails for "A buyer asks about one of my listings"?')).toBeVisible();
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByRole('status')).toHaveText(/Done: you will no longer receive emails for "A buyer asks about one of my listings"/);
  await stranger.close();

  const context = await browser.newContext();
  const seller = await context.newPage();
  await signIn(seller, 'valley-salvage');
  await seller.goto('/notifications/settings');
  await seller.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const questions = seller.getByTestId('kind-question');
  await expect(questions.getByLabel('In the app only')).toBeChecked();
  await expect(seller.getByTestId('kind-reply').getByLabel('In the app and by email')).toBeChecked();

  // and back, by the settings form: the choice holds after a reload
  await questions.getByLabel('In the app and by email').check();
  await seller.getByTestId('kind-rating').getByLabel('Off').check();
  await seller.getByRole('button', { name: 'Save settings' }).click();
  await expect(seller.getByRole('status')).toHaveText('Saved.');
  await seller.reload();
  await expect(seller.getByTestId('kind-question').getByLabel('In the app and by email')).toBeChecked();
  await expect(seller.getByTestId('kind-rating').getByLabel('Off')).toBeChecked();
  await context.close();
});

test('a mail program\'s one-click unsubscribe (a POST with no Origin) is accepted', async ({ request }) => {
  const sellerToken = await tokenOf(request, 'coastal-dismantlers');
  const prefs = await request.get('/api/v1/me/notification-preferences', { headers: { authorization: `Bearer ${sellerToken}` } });
  expect(((await prefs.json()) as Record<string, string>).reservation).toBe('email');
  const title = `Golf VII reversing lamp ${Date.now()}`;
  const listing = await newListing(request, sellerToken, title);
  const buyerToken = await tokenOf(request, 'mia.jensen');
  expect((await request.post(`/api/v1/listings/${listing.id}/reservations`, { headers: { authorization: `Bearer ${buyerToken}` } })).status()).toBe(201);

  let mail: ParsedMail | undefined;
  await expect.poll(async () => (mail = await mailFor('coastal-dismantlers@demo.carparts.test', title)), { timeout: 20_000 }).toBeTruthy();
  const link = new URL(/^<([^>]+)>/.exec(header(mail!, 'List-Unsubscribe') ?? '')![1]!);
  expect(link.searchParams.get('kind')).toBe('reservation');
  const posted = await request.post(link.pathname + link.search, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(posted.status()).toBe(200);
  const after = await request.get('/api/v1/me/notification-preferences', { headers: { authorization: `Bearer ${sellerToken}` } });
  expect(((await after.json()) as Record<string, string>).reservation).toBe('in_app');
});
