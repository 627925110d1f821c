import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, fullyVisible, shot, test } from './fixtures';

/*
 * The doors for tools, as a person tries them in a browser: the REST reference at /api/docs (Swagger UI from the
 * installed package) and GraphiQL at /api/graphql, under the pages' Content-Security-Policy — a refused script or
 * style would be a console error, which fails the test.
 */

async function openOperation(page: Page, id: string) {
  const operation = page.locator(`#operations-${id}`);
  await operation.locator('.opblock-summary').first().click();
  // the reference opens every operation ready to try
  await expect(operation.getByRole('button', { name: 'Execute' })).toBeVisible();
  return operation;
}

test('from the storefront footer to the REST reference: sign in, try a search and my own account', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'API for your tools' }).click();
  await expect(page).toHaveURL(/\/api\/docs$/);
  await expect(page.getByRole('heading', { name: /Car Parts Marketplace API/ })).toBeVisible();

  const signIn = page.getByRole('form', { name: 'Sign in to try calls as yourself' });
  await signIn.getByLabel('Username').fill('northside-salvage');
  await signIn.getByLabel('Password').fill(DEMO_PASSWORD);
  await expect(signIn.getByLabel('Username')).toHaveValue('northside-salvage');
  await signIn.getByRole('button', { name: 'Sign in to try calls' }).click();
  await expect(page.getByRole('status')).toHaveText(/Signed in as northside-salvage/);

  const search = await openOperation(page, 'Listings-listings_search');
  const make = search.locator('tr[data-param-name="make"] input');
  await make.fill('VW');
  await expect(make).toHaveValue('VW');
  await search.getByRole('button', { name: 'Execute' }).click();
  const searchResult = search.locator('.live-responses-table .response-col_description pre').first();
  await expect(searchResult).toContainText('"items"');
  await expect(searchResult).toContainText('Volkswagen');
  await expect(search.locator('.live-responses-table tbody .response-col_status').first()).toHaveText('200');

  const me = await openOperation(page, 'Account-auth_me');
  await me.getByRole('button', { name: 'Execute' }).click();
  await expect(me.locator('.live-responses-table .response-col_description pre').first()).toContainText('"username": "northside-salvage"');
  await shot(page, 'api-docs');
});

test('on a phone the reference and its sign-in fit the screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { name: /Car Parts Marketplace API/ })).toBeVisible();
  const signIn = page.getByRole('form', { name: 'Sign in to try calls as yourself' });
  for (const field of [signIn.getByLabel('Username'), signIn.getByLabel('Password'), signIn.getByRole('button', { name: 'Sign in to try calls' })]) {
    await expect(field).toBeVisible();
    expect(await fullyVisible(page, field)).toBe(true);
  }
  await expect(page.locator('#operations-Listings-listings_search')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

/** Replaces an editor's text by pasting, as a person would; typing would meet the editor's bracket completion. */
async function replaceText(page: Page, editor: ReturnType<Page['locator']>, text: string) {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+KeyA');
  await page.keyboard.press('ControlOrMeta+KeyV');
  // the editor shows what was pasted before anything is run with it
  await expect(editor.locator('.view-lines')).toContainText(text.slice(0, 24).replace(/ /g, '\u00a0'));
}

test('GraphiQL: sign in with a mutation, send the token as a header, and search as that person', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/api/graphql');
  const queryEditor = page.locator('.graphiql-query-editor .monaco-editor, .graphiql-query-editor .CodeMirror').first();
  await expect(queryEditor).toBeVisible();
  const run = page.getByRole('button', { name: /Execute query/ });
  const response = page.locator('.graphiql-response');

  await replaceText(page, queryEditor, `mutation { signIn(username: "alex.morgan", password: "${DEMO_PASSWORD}") { token } }`);
  await run.click();
  await expect(response).toContainText('"token"');
  // the answer pane wraps long lines, so the token is read with every line break taken out
  const token = /"token":"([^"]+)"/.exec((await response.innerText()).replace(/\s+/g, ''))![1]!;

  await page.getByRole('button', { name: 'Headers' }).click();
  const headersEditor = page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor, .graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').last();
  await replaceText(page, headersEditor, JSON.stringify({ Authorization: `Bearer ${token}` }));

  await replaceText(page, queryEditor, '{ me { username } listings(where: { make: "VW" }, first: 3) { edges { node { title seller { displayName } } } } }');
  await run.click();
  await expect(response).toContainText('"username": "alex.morgan"');
  await expect(response).toContainText('Volkswagen');
  await shot(page, 'graphiql');
});

test('a tool with only a Bearer token lists a part and uploads its photo through the storefront\'s REST door', async ({ request }) => {
  const signIn = await request.post('/api/v1/auth/sign-in', { data: { username: 'northside-salvage', password: DEMO_PASSWORD } });
  expect(signIn.status()).toBe(200);
  const { token } = (await signIn.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  const created = await request.post('/api/v1/listings', {
    headers,
    data: { title: 'Polo 6R wing mirror glass', partCategory: 'glass_mirrors', condition: 'used_good', priceCents: 1500, currency: 'USD', vehicleMake: 'VW', vehicleModel: 'Polo', vehicleYear: 2012 },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const image = await sharp({ create: { width: 200, height: 150, channels: 3, background: '#44617b' } }).jpeg().toBuffer();
  // a multipart POST without an Origin header, as curl or a script sends it
  const uploaded = await request.post(`/api/v1/listings/${id}/photos`, { headers, multipart: { file: { name: 'mirror.jpg', mimeType: 'image/jpeg', buffer: image }, caption: 'Glass only' } });
  expect(uploaded.status()).toBe(201);
  expect(await uploaded.json()).toMatchObject({ listingId: id, caption: 'Glass only', isPrimary: true });
  const withoutToken = await request.post(`/api/v1/listings/${id}/photos`, { multipart: { file: { name: 'mirror.jpg', mimeType: 'image/jpeg', buffer: image } } });
  expect(withoutToken.status()).toBe(403);
});
