import { expectAccessible } from '@carparts/kit/e2e';
import { expect, test, type Page } from '@playwright/test';

const STOREFRONT = 'http://localhost:4175';
const DEMO_PASSWORD = 'partsdemo-2026';

const consoleErrors: string[] = [];
test.beforeEach(({ page }) => {
  consoleErrors.length = 0;
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (401|403|404)/.test(m.text())) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});
test.afterEach(() => expect(consoleErrors, 'console errors').toEqual([]));

async function consoleSignIn(page: Page, username: string, password: string) {
  await page.goto('/signin');
  // typed before hydration, a value is replaced when the page comes alive
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function storefrontSignIn(page: Page, username: string) {
  await page.goto(`${STOREFRONT}/signin`);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
}

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

test('a seller is refused and sees nothing of the console', async ({ page }) => {
  await consoleSignIn(page, 'northside-salvage', DEMO_PASSWORD);
  await expect(page.getByRole('alert')).toHaveText('This console is for operators only. Buyers and sellers use the storefront.');
  const response = await page.goto('/listings');
  expect(page.url()).toMatch(/\/signin/);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('table')).toHaveCount(0);
});

test('an operator moderates a listing, suspends a user, reviews fitment, and every action is in the audit log', async ({ page, browser }) => {
  await consoleSignIn(page, 'ops-e2e', 'operator e2e passphrase');
  await expect(page.getByRole('heading', { name: 'Marketplace at a glance' })).toBeVisible();
  await expect(page.getByTestId('active-listings')).not.toHaveText('0');
  await shot(page, 'dashboard');

  // remove an active listing of a demo seller
  await page.goto('/users?q=maria.gonzalez');
  const mariaId = (await page.getByTestId('user-row').first().getByRole('link').getAttribute('href'))!.split('/').pop();
  await page.goto(`/listings?seller=${mariaId}&status=active`);
  const row = page.getByTestId('listing-row').first();
  const title = (await row.locator('a').first().textContent())!.trim();
  await row.locator('a').first().click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const listingUrl = page.url();
  const listingId = listingUrl.split('/').pop()!;
  await page.getByLabel('Reason (the seller sees it)').fill('Photos show a different part than the title');
  await page.getByRole('button', { name: 'Remove listing' }).click();
  await expect(page.getByText('Done. The action is in the audit log.')).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText('Removed by the marketplace');
  await shot(page, 'listing-removed');

  // the storefront no longer lists it, and its seller sees why
  const search = await page.request.get(`${STOREFRONT}/api/trpc/listings.search?input=${encodeURIComponent(JSON.stringify({ json: { q: title.split(' – ')[0], limit: 50 } }))}`);
  const items = (await search.json()).result.data.json.items as { id: string }[];
  expect(items.map((i) => i.id)).not.toContain(listingId);
  const sellerContext = await browser.newContext();
  const seller = await sellerContext.newPage();
  await storefrontSignIn(seller, 'maria.gonzalez');
  await seller.goto(`${STOREFRONT}/listings/${listingId}`);
  await expect(seller.getByText('Removed by the marketplace: Photos show a different part than the title')).toBeVisible();
  await sellerContext.close();

  // a buyer signed in on the storefront is suspended: their open session stops working at once
  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  await storefrontSignIn(buyer, 'diego.ramos');
  await buyer.goto(`${STOREFRONT}/account`);
  await expect(buyer.getByRole('heading', { name: 'Hello, Diego Ramos' })).toBeVisible();
  await page.goto('/users?q=diego');
  await page.getByTestId('user-row').first().getByRole('link').click();
  await page.getByLabel('Reason').last().fill('Chargeback fraud reported by two sellers');
  await page.getByRole('button', { name: 'Suspend account' }).click();
  await expect(page.getByText('Suspended: their sessions ended at once')).toBeVisible();
  await expect(page.getByTestId('user-status')).toHaveText('suspended');
  await buyer.goto(`${STOREFRONT}/account`);
  await expect(buyer).toHaveURL(/\/signin/);
  await buyer.getByLabel('Username').fill('diego.ramos');
  await buyer.getByLabel('Password').fill(DEMO_PASSWORD);
  await buyer.getByRole('button', { name: 'Sign in' }).click();
  await expect(buyer.getByRole('alert')).toContainText('suspended');
  await buyerContext.close();

  // fitment: review the first open problem
  await page.goto('/fitment');
  const log = page.getByTestId('fitment-log').first();
  await log.getByLabel('Review note').fill('Listing data checked against the VIN decoder');
  await log.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(page.getByText('Marked reviewed.')).toBeVisible();
  await shot(page, 'fitment');

  // the unanswered inquiries surface, oldest first, with their age in words
  await page.goto('/inquiries?status=open&sort=oldest');
  await expect(page.getByTestId('inquiry').first()).toBeVisible();
  await expect(page.getByTestId('inquiry-age').first()).toHaveText(/waiting \d+ (minutes?|hours?|days?|months?)$/);
  await expect(page.getByTestId('inquiry-age').first()).not.toHaveText(/\d+ h\b/);

  // every action above is in the audit log, with who, what it was done to and why, in words
  await page.goto('/audit');
  const rows = page.getByTestId('audit-row');
  const removal = rows.filter({ hasText: 'Removed a listing' });
  await expect(removal).toContainText('Photos show a different part than the title');
  await expect(removal.getByTestId('audit-target')).toHaveText(title);
  await expect(removal.getByTestId('audit-change')).toHaveText('Status: for sale → removed by the marketplace');
  const suspension = rows.filter({ hasText: 'Suspended an account' });
  await expect(suspension).toContainText('Chargeback fraud reported by two sellers');
  await expect(suspension.getByTestId('audit-target')).toHaveText('Diego Ramos (diego.ramos)');
  await expect(suspension.getByTestId('audit-change')).toHaveText('Status: active → suspended');
  await expect(rows.filter({ hasText: 'Reviewed a fitment check' })).toContainText('Listing data checked against the VIN decoder');
  await expect(page.locator('main')).not.toContainText('{"');
  await expect(rows.first()).toContainText('Olivia Ops');
  await shot(page, 'audit');
});

test('every console page passes an accessibility audit', async ({ page }) => {
  await page.goto('/signin');
  await expectAccessible(page);
  await consoleSignIn(page, 'ops-e2e', 'operator e2e passphrase');
  await expect(page.getByRole('heading', { name: 'Marketplace at a glance' })).toBeVisible();
  await page.goto('/listings');
  const listing = await page.getByTestId('listing-row').first().locator('a').first().getAttribute('href');
  await page.goto('/users');
  const user = await page.getByTestId('user-row').first().getByRole('link').getAttribute('href');
  for (const path of ['/', '/listings', listing!, '/inquiries', '/fitment', '/users', user!, '/audit']) {
    await page.goto(path);
    await expectAccessible(page);
  }
});

test('the dashboard counts and the inquiries queue follow the marketplace without reloading', async ({ page, request }) => {
  await consoleSignIn(page, 'ops-e2e', 'operator e2e passphrase');
  await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
  await page.goto('/');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const openCount = page.getByTestId('open-inquiries');
  const before = Number(await openCount.innerText());

  // a buyer asks a question through the storefront's REST door, as any tool could
  const signIn = await request.post(`${STOREFRONT}/api/v1/auth/sign-in`, { data: { username: 'emma.schulz', password: DEMO_PASSWORD } });
  const { token } = (await signIn.json()) as { token: string };
  const found = await request.get(`${STOREFRONT}/api/v1/listings?make=VW&limit=1`);
  const [listing] = ((await found.json()) as { items: { id: string }[] }).items;
  const asked = await request.post(`${STOREFRONT}/api/v1/listings/${listing!.id}/inquiries`, { headers: { authorization: `Bearer ${token}` }, data: { message: 'Live question for the console' } });
  expect(asked.status()).toBe(201);

  await expect(openCount).toHaveText(String(before + 1));
  await page.goto('/inquiries?status=open&sort=newest');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const second = await request.post(`${STOREFRONT}/api/v1/listings/${listing!.id}/inquiries`, { headers: { authorization: `Bearer ${token}` }, data: { message: 'A second live question' } });
  expect(second.status()).toBe(201);
  await expect(page.getByText('A second live question')).toBeVisible();
  await expect(page.getByText('Live updates paused')).toHaveCount(0);
});

test('an operator takes a listing down, and it leaves a shopper\'s open search results and listing page without a reload', async ({ page, browser, request }) => {
  // a fresh listing of a demo seller, found by its own words
  const signIn = await request.post(`${STOREFRONT}/api/v1/auth/sign-in`, { data: { username: 'euro-parts-yard', password: DEMO_PASSWORD } });
  expect(signIn.status()).toBe(200);
  const { token } = (await signIn.json()) as { token: string };
  const title = `Passat B8 fog lamp grille ${Date.now()}`;
  const created = await request.post(`${STOREFRONT}/api/v1/listings`, {
    headers: { authorization: `Bearer ${token}` },
    data: { title, partCategory: 'body_panels', condition: 'used_good', priceCents: 1900, currency: 'EUR', vehicleMake: 'VW', vehicleModel: 'Passat', vehicleYear: 2016 },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const shopperContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const results = await shopperContext.newPage();
  await results.goto(`${STOREFRONT}/?q=${encodeURIComponent('fog lamp grille')}`);
  await results.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const card = results.getByTestId('results').getByRole('link', { name: new RegExp(title) });
  await expect(card).toBeVisible();
  const listingPage = await shopperContext.newPage();
  await listingPage.goto(`${STOREFRONT}/listings/${id}`);
  await listingPage.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await expect(listingPage.getByTestId('listing-status')).toHaveText('For sale');

  await consoleSignIn(page, 'ops-e2e', 'operator e2e passphrase');
  await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
  await page.goto(`/listings/${id}`);
  await page.getByLabel('Reason (the seller sees it)').fill('Counterfeit part');
  await page.getByRole('button', { name: 'Remove listing' }).click();
  await expect(page.getByText('Done. The action is in the audit log.')).toBeVisible();

  await expect(card).toHaveCount(0);
  await expect(listingPage.getByTestId('listing-status')).toHaveText('For sale');
  await expect(listingPage.getByTestId('listing-gone')).toHaveText('This part is no longer available: its listing was withdrawn or taken down.');
  await expect(listingPage.getByRole('button', { name: 'Reserve this part' })).toHaveCount(0);
  await shopperContext.close();
});

test('an operator marks a seller as a verified business, and shoppers see the badge on the seller\'s page; it is in the audit log', async ({ page, browser, request }) => {
  const signIn = await request.post(`${STOREFRONT}/api/v1/auth/sign-in`, { data: { username: 'truck-parts-depot', password: DEMO_PASSWORD } });
  const { user } = (await signIn.json()) as { user: { id: string } };

  const shopper = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await shopper.goto(`${STOREFRONT}/sellers/${user.id}`);
  await expect(shopper.getByTestId('seller-trust')).not.toContainText('Verified business');
  await expect(shopper.getByTestId('seller-trust')).toContainText(/completed sale|no completed sales yet/);

  await consoleSignIn(page, 'ops-e2e', 'operator e2e passphrase');
  await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
  await page.goto(`/users/${user.id}`);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Mark as verified business' }).click();
  // the reason is required, in words, and nothing changed
  await expect(page.getByLabel('Reason').last()).toHaveJSProperty('validity.valueMissing', true);
  await page.locator('#verify-reason').fill('Trade register entry checked');
  await page.getByRole('button', { name: 'Mark as verified business' }).click();
  await expect(page.getByRole('status')).toHaveText('Marked as a verified business: buyers now see the badge.');
  await expect(page.getByTestId('verified-state')).toContainText('Verified business since');

  await shopper.reload();
  await expect(shopper.getByTestId('seller-trust').getByText('Verified business')).toBeVisible();
  await page.goto(`/audit?target=${user.id}`);
  await expect(page.getByText('Trade register entry checked')).toBeVisible();
});
