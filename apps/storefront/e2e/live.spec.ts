import { DEMO_PASSWORD, expect, test } from './fixtures';

/*
 * A listing page follows its listing without reloading: another buyer's reservation and the seller's price change
 * show in place, on a phone as on a desktop, and what a person was typing stays where it was.
 */

async function tokenOf(request: import('@playwright/test').APIRequestContext, username: string) {
  const signIn = await request.post('/api/v1/auth/sign-in', { data: { username, password: DEMO_PASSWORD } });
  expect(signIn.status()).toBe(200);
  return ((await signIn.json()) as { token: string }).token;
}

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
