import { expect, test, type Browser, type Page } from '@playwright/test';

const STOREFRONT = 'http://localhost:4175';
const DEMO_PASSWORD = 'partsdemo-2026';

/** A person of the demo marketplace in a browser of their own. */
async function person(browser: Browser, username: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (401|403|404)/.test(m.text())) errors.push(m.text());
  });
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${STOREFRONT}/signin`);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
  return page;
}

const noErrors = (...pages: Page[]) => {
  for (const page of pages) expect((page as Page & { errors: string[] }).errors, 'console errors').toEqual([]);
};

test('a part listed for Golf 2009–2013 and Jetta 2011–2014 fits a 2012 Jetta, is found by its OEM number, and a buyer’s "did not fit" reaches the operators', async ({ browser, page }) => {
  const title = `Alternator 140A ${Date.now().toString(36)}`;

  // the seller lists the part: two vehicles, the second row starting as a copy of the first, and an OEM number
  const seller = await person(browser, 'euro-parts-yard');
  await seller.goto(`${STOREFRONT}/sell/new`);
  const rows = seller.getByTestId('coverage-row');
  await rows.nth(0).getByLabel('Make', { exact: true }).fill('Volkswagen');
  await rows.nth(0).getByLabel('Model', { exact: true }).fill('Golf');
  await rows.nth(0).getByLabel('Years', { exact: true }).fill('2009');
  await rows.nth(0).getByLabel('Row 1: last model year').fill('2013');
  await seller.getByRole('button', { name: '+ Add another vehicle' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByLabel('Make', { exact: true })).toHaveValue('Volkswagen');
  await rows.nth(1).getByLabel('Model', { exact: true }).fill('Jetta');
  await rows.nth(1).getByLabel('Years', { exact: true }).fill('2011');
  await rows.nth(1).getByLabel('Row 2: last model year').fill('2014');
  await seller.getByLabel(/OEM part numbers/).fill('1K0 915 105 AB');
  await seller.getByLabel('Title').fill(title);
  await seller.getByLabel('Category').selectOption('electrical');
  await seller.getByLabel('Condition').selectOption('used_good');
  await seller.getByLabel('Price').fill('89');
  await seller.getByRole('button', { name: 'Create listing and add photos' }).click();
  await expect(seller.getByText('Listing created')).toBeVisible();
  const listingId = /\/sell\/([a-z0-9]+)\/photos/.exec(seller.url())![1]!;

  // the listing page shows both vehicles and the number, in full
  await seller.goto(`${STOREFRONT}/listings/${listingId}`);
  await expect(seller.getByTestId('coverage')).toContainText('Volkswagen Golf 2009–2013');
  await expect(seller.getByTestId('coverage')).toContainText('Volkswagen Jetta 2011–2014');
  await expect(seller.getByTestId('part-numbers')).toContainText('1K0 915 105 AB');

  // a buyer with a 2012 Jetta in the garage, made active
  const buyer = await person(browser, 'priya.shah');
  await buyer.goto(`${STOREFRONT}/account#garage`);
  await buyer.getByLabel('Name', { exact: true }).fill('Jetta');
  await buyer.getByLabel('Make', { exact: true }).fill('VW');
  await buyer.getByLabel('Model', { exact: true }).fill('Jetta');
  await buyer.getByLabel('Year', { exact: true }).fill('2012');
  await buyer.getByRole('button', { name: 'Add to garage' }).click();
  const jetta = buyer.getByTestId('garage').locator('li').filter({ hasText: '2012 Volkswagen Jetta' });
  await expect(jetta).toBeVisible();
  if (await jetta.getByRole('button', { name: 'Make active' }).count()) await jetta.getByRole('button', { name: 'Make active' }).click();
  await expect(jetta.getByText('Active')).toBeVisible();

  // finds the part by typing its OEM number in another spacing; the card says it fits
  await buyer.goto(STOREFRONT);
  await buyer.getByLabel(/Part number/).fill('1k0-915-105-ab');
  await buyer.getByLabel(/Part number/).press('Enter');
  const card = buyer.getByTestId('results').locator('a').filter({ hasText: title });
  await expect(card).toBeVisible();
  await expect(card.getByTestId('fit-badge')).toHaveText('Fits your 2012 Volkswagen Jetta');
  await card.click();
  await expect(buyer.getByTestId('fit-top')).toHaveText('Fits your 2012 Volkswagen Jetta');
  await buyer.getByRole('button', { name: 'Reserve this part' }).click();
  await expect(buyer.getByText(/Reserved for you until/)).toBeVisible();

  // the seller confirms the sale
  await seller.goto(`${STOREFRONT}/sell`);
  const reservation = seller.getByTestId('reservation').filter({ hasText: title });
  await reservation.getByRole('button', { name: 'Confirm sale' }).click();
  await reservation.getByRole('button', { name: 'Yes, confirm sale' }).click();
  await expect(seller.getByText('Sale confirmed')).toBeVisible();

  // the buyer reports that it did not fit
  await buyer.goto(`${STOREFRONT}/listings/${listingId}`);
  await expect(buyer.getByRole('heading', { name: 'Did it fit your 2012 Volkswagen Jetta?' })).toBeVisible();
  await buyer.getByLabel('It did not fit').check();
  await buyer.getByLabel(/^Note/).fill('The plug has four pins, mine has three.');
  await buyer.getByRole('button', { name: 'Send my report' }).click();
  await expect(buyer.getByTestId('my-fit-report')).toHaveText('You reported that it did not fit your 2012 Volkswagen Jetta.');

  // the seller is told, on the dashboard and on the listing
  await seller.goto(`${STOREFRONT}/sell`);
  await expect(seller.getByTestId('not-fit-for-seller')).toContainText(`${title}: did not fit a 2012 Volkswagen Jetta — “The plug has four pins, mine has three.”`);
  await seller.goto(`${STOREFRONT}/listings/${listingId}`);
  await expect(seller.getByTestId('not-fit-reports')).toContainText('The plug has four pins, mine has three.');

  // an operator sees the contradiction and resolves it, and it leaves the queue
  await page.goto('/signin');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Username').fill('ops-e2e');
  await page.getByLabel('Password').fill('operator e2e passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto('/fitment');
  const task = page.getByTestId('fitment-report').filter({ hasText: title });
  await expect(task).toContainText('did not fit their 2012 Volkswagen Jetta');
  await expect(task).toContainText('Volkswagen Jetta 2011–2014');
  await task.getByLabel('Resolution note').fill('Seller checked: the 2012 Jetta hybrid uses another alternator');
  await task.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Resolved.' })).toBeVisible();
  await expect(page.getByTestId('fitment-report').filter({ hasText: title })).toHaveCount(0);
  await page.goto('/fitment?reports=resolved');
  await expect(page.getByTestId('fitment-report').filter({ hasText: title })).toContainText('Seller checked: the 2012 Jetta hybrid uses another alternator');

  // on a phone, the listing page still shows every vehicle and the number in full
  const phone = await person(browser, 'alex.morgan', { width: 360, height: 740 });
  await phone.goto(`${STOREFRONT}/listings/${listingId}`);
  for (const element of [phone.getByTestId('coverage'), phone.getByTestId('part-numbers')]) {
    await element.scrollIntoViewIfNeeded();
    await expect(element).toBeVisible();
    const box = (await element.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
  }
  noErrors(seller, buyer, phone);
});
