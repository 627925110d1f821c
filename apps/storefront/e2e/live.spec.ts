import { expect, signIn, test, tokenOf } from './fixtures';

/*
 * A listing page follows its listing without reloading: another buyer's reservation and the seller's price change
 * show in place, on a phone as on a desktop, and what a person was typing stays where it was.
 */

for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
  test(`a ${viewport.width}-px listing page shows a new price and a reservation as they happen`, async ({ browser, request }) => {
    const sellerToken = await tokenOf(request, 'northside-salvage');
    const created = await request.post('/api/v1/listings', {
      headers: { authorization: `Bearer ${sellerToken}` },
      data: { title: `Golf VII wiper motor ${viewport.width}`, partCategory: 'electrical', condition: 'used_good', priceCents: 4000, currency: 'USD', vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2015 },
    });
    expect(created.status()).toBe(201);
    const listing = (await created.json()) as { id: string; version: number };

    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`/listings/${listing.id}`);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('listing-status')).toHaveText('For sale');
    await expect(page.getByTestId('listing-price')).toContainText('40.00');

    const repriced = await request.patch(`/api/v1/listings/${listing.id}`, { headers: { authorization: `Bearer ${sellerToken}` }, data: { expectedVersion: listing.version, priceCents: 3500 } });
    expect(repriced.status()).toBe(200);
    await expect(page.getByTestId('listing-price')).toContainText('35.00');

    const buyerToken = await tokenOf(request, 'priya.shah');
    const reserved = await request.post(`/api/v1/listings/${listing.id}/reservations`, { headers: { authorization: `Bearer ${buyerToken}` } });
    expect(reserved.status()).toBe(201);
    await expect(page.getByTestId('listing-status')).toHaveText('Reserved');
    await expect(page.getByText('Live updates paused')).toHaveCount(0);
    await context.close();
  });
}

test('side by side, nothing reloaded: the question reaches the seller, the reply the buyer, the reservation the dashboard, the sale the buyer\'s page, and a withdrawn card leaves a shopper\'s results', async ({ browser, request }) => {
  const sellerToken = await tokenOf(request, 'northside-salvage');
  const title = `Golf VII tailgate strut ${Date.now()}`;
  const created = await request.post('/api/v1/listings', {
    headers: { authorization: `Bearer ${sellerToken}` },
    data: { title, partCategory: 'body_panels', condition: 'used_good', priceCents: 2500, currency: 'USD', vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2016 },
  });
  const listing = (await created.json()) as { id: string };

  const sellerContext = await browser.newContext();
  const seller = await sellerContext.newPage();
  await signIn(seller, 'northside-salvage');
  await seller.goto('/sell/inbox');
  await seller.locator('html[data-hydrated]').waitFor({ state: 'attached' });

  const buyerContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const buyer = await buyerContext.newPage();
  await signIn(buyer, 'priya.shah');
  await buyer.goto(`/listings/${listing.id}`);
  await buyer.locator('html[data-hydrated]').waitFor({ state: 'attached' });

  const shopperContext = await browser.newContext();
  const shopper = await shopperContext.newPage();
  await shopper.goto(`/?q=${encodeURIComponent('tailgate strut')}`);
  await shopper.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await expect(shopper.getByTestId('results').getByRole('link', { name: new RegExp(title) })).toBeVisible();

  // the question appears in the seller's inbox
  await buyer.getByLabel('Your question').fill('Are both struts included?');
  await buyer.getByRole('button', { name: 'Send question' }).click();
  await expect(buyer.getByText('Question sent')).toBeVisible();
  await expect(seller.getByText('Are both struts included?')).toBeVisible();

  // the buyer, now on the account page, sees the reply arrive
  await buyer.goto('/account');
  await buyer.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const thread = seller.locator('article, li, section').filter({ hasText: 'Are both struts included?' }).last();
  await thread.getByLabel('Reply').fill('Yes, the pair.');
  await thread.getByRole('button', { name: 'Send reply' }).click();
  await expect(buyer.getByText('Yes, the pair.')).toBeVisible();

  // the reservation appears on the seller's dashboard
  await seller.goto('/sell');
  await seller.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await buyer.goto(`/listings/${listing.id}`);
  await buyer.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await buyer.getByRole('button', { name: 'Reserve this part' }).click();
  await expect(buyer.getByText(/Reserved for you until/)).toBeVisible();
  const reservation = seller.getByTestId('reservation').filter({ hasText: title });
  await expect(reservation).toBeVisible();
  await expect(shopper.getByTestId('results').getByRole('link', { name: new RegExp(title) })).toContainText('Reserved');

  // the sale turns the buyer's page to sold
  await reservation.getByRole('button', { name: 'Confirm sale' }).click();
  await reservation.getByRole('button', { name: 'Yes, confirm sale' }).click();
  await expect(buyer.getByTestId('listing-status')).toHaveText('Sold');

  // a listing taken out of sight leaves a shopper's results without a reload
  const other = await request.post('/api/v1/listings', {
    headers: { authorization: `Bearer ${sellerToken}` },
    data: { title: `${title} (spare)`, partCategory: 'body_panels', condition: 'used_good', priceCents: 2600, currency: 'USD', vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2016 },
  });
  const spare = (await other.json()) as { id: string };
  await shopper.reload();
  await shopper.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const spareCard = shopper.getByTestId('results').getByRole('link', { name: new RegExp(`${title} \\(spare\\)`) });
  await expect(spareCard).toBeVisible();
  const withdrawn = await request.put(`/api/v1/listings/${spare.id}/status`, { headers: { authorization: `Bearer ${sellerToken}` }, data: { status: 'withdrawn' } });
  expect(withdrawn.status()).toBe(200);
  await expect(spareCard).toHaveCount(0);

  for (const context of [sellerContext, buyerContext, shopperContext]) await context.close();
});
