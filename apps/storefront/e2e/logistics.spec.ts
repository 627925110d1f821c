import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, fillListingBasics, fullyVisible, signIn, test } from './fixtures';

const PASSWORD = 'a long logistics passphrase';

/** A new account made through REST, as a tool would; the test then signs in as it in the browser. */
async function signUp(request: APIRequestContext, username: string, role: 'buyer' | 'seller', displayName: string) {
  const response = await request.post('/api/v1/auth/sign-up', { data: { username, email: `${username}@example.test`, password: PASSWORD, role, displayName } });
  expect(response.status()).toBe(201);
}

/** Sets where the signed-in person is, from the account page's town field. */
async function setTown(page: Page, town: string, expected: string, postalCode = '') {
  await page.goto('/account');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const form = page.getByTestId('location-form');
  await form.getByLabel('Town').fill(town);
  // the list offers the gazetteer's towns as the person types
  await expect(page.locator('#town-places option').first()).toHaveAttribute('value', expected);
  await form.getByLabel('Town').fill(expected);
  await form.getByLabel('Postal code').fill(postalCode);
  await form.getByRole('button', { name: 'Save location' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await page.reload();
  await expect(page.getByTestId('location-form').getByLabel('Town')).toHaveValue(expected);
}

/** On a phone the filters fold away under their heading; on a desktop they are always open. */
async function openFilters(page: Page) {
  const summary = page.getByText('Filters and sorting');
  if (await summary.isVisible()) await summary.click();
}

async function browserAs(browser: Browser, username: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, username, PASSWORD);
  return { context, page };
}

test('a yard in Lyon imports 200 parts; a buyer 38 km away finds one within 50 km and reserves it for pickup; a buyer in Germany finds what ships there and reserves it shipped, with the total', async ({ page, request, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const yard = `rhone-${stamp}`;
  const nearBuyer = `isere-${stamp}`;
  const farBuyer = `munich-${stamp}`;
  await signUp(request, yard, 'seller', `Rhône Recyclage ${stamp}`);
  await signUp(request, nearBuyer, 'buyer', 'Camille Near');
  await signUp(request, farBuyer, 'buyer', 'Anna Weber');

  // the yard says where it is, then imports its stock: pickup at the yard, shipped in France and to Germany and Belgium
  await signIn(page, yard, PASSWORD);
  await setTown(page, 'Lyo', 'Lyon, France', '69003');
  await page.goto('/sell/import');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const header = 'stock_number,title,category,condition,price,currency,make,model,year_from,year_to,pickup,pickup_notes,shipping,ship_domestic,ship_countries,ship_countries_price,handling_days';
  const row = (i: number, countries = 'DE; BE') => `R${stamp}-${i},Rhône part ${stamp} no ${i},brakes,used_good,${20 + i}.00,EUR,Renault,Megane,2010,2015,yes,Ask at the gate,priced,9.00,${countries},24.50,2`;
  const rows = Array.from({ length: 200 }, (_, i) => row(i));
  rows[9] = row(9, 'DE; Germany');
  const file = (lines: string[]) => ({ name: 'stock.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...lines].join('\n')) });
  await page.getByLabel('CSV file').setInputFiles(file(rows));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByTestId('import-result').getByRole('heading')).toHaveText('1 row needs fixing');
  const error = page.getByTestId('import-errors').getByRole('row').nth(1);
  await expect(error).toContainText('11');
  await expect(error).toContainText('ship_countries');
  await expect(error).toContainText('Not a country code');
  rows[9] = row(9);
  await page.getByLabel('CSV file').setInputFiles(file(rows));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByTestId('import-result').getByRole('heading')).toHaveText('Ready: 200 new, 0 updated');
  await page.getByRole('button', { name: 'Import 200 parts' }).click();
  await expect(page.getByTestId('import-result').getByRole('heading')).toHaveText('Imported: 200 new, 0 updated', { timeout: 60_000 });

  // a buyer in Bourgoin-Jallieu, 38 km east of Lyon: "within 50 km" measured from home
  const near = await browserAs(browser, nearBuyer);
  await setTown(near.page, 'Bourgoin', 'Bourgoin-Jallieu, France');
  await near.page.goto(`/?q=${encodeURIComponent(`Rhône part ${stamp}`)}&sort=price_asc&currency=EUR`);
  await near.page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await openFilters(near.page);
  await near.page.getByLabel('Distance').selectOption('50');
  await near.page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(near.page).toHaveURL(/km=50/);
  await expect(near.page.getByTestId('distance-note')).toHaveText('Within 50 km of Bourgoin-Jallieu, France');
  await expect(near.page.getByTestId('result-count')).toContainText('200 parts');
  const card = near.page.getByTestId('results').getByRole('link', { name: new RegExp(`Rhône part ${stamp} no 7\\b`) });
  await expect(card.getByTestId('card-distance')).toHaveText('38 km');
  await expect(card.getByTestId('card-where')).toContainText('Lyon, FR');
  await card.click();
  await expect(near.page.getByTestId('listing-location')).toContainText('Lyon 69003, France');
  await expect(near.page.getByTestId('listing-distance')).toContainText('38 km from Bourgoin-Jallieu, France');
  await expect(near.page.getByTestId('pickup')).toHaveText('Yes — Ask at the gate');
  await near.page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  // pickup is the default; the address is asked only for shipping
  await expect(near.page.getByLabel(/Pick it up in Lyon/)).toBeChecked();
  await expect(near.page.getByTestId('ship-address')).toBeHidden();
  await near.page.getByRole('button', { name: 'Reserve this part' }).click();
  await expect(near.page.getByTestId('my-purchase')).toContainText('Reserved for you');
  const terms = near.page.getByTestId('deal-terms');
  await expect(terms.getByTestId('deal-fulfilment')).toHaveText('Pickup in Lyon 69003, France');
  await expect(terms.getByTestId('deal-total')).toHaveText('€27.00');
  await expect(terms.getByTestId('next-steps').getByRole('listitem').first()).toContainText('Arrange a time to collect the part');

  // the yard sees the reservation with its own next steps
  await page.goto('/sell');
  const reservation = page.getByTestId('reservation').filter({ hasText: `Rhône part ${stamp} no 7` });
  await expect(reservation.getByTestId('deal-fulfilment')).toHaveText('Pickup');
  await expect(reservation.getByTestId('next-steps')).toContainText('Agree a time for the buyer to collect the part');

  // a buyer in Munich, on a phone: "ships to Germany", then shipped at the listed countries' price
  const far = await browserAs(browser, farBuyer, { width: 390, height: 844 });
  await setTown(far.page, 'Munich', 'Munich, Germany');
  await far.page.goto(`/?q=${encodeURIComponent(`Rhône part ${stamp}`)}&sort=price_asc&currency=EUR`);
  await far.page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await openFilters(far.page);
  await far.page.getByLabel('Ships to').selectOption('DE');
  await far.page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(far.page).toHaveURL(/shipsTo=DE/);
  // one part is reserved now: 199 still for sale, each shipping to Germany at its price
  await expect(far.page.getByTestId('result-count')).toContainText('199 parts');
  const shipped = far.page.getByTestId('results').getByRole('link', { name: new RegExp(`Rhône part ${stamp} no 12\\b`) });
  await expect(shipped.getByTestId('card-delivery')).toHaveText('Pickup · ships to you for €24.50');
  // the title is not cut off on the phone
  expect(await fullyVisible(far.page, shipped.getByRole('heading'))).toBe(true);
  await shipped.click();
  await far.page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await expect(far.page.getByTestId('shipping')).toContainText('Germany, Belgium: €24.50');
  await far.page.getByLabel('Ship it to me').check();
  const address = far.page.getByTestId('ship-address');
  await expect(address).toBeVisible();
  await expect(address.getByLabel('Full name')).toHaveValue('Anna Weber');
  await expect(address.getByLabel('Country')).toHaveValue('DE');
  await address.getByLabel('Street and number').fill('Lindwurmstraße 12');
  await address.getByLabel('Postal code').fill('80337');
  await address.getByLabel('Town').fill('München');
  await expect(address.getByLabel('Street and number')).toHaveValue('Lindwurmstraße 12');
  await expect(far.page.getByTestId('shipping-preview')).toHaveText('Shipping €24.50 · total €56.50');
  await far.page.getByRole('button', { name: 'Reserve this part' }).click();
  await expect(far.page.getByTestId('my-purchase')).toContainText('Reserved for you');
  const farTerms = far.page.getByTestId('deal-terms');
  await expect(farTerms.getByTestId('ship-to')).toHaveText('Anna Weber, Lindwurmstraße 12, 80337 München, Germany');
  await expect(farTerms.getByTestId('deal-total')).toHaveText('€56.50');
  expect(await fullyVisible(far.page, farTerms.getByTestId('deal-total'))).toBe(true);
  await expect(farTerms.getByTestId('next-steps')).toContainText('ships within 2 working days');

  // the address reaches that seller, and nobody else: the near buyer's page of the same part does not show it
  await page.goto('/sell');
  await expect(page.getByTestId('reservation').filter({ hasText: `Rhône part ${stamp} no 12` }).getByTestId('ship-to')).toContainText('Lindwurmstraße 12');
  await near.page.goto(far.page.url().replace(/\?.*$/, ''));
  await expect(near.page.getByText('Lindwurmstraße')).toHaveCount(0);

  await near.context.close();
  await far.context.close();
});

test('a yard lists a part kept at another site, sees the town it chose when editing, and brings it back to the yard', async ({ page, request }) => {
  const stamp = Date.now().toString(36);
  const yard = `sites-${stamp}`;
  await signUp(request, yard, 'seller', `Two Sites ${stamp}`);
  await signIn(page, yard, PASSWORD);
  await setTown(page, 'Lyo', 'Lyon, France', '69003');

  await page.goto('/sell/new');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await fillListingBasics(page, { title: `Megane gearbox ${stamp}`, category: 'transmission', condition: 'used_good', price: '380', make: 'Renault', model: 'Megane', years: '2012' });
  const site = page.getByLabel('Where the part is');
  // a town the gazetteer does not know is refused in words, and what was typed stays
  await site.fill('Nowhereville');
  await page.getByRole('button', { name: 'Create listing and add photos' }).click();
  await expect(page.getByText('No town called “Nowhereville” was found').first()).toBeVisible();
  await expect(page.getByLabel('Where the part is')).toHaveValue('Nowhereville');
  // a single letter is no town either, said the same way rather than as a failure of the page
  await page.getByLabel('Where the part is').fill('X');
  await page.getByRole('button', { name: 'Create listing and add photos' }).click();
  await expect(page.getByText('No town called “X” was found').first()).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue(`Megane gearbox ${stamp}`);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Where the part is').fill('Grenob');
  await expect(page.locator('#siteTown-places option').first()).toHaveAttribute('value', 'Grenoble, France');
  await page.getByLabel('Where the part is').fill('Grenoble, France');
  await page.getByRole('button', { name: 'Create listing and add photos' }).click();
  await page.waitForURL(/\/sell\/[^/]+\/photos/);
  const id = /\/sell\/([^/]+)\/photos/.exec(page.url())![1]!;

  await page.goto(`/listings/${id}`);
  await expect(page.getByTestId('listing-location')).toContainText('Grenoble, France');
  await page.goto(`/sell/${id}/edit`);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await expect(page.getByLabel('Where the part is')).toHaveValue('Grenoble, France');
  // emptied, the part is back at the yard's own location
  await page.getByLabel('Where the part is').fill('');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForURL(`**/listings/${id}`);
  await expect(page.getByTestId('listing-location')).toContainText('Lyon 69003, France');
});

test('a buyer whose car is in another town says so in the garage, and the search measures from the car on a phone', async ({ page, request, browser }) => {
  const tag = Date.now().toString(36);
  await signUp(request, `chalet-${tag}`, 'buyer', 'Chalet Driver');
  await signIn(page, `chalet-${tag}`, PASSWORD);
  await setTown(page, 'Lyon', 'Lyon, France');

  const garage = page.getByRole('region', { name: 'My garage' });
  await garage.getByLabel('Name').fill('Golf at the chalet');
  await garage.getByLabel('Make').fill('VW');
  await garage.getByLabel('Model').fill('Golf');
  await garage.getByLabel('Year').fill('2012');
  await garage.getByLabel('Where it is (optional)').fill('Nowhereville');
  await garage.getByRole('button', { name: 'Add to garage' }).click();
  await expect(garage.getByRole('alert')).toHaveText('No town called “Nowhereville” was found: choose one from the list');
  // what was typed stays
  await expect(garage.getByLabel('Name')).toHaveValue('Golf at the chalet');
  await garage.getByLabel('Where it is (optional)').fill('Grenoble, France');
  await garage.getByRole('button', { name: 'Add to garage' }).click();
  await expect(page.getByTestId('garage')).toContainText('Golf at the chalet · 2012 Volkswagen Golf · in Grenoble, France');

  const phone = await browserAs(browser, `chalet-${tag}`, { width: 360, height: 740 });
  await phone.page.goto('/?q=brake');
  await phone.page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await openFilters(phone.page);
  const choices = phone.page.getByTestId('near-choices');
  await expect(choices).toHaveText('From where your Golf at the chalet is (Grenoble, France) or your town (Lyon, France)');
  expect(await fullyVisible(phone.page, choices.getByRole('link', { name: 'where your Golf at the chalet is (Grenoble, France)' }))).toBe(true);
  await choices.getByRole('link', { name: 'where your Golf at the chalet is (Grenoble, France)' }).click();
  await expect(phone.page).toHaveURL(/near=3014728/);
  await expect(phone.page.getByTestId('distance-note')).toHaveText('Within 50 km of Grenoble, France');
  await openFilters(phone.page);
  await expect(phone.page.getByLabel('Near')).toHaveValue('Grenoble, France');
  for (const distance of await phone.page.getByTestId('card-distance').allTextContents()) expect(Number(distance.replace(/[^\d.]/g, ''))).toBeLessThanOrEqual(50);
  await phone.context.close();

  // the car comes home: emptied, the town is gone and searches measure from the buyer's own town again
  await page.getByTestId('garage').getByText('Where it is').click();
  const town = page.getByLabel('Where your Golf at the chalet is');
  await expect(town).toHaveValue('Grenoble, France');
  await town.fill('');
  await page.getByTestId('garage').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('garage')).not.toContainText('Grenoble');
  await page.goto('/?q=brake&km=50');
  await openFilters(page);
  await expect(page.getByTestId('near-choices')).toHaveText('From your town (Lyon, France)');
  await expect(page.getByTestId('distance-note')).toHaveText('Within 50 km of Lyon, France');
});
