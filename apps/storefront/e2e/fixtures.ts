import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'partsdemo-2026';

/** Every page a test opens fails the test on a console error or an uncaught exception. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      context.on('page', (page) => watch(page, errors));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

function watch(page: Page, errors: string[]) {
  page.on('console', (message) => {
    // a deliberate 403/404 page logs the failed document request; anything else is a real error
    if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of (403|404)/.test(message.text())) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/signin');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
}

/** A demo account's API token, for setting the scene through REST as a tool would. */
export async function tokenOf(request: APIRequestContext, username: string) {
  const response = await request.post('/api/v1/auth/sign-in', { data: { username, password: DEMO_PASSWORD } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** Fills the new-listing form's basic fields as a seller types them: what it is, its price and the vehicle it is for. */
export async function fillListingBasics(
  page: Page,
  listing: { title: string; category: string; condition: string; price: string; currency?: string; make: string; model: string; years: string },
) {
  await page.getByLabel('Title').fill(listing.title);
  await page.getByLabel('Category').selectOption(listing.category);
  await page.getByLabel('Condition').selectOption(listing.condition);
  await page.getByLabel('Price').fill(listing.price);
  if (listing.currency) await page.getByLabel('Currency').selectOption(listing.currency);
  await page.getByLabel('Make', { exact: true }).fill(listing.make);
  await page.getByLabel('Model', { exact: true }).fill(listing.model);
  await page.getByLabel('Years', { exact: true }).fill(listing.years);
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export { expect };

export { expectAccessible, fullyVisible } from '@carparts/kit/e2e';
