import { RESPONSE_SCHEMAS, REST_ROUTES } from '@carparts/api/doors';
import { startTestApiHost, type TestApiHost } from '../src/testing.ts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The whole trade — sign-up, listing, photo, search, fitment check, question, reservation, sale, rating — through
 * the API host over real HTTP, once through REST only and once through GraphQL only. Every REST answer is held
 * against the schema the OpenAPI document shows for it.
 */
let host: TestApiHost;
let base: string;

beforeAll(async () => {
  host = await startTestApiHost();
  ({ base } = host);
});
afterAll(() => host.close());

const jpeg = () => sharp({ create: { width: 320, height: 240, channels: 3, background: '#8a5a2b' } }).jpeg().toBuffer();
const unique = () => Math.random().toString(36).slice(2, 8);

describe('the trade through REST only', () => {
  async function call(method: string, path: string, token: string | null, body?: unknown) {
    const route = REST_ROUTES.find((r) => r.method === method && new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path.split('?')[0]!));
    expect(route, `${method} ${path} is a documented operation`).toBeDefined();
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(`${base}/api/v1${path}`, { method, headers, body: payload });
    const text = await response.text();
    const answer = JSON.parse(text) as Record<string, unknown> & { items?: Record<string, unknown>[] };
    if (!response.ok) return { status: response.status, answer };
    expect(response.status).toBe(route!.status ?? 200);
    expect(text).not.toMatch(/"json":\{|"meta":\{"values"/);
    const schema = RESPONSE_SCHEMAS[route!.procedure];
    if (schema) {
      const checked = schema.safeParse(answer);
      expect(checked.success, `${route!.procedure} answers as documented: ${checked.error?.message}`).toBe(true);
    }
    return { status: response.status, answer };
  }

  it('sells a part from sign-up to rating', async () => {
    const tag = unique();
    const yard = await call('POST', '/auth/sign-up', null, { username: `rest-yard-${tag}`, email: `yard-${tag}@example.test`, password: 'a long yard passphrase', role: 'seller', displayName: 'REST Yard' });
    expect(yard.status).toBe(201);
    const sellerToken = yard.answer.token as string;
    const driver = await call('POST', '/auth/sign-up', null, { username: `rest-driver-${tag}`, email: `driver-${tag}@example.test`, password: 'a long driver passphrase', role: 'buyer', displayName: 'REST Driver' });
    const signIn = await call('POST', '/auth/sign-in', null, { username: `rest-driver-${tag}`, password: 'a long driver passphrase' });
    expect(signIn.answer.token).toEqual(expect.any(String));
    const buyerToken = signIn.answer.token as string;
    expect(driver.answer.user).toMatchObject({ role: 'buyer' });

    const listing = await call('POST', '/listings', sellerToken, {
      title: 'Passat B6 alternator 140A',
      partCategory: 'electrical',
      condition: 'used_excellent',
      priceCents: 8900,
      currency: 'USD',
      coverage: [{ make: 'VW', model: 'Passat', yearFrom: 2006, yearTo: 2010, engine: '2.0 TDI' }],
      partNumbers: [{ kind: 'oem', number: '03G 903 016 A' }],
    });
    expect(listing).toMatchObject({ status: 201, answer: { status: 'active', coverage: [{ make: 'Volkswagen', model: 'Passat' }] } });
    const listingId = listing.answer.id as string;

    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await jpeg())], { type: 'image/jpeg' }), 'alternator.jpg');
    form.set('caption', 'Label side');
    form.set('isPrimary', 'true');
    const photo = await call('POST', `/listings/${listingId}/photos`, sellerToken, form);
    expect(photo.answer).toMatchObject({ isPrimary: true, caption: 'Label side', listingId });
    const served = await fetch(`${base}${photo.answer.imageUrl as string}`);
    expect(served.headers.get('content-type')).toBe('image/webp');

    const found = await call('GET', '/listings?make=Volkswagen&model=Passat&year=2008&sort=price_asc', null);
    expect(found.answer.items?.map((i) => i.id)).toEqual([listingId]);
    expect(found.answer.items?.[0]).toMatchObject({ primaryPhoto: { imageUrl: photo.answer.imageUrl } });
    expect((await call('GET', '/listings?partNumber=03g903016a', null)).answer.items?.map((i) => i.id)).toEqual([listingId]);

    const check = await call('POST', `/listings/${listingId}/fitment-checks`, buyerToken, { vehicleMake: 'VW', vehicleModel: 'Passat', vehicleYear: 2008 });
    expect(check).toMatchObject({ status: 201, answer: { fitmentStatus: 'fits' } });
    const question = await call('POST', `/listings/${listingId}/inquiries`, buyerToken, { message: 'Is the pulley included?' });
    expect(question.status).toBe(201);
    await call('POST', `/inquiries/${question.answer.id as string}/replies`, sellerToken, { message: 'Yes, pulley included.' });
    const thread = await call('GET', `/inquiries/${question.answer.id as string}`, buyerToken);
    expect(thread.answer).toMatchObject({ status: 'replied', replies: [{ message: 'Yes, pulley included.' }] });

    const reservation = await call('POST', `/listings/${listingId}/reservations`, buyerToken);
    expect(reservation).toMatchObject({ status: 201, answer: { status: 'reserved', priceCents: 8900, currency: 'USD' } });
    const purchaseId = reservation.answer.id as string;
    expect((await call('GET', `/listings/${listingId}`, null)).answer.status).toBe('reserved');
    const sale = await call('POST', `/purchases/${purchaseId}/complete`, sellerToken);
    expect(sale.answer.status).toBe('completed');
    const rating = await call('POST', `/purchases/${purchaseId}/rating`, buyerToken, { rating: 5, reviewText: 'Exactly as described' });
    expect(rating).toMatchObject({ status: 201, answer: { rating: 5, isVerifiedPurchase: true } });
    const profile = await call('GET', `/users/${yard.answer.user && (yard.answer.user as { id: string }).id}`, null);
    expect(profile.answer.ratings).toEqual({ average: 5, count: 1, verifiedCount: 1 });
    const mine = await call('GET', '/me/purchases', buyerToken);
    expect(mine.answer.items?.[0]).toMatchObject({ id: purchaseId, status: 'completed' });
  });
});

describe('the trade through GraphQL only', () => {
  type Answer = { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] };
  async function gql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
    const response = await fetch(`${base}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  }
  const ok = (answer: Answer) => {
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  };

  it('sells a part from sign-up to rating', async () => {
    const tag = unique();
    const signUp = 'mutation($input: SignUpInput!) { signUp(input: $input) { token user { id role email } } }';
    const yard = ok(await gql(signUp, { input: { username: `gql-yard-${tag}`, email: `gy-${tag}@example.test`, password: 'a long yard passphrase', role: 'seller', displayName: 'GraphQL Yard' } })).signUp;
    ok(await gql(signUp, { input: { username: `gql-driver-${tag}`, email: `gd-${tag}@example.test`, password: 'a long driver passphrase', role: 'buyer', displayName: 'GraphQL Driver' } }));
    const buyer = ok(await gql('mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token user { id } } }', { u: `gql-driver-${tag}`, p: 'a long driver passphrase' })).signIn;

    const created = ok(
      await gql(
        'mutation($input: CreateListingInput!) { createListing(input: $input) { id status version coverage { make model yearFrom yearTo } } }',
        { input: { title: 'Octavia II tail light, left', partCategory: 'lighting', condition: 'used_good', priceCents: 3500, currency: 'EUR', coverage: [{ make: 'Skoda', model: 'Octavia', yearFrom: 2005, yearTo: 2008 }], partNumbers: [{ kind: 'oem', number: '1Z0 945 095' }] } },
        yard.token,
      ),
    ).createListing;
    expect(created).toMatchObject({ status: 'active', version: 1, coverage: [{ model: 'Octavia', yearFrom: 2005, yearTo: 2008 }] });

    const multipart = new FormData();
    multipart.set('operations', JSON.stringify({ query: 'mutation($id: ID!, $file: File!) { uploadPhoto(listingId: $id, file: $file, caption: "Lens", isPrimary: true) { imageUrl isPrimary } }', variables: { id: created.id, file: null } }));
    multipart.set('map', JSON.stringify({ 0: ['variables.file'] }));
    multipart.set('0', new Blob([new Uint8Array(await jpeg())], { type: 'image/jpeg' }), 'lens.jpg');
    const uploaded = (await (await fetch(`${base}/api/graphql`, { method: 'POST', headers: { authorization: `Bearer ${yard.token}` }, body: multipart })).json()) as Answer;
    expect(ok(uploaded).uploadPhoto).toMatchObject({ isPrimary: true, imageUrl: expect.stringMatching(/^\/photos\/.+\.webp$/) });

    const search = ok(
      await gql('query($y: Int!) { listings(where: { make: "Skoda", model: "Octavia", year: $y }, fitFor: { vehicleMake: "Skoda", vehicleModel: "Octavia", vehicleYear: $y }) { edges { node { id fit version partNumbers { kind number } primaryPhoto { imageUrl } seller { displayName ratingSummary { count } } } } pageInfo { hasNextPage endCursor } } }', { y: 2007 }),
    ).listings;
    expect(search.edges).toEqual([{ node: { id: created.id, fit: 'fits', version: 1, partNumbers: [{ kind: 'oem', number: '1Z0 945 095' }], primaryPhoto: { imageUrl: uploaded.data!.uploadPhoto.imageUrl }, seller: { displayName: 'GraphQL Yard', ratingSummary: { count: 0 } } } }]);
    expect(search.pageInfo).toEqual({ hasNextPage: false, endCursor: null });

    const check = ok(await gql('mutation($input: FitmentCheckInput!) { checkFitment(input: $input) { fitmentStatus notes } }', { input: { listingId: created.id, vehicleMake: 'Skoda', vehicleModel: 'Octavia', vehicleYear: 2011 } }, buyer.token)).checkFitment;
    expect(check.fitmentStatus).toBe('does_not_fit');
    const asked = ok(await gql('mutation($input: InquiryInput!) { askSeller(input: $input) { id status } }', { input: { listingId: created.id, message: 'Does it come with the bulb holder?' } }, buyer.token)).askSeller;
    const replied = ok(await gql('mutation($id: ID!) { replyToInquiry(inquiryId: $id, message: "Yes, holder included.") { status replies { message } } }', { id: asked.id }, yard.token)).replyToInquiry;
    expect(replied).toEqual({ status: 'replied', replies: [{ message: 'Yes, holder included.' }] });

    const reserved = ok(await gql('mutation($id: ID!) { reserve(listingId: $id) { id status priceCents currency } }', { id: created.id }, buyer.token)).reserve;
    expect(reserved).toMatchObject({ status: 'reserved', priceCents: 3500, currency: 'EUR' });
    const rival = await gql('mutation($id: ID!) { reserve(listingId: $id) { id } }', { id: created.id }, yard.token);
    expect(rival.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    ok(await gql('mutation($id: ID!) { completePurchase(purchaseId: $id) { status } }', { id: reserved.id }, yard.token));
    const rated = ok(await gql('mutation($input: RatingInput!) { rateSeller(input: $input) { rating isVerifiedPurchase } }', { input: { purchaseId: reserved.id, rating: 4 } }, buyer.token)).rateSeller;
    expect(rated).toEqual({ rating: 4, isVerifiedPurchase: true });

    const me = ok(await gql('{ me { id email purchases { edges { node { status listing { id status } } } } inquiries { edges { node { status } } } fitmentChecks { edges { node { fitmentStatus } } } } }', {}, buyer.token)).me;
    expect(me).toMatchObject({ id: buyer.user.id, email: `gd-${tag}@example.test` });
    expect(me.purchases.edges).toEqual([{ node: { status: 'completed', listing: { id: created.id, status: 'sold' } } }]);
    expect(me.inquiries.edges).toEqual([{ node: { status: 'replied' } }]);
    expect(me.fitmentChecks.edges).toEqual([{ node: { fitmentStatus: 'does_not_fit' } }]);
    const seller = ok(await gql('query($id: ID!) { seller(id: $id) { ratingSummary { average count } ratings { edges { node { rating } } } listings { edges { node { id } } } } }', { id: yard.user.id })).seller;
    expect(seller).toMatchObject({ ratingSummary: { average: 4, count: 1 }, ratings: { edges: [{ node: { rating: 4 } }] } });
  });
});

it('serves the OpenAPI document, the reference and GraphiQL like the storefront does', async () => {
  const document = await fetch(`${base}/api/openapi.json`);
  expect(document.status).toBe(200);
  expect(((await document.json()) as { openapi: string }).openapi).toBe('3.1.0');
  const reference = await fetch(`${base}/api/docs`);
  expect(reference.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(await reference.text()).toContain('/api/docs/swagger-ui-bundle.js');
  expect((await fetch(`${base}/api/docs/swagger-ui-bundle.js`)).headers.get('content-type')).toMatch(/javascript/);
  const graphiql = await fetch(`${base}/api/graphql`, { headers: { accept: 'text/html' } });
  expect(graphiql.headers.get('content-security-policy')).toMatch(/script-src 'sha256-/);
  expect((await fetch(`${base}/api/nothing`)).status).toBe(404);
});
