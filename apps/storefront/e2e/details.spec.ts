import sharp from 'sharp';
import { expect, expectAccessible, fillListingBasics, fullyVisible, shot, signIn, test } from './fixtures';

const PHONE = { width: 360, height: 740 };

/** A listing of the demo catalogue with a photo, found through the API as any tool would. */
async function demoListing(page: import('@playwright/test').Page) {
  return page.evaluate(async () => {
    const response = await fetch('/api/trpc/listings.search?input=' + encodeURIComponent(JSON.stringify({ json: { limit: 50 } })));
    const items: { id: string; primaryPhoto: { caption: string | null } | null; seller: { id: string; ratings: { count: number } } }[] = (await response.json()).result.data.json.items;
    // one with a photo and a rated seller, so every part of the page has something to show
    return items.find((i) => i.primaryPhoto && i.seller.ratings.count > 0)!;
  });
}

test.describe('on a 360-px phone', () => {
  test.use({ viewport: PHONE });

  test('the first result is on the first screen of the home page', async ({ page }) => {
    await page.goto('/');
    const first = page.getByTestId('results').locator('a').first();
    await expect(first).toBeVisible();
    const box = (await first.boundingBox())!;
    expect(box.y).toBeLessThan(PHONE.height - 80);
    expect(await fullyVisible(page, page.getByRole('banner'))).toBe(true);
    await shot(page, 'phone-home');
  });

  test('a listing page shows the photo across the screen, and the title, price and Reserve in full', async ({ page }) => {
    await page.goto('/');
    const listing = await demoListing(page);
    await page.goto(`/listings/${listing.id}`);
    const photo = page.getByTestId('main-photo');
    await expect(photo).toBeVisible();
    expect((await photo.boundingBox())!.width).toBeGreaterThan(PHONE.width * 0.85);
    expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    for (const element of [page.getByRole('heading', { level: 1 }), page.getByTestId('listing-price'), page.getByRole('button', { name: 'Reserve this part' })]) {
      await element.scrollIntoViewIfNeeded();
      await expect(element).toBeVisible();
      expect(await fullyVisible(page, element)).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await shot(page, 'phone-listing');
  });

  test("the seller dashboard shows a readable card per listing", async ({ page }) => {
    await signIn(page, 'northside-salvage');
    await page.goto('/sell');
    const cards = page.getByTestId('my-listing');
    expect(await cards.count()).toBeGreaterThan(3);
    for (const card of (await cards.all()).slice(0, 5)) {
      const title = card.locator('a.title');
      expect((await title.boundingBox())!.width).toBeGreaterThan(150);
      expect(await fullyVisible(page, card)).toBe(true);
    }
    // a card is a few lines, not a column of one word per line
    const heights = await cards.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(200);
    await shot(page, 'phone-seller-dashboard');
  });
});

test('new-listing errors are sentences a person understands, and the form keeps its size', async ({ page }) => {
  await signIn(page, 'northside-salvage');
  await page.goto('/sell/new');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Title').fill('Door mirror, left');
  const heightBefore = (await page.locator('main form').boundingBox())!.height;
  await page.getByRole('button', { name: 'Create listing and add photos' }).click();
  await expect(page.getByText('Choose a category')).toBeVisible();
  await expect(page.getByText('Choose the condition')).toBeVisible();
  await expect(page.getByText('Please correct the highlighted fields')).toBeVisible();
  await expect(page.locator('main')).not.toContainText('expected one of');
  await expect(page.locator('main')).not.toContainText('Invalid');
  // the messages take a line each beside their fields; the form does not grow by screens
  expect((await page.locator('main form').boundingBox())!.height - heightBefore).toBeLessThan(250);
  await expect(page.getByLabel('Title')).toHaveValue('Door mirror, left');
});

test('prices in a currency without cents are stored and shown as typed', async ({ page }) => {
  await signIn(page, 'northside-salvage');
  await page.goto('/sell/new');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const title = `Kei car alternator ${Date.now().toString(36)}`;
  await fillListingBasics(page, { title, category: 'electrical', condition: 'used_good', price: '5000', currency: 'JPY', make: 'Suzuki', model: 'Alto', years: '2015' });
  await page.getByRole('button', { name: 'Create listing and add photos' }).click();
  await page.getByRole('link', { name: 'View listing' }).click();
  await expect(page.getByTestId('listing-price')).toHaveText('¥5,000');
  await page.getByRole('link', { name: 'Edit listing' }).click();
  await expect(page.getByLabel('Price')).toHaveValue('5000');
});

test('"only parts for my vehicle" agrees with the verdict, and the menus show what was saved however it was typed', async ({ page }) => {
  await page.goto('/vehicle');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Make').fill('Mercedes');
  await page.getByLabel('Model').fill('C Class');
  await page.getByLabel('Year').fill('2015');
  await page.getByRole('button', { name: 'Save my vehicle' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();

  await page.goto('/?fits=1');
  await expect(page.getByLabel('Make')).toHaveValue('Mercedes-Benz');
  await expect(page.getByLabel('Model')).toHaveValue('C-Class');
  const results = page.getByTestId('results').locator('a');
  expect(await results.count()).toBeGreaterThan(0);
  const hrefs = await results.evaluateAll((links) => links.slice(0, 4).map((a) => a.getAttribute('href')!));
  for (const href of hrefs) {
    await page.goto(href);
    await expect(page.getByTestId('fitment-verdict')).toContainText(/Fits your vehicle|May fit/);
  }

  await page.goto('/?make=VW');
  await expect(page.getByLabel('Make')).toHaveValue('Volkswagen');
});

test('the search box finds what the filters know: its own example, aliases and synonyms', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByLabel('Search', { exact: true })).toHaveAttribute('placeholder', /alternator golf/);
  for (const q of ['alternator golf', 'vw', 'chevy']) {
    await page.goto(`/?q=${encodeURIComponent(q)}`);
    await expect(page.getByTestId('results').locator('a').first(), q).toBeVisible();
    await expect(page.getByTestId('result-count')).toHaveText(/^\d[\d,]* parts?/);
  }
});

test('search explains itself: counts, previous page, a minimum above the maximum, prices in one currency', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('result-count')).toHaveText(/^\d[\d,]* parts$/);
  const firstTitle = await page.getByTestId('results').locator('h3').first().textContent();
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page.getByTestId('result-count')).toContainText('page 2');
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page.getByTestId('result-count')).toContainText('page 3');
  await page.getByRole('link', { name: 'Previous page' }).click();
  await expect(page.getByTestId('result-count')).toContainText('page 2');
  await page.getByRole('link', { name: 'Previous page' }).click();
  await expect(page.getByTestId('result-count')).not.toContainText('page');
  await expect(page.getByTestId('results').locator('h3').first()).toHaveText(firstTitle!);

  await page.goto('/?min=200&max=50');
  await expect(page.getByText('The maximum price was below the minimum, so only the minimum was applied.')).toBeVisible();
  await expect(page.getByText(/Prices compared in USD/)).toBeVisible();
});

test('shoppers see words, not codes; ratings to the half star; photos open full size', async ({ page }) => {
  await page.goto('/');
  const listing = await demoListing(page);
  await page.goto(`/listings/${listing.id}`);
  await expect(page.getByTestId('listing-status')).toHaveText('For sale');
  await expect(page.locator('p.caption')).not.toHaveText(/^\s*·/);
  const fullSize = page.getByRole('link', { name: 'Open full size' });
  await expect(fullSize).toHaveAttribute('href', /^\/photos\/[a-z0-9]+\.webp$/);
  expect((await page.request.get(await fullSize.getAttribute('href') as string)).headers()['content-type']).toBe('image/webp');
  const stars = page.locator('.stars').first();
  const rating = Number(await stars.getAttribute('data-rating'));
  expect(rating).toBeGreaterThan(0);
  const filled = await stars.evaluate((el) => (el.querySelector('.fill') as HTMLElement).getBoundingClientRect().width / el.getBoundingClientRect().width);
  expect(filled).toBeCloseTo(rating / 5, 1);
  await expect(stars).toHaveAttribute('aria-label', `Rated ${rating.toFixed(1)} out of 5`);

  // the seller's page leads to every part they sell
  await page.goto(`/sellers/${listing.seller.id}`);
  await page.getByRole('link', { name: /^See all \d+ parts from/ }).click();
  await expect(page).toHaveURL(/seller=/);
  await expect(page.getByText(/^Parts from/)).toBeVisible();
  await expect(page.getByTestId('result-count')).toHaveText(/^\d+ parts/);
});

test('a seller is not offered Reserve, and saving a caption says so', async ({ page }) => {
  await signIn(page, 'northside-salvage');
  await page.goto('/');
  const foreign = await page.evaluate(async () => {
    const response = await fetch('/api/trpc/listings.search?input=' + encodeURIComponent(JSON.stringify({ json: { limit: 50 } })));
    const items: { id: string; seller: { username: string } }[] = (await response.json()).result.data.json.items;
    return items.find((i) => i.seller.username !== 'northside-salvage')!.id;
  });
  await page.goto(`/listings/${foreign}`);
  await expect(page.getByRole('button', { name: 'Reserve this part' })).toHaveCount(0);
  await expect(page.getByText(/Reserving is for buyer accounts/)).toBeVisible();

  await page.goto('/sell');
  await page.getByTestId('my-listing').first().getByRole('link', { name: 'Photos' }).click();
  if ((await page.getByLabel('Caption').count()) === 0) {
    const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#446688' } }).png().toBuffer();
    await page.getByLabel(/Add photos/).setInputFiles([{ name: 'a.png', mimeType: 'image/png', buffer: png }]);
  }
  await page.getByLabel('Caption').first().fill('Mounting bracket side');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.getByText('Saved ✓')).toBeVisible();
});

test('pages are sent compressed', async ({ request, baseURL }) => {
  const home = await request.get(`${baseURL}/`, { headers: { 'accept-encoding': 'br, gzip' } });
  expect(home.headers()['content-encoding']).toMatch(/^(br|gzip)$/);
  const api = await request.get(`${baseURL}/api/trpc/listings.search?input=${encodeURIComponent(JSON.stringify({ json: { limit: 50 } }))}`, { headers: { 'accept-encoding': 'gzip' } });
  expect(api.headers()['content-encoding']).toBe('gzip');
});

test('the route guard goes by the route, however the path is spelled', async ({ page, request, baseURL }) => {
  for (const path of ['/%73ell/ratings', '/s%65ll', '/%61ccount']) {
    const response = await request.get(`${baseURL}${path}`, { maxRedirects: 0 });
    expect(response.status(), path).toBe(303);
    expect(response.headers().location, path).toMatch(/^\/signin\?redirectTo=/);
  }
  await signIn(page, 'alex.morgan');
  const asBuyer = await page.request.get(`${baseURL}/%73ell/ratings`, { maxRedirects: 0 });
  expect(asBuyer.status()).toBe(303);
  expect(asBuyer.headers().location).toBe('/account?notice=seller-only');
});

test('sign-in never sends people to another site', async ({ browser, baseURL }) => {
  for (const target of ['%2F%09%2Fevil.example', '%2F%5Cevil.example', '%2F%2Fevil.example', 'https%3A%2F%2Fevil.example']) {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await page.goto(`/signin?redirectTo=${target}`);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByLabel('Username').fill('alex.morgan');
    await page.getByLabel('Password').fill('partsdemo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    await context.close();
  }
});

test('every page passes an accessibility audit', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  const listing = await demoListing(page);
  const anonymous = ['/', `/?q=alternator`, `/listings/${listing.id}`, `/sellers/${listing.seller.id}`, '/signin', '/signup', '/vehicle', '/listings/doesnotexist000000000000', `/unsubscribe?token=${'x'.repeat(32)}&kind=question`];
  for (const path of anonymous) {
    await page.goto(path);
    await expectAccessible(page);
  }
  await signIn(page, 'alex.morgan');
  for (const path of ['/account', `/listings/${listing.id}`, '/notifications', '/notifications/settings', '/saved']) {
    await page.goto(path);
    await expectAccessible(page);
  }
  await page.getByRole('button', { name: /Sign out/ }).click();
  await signIn(page, 'northside-salvage');
  await page.goto('/sell');
  const mine = await page.getByTestId('my-listing').first().locator('a.title').getAttribute('href');
  const id = mine!.split('/').pop();
  for (const path of ['/sell', '/sell/new', '/sell/import', `/sell/${id}/edit`, `/sell/${id}/photos`, '/sell/inbox', '/sell/ratings', '/account', '/notifications', '/notifications?show=unread']) {
    await page.goto(path);
    await expectAccessible(page);
  }
});

test('a long conversation can be read whole from the account page', async ({ page }) => {
  await signIn(page, 'alex.morgan');
  const listing = await demoListing(page);
  const inquiryId = await page.evaluate(async (listingId) => {
    const call = (path: string, input: unknown) =>
      fetch(`/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: input }) }).then((r) => r.json());
    const created = await call('inquiries.create', { listingId, message: 'Question 0: is the part still available?' });
    const id = created.result.data.json.id as string;
    for (let i = 1; i <= 14; i++) await call('inquiries.reply', { inquiryId: id, message: `Follow-up ${i}` });
    return id;
  }, listing.id);
  await page.goto('/account');
  const link = page.getByRole('link', { name: /Read the whole conversation \(4 earlier messages\)/ });
  await expect(link).toBeVisible();
  const message = (n: number) => page.locator('p.message', { hasText: new RegExp(`Follow-up ${n}$`) });
  await expect(message(14)).toBeVisible();
  await expect(message(1)).toHaveCount(0);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/inquiries/${inquiryId}$`));
  for (const n of [1, 4, 14]) await expect(message(n)).toBeVisible();
  await expect(page.locator('p.message')).toHaveCount(15);
  await expectAccessible(page);
});

test('a seller states returns, warranty, core charge, donor mileage and damage; the listing shows them and the warranty filter finds it', async ({ page }) => {
  await signIn(page, 'mile-high-recyclers');
  await page.goto('/sell/new');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const title = `Alternator 140A, rebuilt, Golf VI ${Date.now()}`;
  await fillListingBasics(page, { title, category: 'electrical', condition: 'used_fair', price: '180', make: 'VW', model: 'Golf', years: '2010' });
  await page.getByLabel('Returns').selectOption('30');
  await page.getByLabel('Warranty').selectOption('365');
  await page.getByLabel(/Core charge/).fill('45');
  await page.getByLabel(/Mileage of the donor vehicle/).fill('100,000');
  await page.getByLabel('Unit of the mileage').selectOption('mi');
  await page.getByLabel('Damage notes').fill('Pulley has light scratches');
  await page.getByRole('button', { name: 'Create listing and add photos' }).click();
  await expect(page.getByText('Listing created')).toBeVisible();

  const id = /\/sell\/(\w+)\/photos/.exec(page.url())![1]!;
  await page.goto(`/listings/${id}`);
  await expect(page.getByTestId('returns')).toHaveText('Returns within 30 days');
  await expect(page.getByTestId('warranty')).toHaveText('1-year warranty');
  await expect(page.getByTestId('core-charge')).toHaveText('$45.00, refunded when you return the old part');
  await expect(page.getByTestId('donor-mileage')).toHaveText('160,934 km (100,000 mi)');
  await expect(page.getByTestId('damage-notes')).toHaveText('Pulley has light scratches');

  await page.goto(`/?q=${encodeURIComponent('alternator rebuilt')}`);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('With a warranty').check();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/warranty=1/);
  await expect(page.getByTestId('results').getByRole('link', { name: new RegExp(title) })).toBeVisible();
});

test('a yard imports a CSV: the bad row is reported by line and column, fixed, and the parts are listed; a second upload updates', async ({ page }) => {
  await signIn(page, 'valley-salvage');
  await page.goto('/sell');
  await page.getByRole('link', { name: 'Import a CSV' }).click();
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const stamp = Date.now();
  const header = 'stock_number,title,category,condition,price,currency,make,model,year_from,year_to,oem_numbers,notes,returns_days,warranty_days';
  const rows = Array.from({ length: 200 }, (_, i) => `V${stamp}-${i},Yard part ${stamp} number ${i},brakes,used_good,${10 + i}.00,USD,Ford,Focus,2012,2014,,,30,90`);
  rows[41] = `V${stamp}-41,Yard part ${stamp} number 41,brakes,used_good,ten dollars,USD,Ford,Focus,2012,2014,,,30,90`;
  const file = (lines: string[]) => ({ name: 'stock.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...lines].join('\n')) });

  await page.getByLabel('CSV file').setInputFiles(file(rows));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByTestId('import-result').getByRole('heading')).toHaveText('1 row needs fixing');
  const error = page.getByTestId('import-errors').getByRole('row').nth(1);
  await expect(error).toContainText('43');
  await expect(error).toContainText(`V${stamp}-41`);
  await expect(error).toContainText('price');

  rows[41] = `V${stamp}-41,Yard part ${stamp} number 41,brakes,used_good,51.00,USD,Ford,Focus,2012,2014,,,30,90`;
  await page.getByLabel('CSV file').setInputFiles(file(rows));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByTestId('import-result').getByRole('heading')).toHaveText('Ready: 200 new, 0 updated');
  await page.getByRole('button', { name: 'Import 200 parts' }).click();
  await expect(page.getByTestId('import-result').getByRole('heading')).toHaveText('Imported: 200 new, 0 updated', { timeout: 30_000 });

  await page.goto(`/?q=${encodeURIComponent(`yard part ${stamp}`)}`);
  await expect(page.getByTestId('result-count')).toContainText('200 parts');

  await page.goto('/sell/import');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('CSV file').setInputFiles(file(rows));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByTestId('import-result').getByRole('heading')).toHaveText('Ready: 0 new, 200 updated');
});
