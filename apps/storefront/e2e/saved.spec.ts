import { expect, fullyVisible, signIn, test, tokenOf } from './fixtures';

/*
 * A buyer saves a search and watches a part; a price drop on the watched part reaches the bell without reloading,
 * and both lists read whole on a phone.
 */

test('a buyer saves a search, finds it again under saved searches, and it opens the same search', async ({ page }) => {
  await signIn(page, 'sofia.rossi');
  await page.goto('/?q=alternator&make=Volkswagen');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Save this search' }).click();
  await expect(page.getByTestId('search-saved')).toContainText('Saved ““alternator” · Volkswagen”');
  // the search on screen is still the one saved
  await expect(page).toHaveURL(/\?q=alternator&make=Volkswagen$/);

  await page.getByRole('link', { name: 'Your saved searches' }).click();
  const saved = page.getByTestId('saved-searches').getByRole('link', { name: '“alternator” · Volkswagen' });
  await expect(saved).toBeVisible();
  await saved.click();
  await expect(page).toHaveURL(/\/\?q=alternator&make=Volkswagen&sort=newest$/);
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('alternator');
});

for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
  test(`on a ${viewport.width}-px screen a watched part's price drop reaches the bell, and the watchlist shows it whole`, async ({ browser, request }) => {
    const sellerToken = await tokenOf(request, 'tom.becker');
    const title = `Golf VII side mirror glass, heated, left-hand drive, ${viewport.width}`;
    const created = await request.post('/api/v1/listings', {
      headers: { authorization: `Bearer ${sellerToken}` },
      data: { title, partCategory: 'glass_mirrors', condition: 'used_good', priceCents: 3_000, currency: 'USD', vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2015 },
    });
    const listing = (await created.json()) as { id: string; version: number };

    const context = await browser.newContext({ viewport });
    const buyer = await context.newPage();
    await signIn(buyer, 'liam.nguyen');
    await buyer.goto(`/listings/${listing.id}`);
    await buyer.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await buyer.getByRole('button', { name: 'Watch this part' }).click();
    await expect(buyer.getByTestId('watching')).toBeVisible();
    await buyer.goto('/saved');
    await buyer.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    const item = buyer.getByTestId('watched').getByRole('link', { name: title });
    await expect(item).toBeVisible();
    expect(await fullyVisible(buyer, item)).toBe(true);

    const readAll = await request.post('/api/v1/me/notifications/read', { headers: { authorization: `Bearer ${await tokenOf(request, 'liam.nguyen')}` }, data: { all: true } });
    expect(readAll.status()).toBe(200);
    await expect(buyer.getByTestId('unread-count')).toHaveCount(0);
    const dropped = await request.patch(`/api/v1/listings/${listing.id}`, { headers: { authorization: `Bearer ${sellerToken}` }, data: { expectedVersion: listing.version, priceCents: 2_400 } });
    expect(dropped.status()).toBe(200);
    await expect(buyer.getByTestId('unread-count')).toHaveText('1');
    await buyer.getByTestId('bell').click();
    await expect(buyer.getByTestId('notification').first()).toContainText(`“${title}”, which you watch, dropped in price to $24.00`);
    await context.close();
  });
}
