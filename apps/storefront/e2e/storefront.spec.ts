import sharp from 'sharp';
import { expect, fillListingBasics, shot, signIn, test } from './fixtures';

const png = (color: string) => sharp({ create: { width: 640, height: 480, channels: 3, background: color } }).png().toBuffer();

test('a seller lists a part with two photos; a shopper finds it, checks fitment, asks and reserves; the sale completes and the buyer rates', async ({ browser }) => {
  const tag = Date.now().toString(36);
  const title = `Garrett turbo GT1749 ${tag}`;
  const sellerContext = await browser.newContext();
  const buyerContext = await browser.newContext();
  const seller = await sellerContext.newPage();
  const buyer = await buyerContext.newPage();

  // the seller signs up and lists a part
  await seller.goto('/signup');
  await seller.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await seller.getByLabel('sell parts').check();
  await seller.getByLabel('Username').fill(`yard-${tag}`);
  await seller.getByLabel('Name shown to others').fill(`Turbo Yard ${tag}`);
  await seller.getByLabel('Email').fill(`yard-${tag}@example.com`);
  await seller.getByLabel('Password').fill('a long seller passphrase');
  await seller.getByRole('button', { name: 'Create account' }).click();
  await expect(seller.getByRole('heading', { name: 'Seller dashboard' })).toBeVisible();

  await seller.getByRole('link', { name: 'List a part' }).click();
  await fillListingBasics(seller, { title, category: 'engine', condition: 'used_good', price: '450', make: 'VW', model: 'Golf', years: '2014' });
  await seller.getByLabel('Compatibility notes').fill('Fits 1.6 TDI engines, 2013–2016.');
  await seller.getByRole('button', { name: 'Create listing and add photos' }).click();
  await expect(seller.getByText('Listing created')).toBeVisible();

  await seller.getByLabel(/Add photos/).setInputFiles([
    { name: 'front.png', mimeType: 'image/png', buffer: await png('#2255aa') },
    { name: 'label.png', mimeType: 'image/png', buffer: await png('#aa5522') },
  ]);
  await expect(seller.getByTestId('photos').locator('img')).toHaveCount(2);
  await expect(seller.getByText('Primary photo')).toHaveCount(1);
  await seller.getByLabel('Caption').first().fill('Compressor side');
  await seller.getByRole('button', { name: 'Save' }).first().click();
  await expect(seller.getByLabel('Caption').first()).toHaveValue('Compressor side');
  await shot(seller, 'seller-photos');

  // a shopper searches with filters and opens the listing
  await signIn(buyer, 'alex.morgan');
  await buyer.goto('/');
  await buyer.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await buyer.getByLabel('Search', { exact: true }).fill('garrett');
  await buyer.getByLabel('Make').selectOption('Volkswagen');
  await expect(buyer.getByLabel('Model').locator('option', { hasText: 'Golf' })).toHaveCount(1);
  await buyer.getByLabel('Model').selectOption('Golf');
  await buyer.getByLabel('Year').selectOption('2014');
  await buyer.getByLabel('Category').selectOption('engine');
  await buyer.getByRole('button', { name: 'Search' }).click();
  await expect(buyer).toHaveURL(/make=Volkswagen/);
  await expect(buyer).toHaveURL(/category=engine/);
  await shot(buyer, 'search-results');
  await buyer.getByRole('link', { name: new RegExp(title) }).click();
  await expect(buyer).toHaveURL(/\/listings\/[a-z0-9]+$/);
  const listingUrl = buyer.url();
  await expect(buyer.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(buyer.getByRole('img', { name: 'Compressor side' })).toBeVisible();

  // fitment: the VIN year code agrees with 2014
  await buyer.getByLabel('Make', { exact: true }).fill('Volkswagen');
  await buyer.getByLabel('Model', { exact: true }).fill('Golf');
  await buyer.getByLabel('Year', { exact: true }).fill('2014');
  await buyer.getByLabel('Last 8 of VIN').fill('e1234567');
  await buyer.getByRole('button', { name: 'Check fitment' }).click();
  await expect(buyer.getByTestId('fitment-verdict')).toContainText('Fits your vehicle');
  await expect(buyer.getByText('Saved to your fitment checks.')).toBeVisible();
  // the form still holds what was typed, and checking again as shown works
  await expect(buyer.getByLabel('Make', { exact: true })).toHaveValue('Volkswagen');
  await expect(buyer.getByLabel('Year', { exact: true })).toHaveValue('2014');
  await expect(buyer.getByLabel('Last 8 of VIN')).toHaveValue('E1234567');
  await expect(buyer.getByLabel('Your question')).toHaveValue('');
  await buyer.getByRole('button', { name: 'Check fitment' }).click();
  await expect(buyer.getByTestId('fitment-verdict')).toContainText('Fits your vehicle');
  await expect(buyer.getByText('Must be a year')).toHaveCount(0);

  await buyer.getByLabel('Your question').fill('Does it come with the oil feed line?');
  await buyer.getByRole('button', { name: 'Send question' }).click();
  await expect(buyer.getByText('Question sent')).toBeVisible();

  await buyer.getByRole('button', { name: 'Reserve this part' }).click();
  // one confirmation, not two
  await expect(buyer.getByText(/Reserved for you until/)).toHaveCount(1);
  // the question box is empty again, not filled with a stray value
  await expect(buyer.getByLabel('Your question')).toHaveValue('');
  await buyer.reload();
  await expect(buyer.getByTestId('listing-status')).toHaveText('Reserved');
  await shot(buyer, 'listing-reserved');

  // the seller answers and confirms the sale
  await seller.goto('/sell/inbox');
  await seller.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await expect(seller.getByText('Does it come with the oil feed line?')).toBeVisible();
  await seller.getByLabel('Reply').fill('Yes, the feed line and gaskets are included.');
  await seller.getByRole('button', { name: 'Send reply' }).click();
  await expect(seller.getByText('Reply sent.')).toBeVisible();
  await seller.goto('/sell');
  const reservation = seller.getByTestId('reservation').filter({ hasText: title });
  await expect(reservation).toContainText('Alex Morgan');
  // an action that cannot be undone asks first
  await reservation.getByRole('button', { name: 'Confirm sale' }).click();
  await expect(seller.getByText('Sale confirmed')).toHaveCount(0);
  await reservation.getByRole('button', { name: 'Yes, confirm sale' }).click();
  await expect(seller.getByText('Sale confirmed')).toBeVisible();
  await shot(seller, 'seller-dashboard');

  // the buyer sees the answer and rates the seller
  await buyer.goto('/account');
  await expect(buyer.getByText('Yes, the feed line and gaskets are included.')).toBeVisible();
  const purchase = buyer.getByTestId('purchase').filter({ hasText: title });
  await expect(purchase).toContainText('Completed');
  await purchase.getByLabel('5★').check();
  await purchase.getByLabel('Review (optional)').fill('Quick answers, part as described.');
  await purchase.getByRole('button', { name: 'Submit rating' }).click();
  await expect(buyer.getByTestId('purchase').filter({ hasText: title }).getByTestId('rated')).toContainText('5★');
  await shot(buyer, 'account');

  await seller.goto('/sell/ratings');
  await expect(seller.getByText('Quick answers, part as described.')).toBeVisible();

  // and every shopper sees it on the seller's public page, linked from the listing
  await buyer.goto('/');
  await buyer.goto(listingUrl);
  await buyer.getByRole('link', { name: `Turbo Yard ${tag}` }).click();
  await expect(buyer.getByTestId('seller-summary')).toContainText('1 rating, 1 from verified purchases');
  await expect(buyer.getByText('Quick answers, part as described.')).toBeVisible();
  await sellerContext.close();
  await buyerContext.close();
});

test('failures reach people as clear messages in place', async ({ page }) => {
  await page.goto('/signin');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Username').fill('alex.morgan');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password');

  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin\?redirectTo=%2Faccount/);

  await signIn(page, 'priya.shah');
  await page.goto('/account');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password').fill('a brand new passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toHaveText('Your current password is not correct');
  await page.getByRole('button', { name: /Sign out/ }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();

  await signIn(page, 'northside-salvage');
  await page.goto('/sell/new');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Title').fill('ab');
  await page.getByLabel('Price').fill('abc');
  await page.getByRole('button', { name: 'Create listing and add photos' }).click();
  await expect(page.getByText('Please correct the highlighted fields')).toBeVisible();
  await expect(page.locator('#title-msg')).toHaveText('Must be at least 3 characters');
  await expect(page.getByText(/^Enter the price as a number, e\.g\. 45 or 45\.50/)).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue('ab');
  await shot(page, 'listing-form-errors');

  // someone else's listing, edited by URL
  await page.goto('/?make=Toyota');
  const foreign = await page.evaluate(async () => {
    const response = await fetch('/api/trpc/listings.search?input=' + encodeURIComponent(JSON.stringify({ json: { limit: 50 } })));
    const body = await response.json();
    return body.result.data.json.items.find((i: { seller: { username: string } }) => i.seller.username !== 'northside-salvage').id as string;
  });
  const response = await page.goto(`/sell/${foreign}/edit`);
  expect(response?.status()).toBe(403);
  await expect(page.getByText('This listing belongs to another seller')).toBeVisible();

  const missing = await page.goto('/listings/doesnotexist000000000000');
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'We could not find that' })).toBeVisible();
});

test('my vehicle is remembered while signed out and drives the fitment badge on every listing', async ({ page }) => {
  await page.goto('/');
  // a vehicle the catalogue has parts for
  const car = await page.evaluate(async () => {
    const response = await fetch('/api/trpc/listings.search?input=' + encodeURIComponent(JSON.stringify({ json: { limit: 50 } })));
    const items: { vehicleMake: string; vehicleModel: string; vehicleYear: number | null }[] = (await response.json()).result.data.json.items;
    return items.find((i) => i.vehicleYear !== null)!;
  });
  await page.goto('/vehicle');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Make').fill(car.vehicleMake);
  await page.getByLabel('Model').fill(car.vehicleModel);
  await page.getByLabel('Year').fill(String(car.vehicleYear));
  await page.getByLabel(/Last 8/).fill('IOQ');
  await page.getByRole('button', { name: 'Save my vehicle' }).click();
  await expect(page.getByText(/Must be the last 8 VIN characters/)).toBeVisible();
  await page.getByLabel(/Last 8/).fill('');
  await page.getByRole('button', { name: 'Save my vehicle' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();

  await page.goto('/?fits=1');
  await expect(page.getByLabel(`Only parts for my ${car.vehicleYear} ${car.vehicleMake} ${car.vehicleModel}`)).toBeChecked();
  const first = page.getByTestId('results').locator('a').first();
  await first.click();
  await expect(page).toHaveURL(/\/listings\//);
  await expect(page.getByTestId('fitment-verdict')).toBeVisible();
  await expect(page.getByTestId('fitment-verdict')).toContainText(/Fits your vehicle|May fit/);
});

test('phone-sized pages work and look right', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  const home = await page.goto('/');
  const headers = home!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  await expect(page.getByLabel('Search', { exact: true })).toBeVisible();
  await shot(page, 'home-phone');
  await page.getByText('Filters and sorting').click();
  await page.getByLabel('Category').selectOption('brakes');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/category=brakes/);
  await page.getByTestId('results').locator('a').first().click();
  await expect(page).toHaveURL(/\/listings\//);
  await expect(page.getByRole('button', { name: 'Reserve this part' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, 'listing-phone');
  await context.close();
});

test('cross-site posts are refused by the production build, whatever their content type', async ({ request, baseURL }) => {
  const evil = { origin: 'https://evil.example' };
  for (const [contentType, body] of [
    ['application/x-www-form-urlencoded', 'username=alex.morgan&password=x'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nalex\r\n--x--'],
    ['text/plain', 'username=alex.morgan'],
    ['TEXT/PLAIN', 'username=alex.morgan'],
  ] as const) {
    const response = await request.post(`${baseURL}/signin`, { headers: { ...evil, 'content-type': contentType }, data: body });
    expect(response.status(), contentType).toBe(403);
  }
  // JSON is not covered by SvelteKit's check; the API refuses cross-origin mutations itself when a cookie rides along
  const json = await request.post(`${baseURL}/api/trpc/auth.signOut`, { headers: { ...evil, 'content-type': 'application/json', cookie: 'session=a.b' }, data: '{"json":null}' });
  expect(json.status()).toBe(403);
});
