import { observeReads } from '@carparts/db';
import { makeListing } from '@carparts/db/testing';
import { compileErrors, validate } from '@readme/openapi-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleDocs } from '../src/docs/playground.ts';
import { handleGraphql } from '../src/graphql/handler.ts';
import { GRAPHQL_LIMITS } from '../src/graphql/limits.ts';
import { handleRest } from '../src/rest/handler.ts';
import { collectNotifications } from '../src/services/notifications.ts';
import { openApiDocument } from '../src/rest/openapi.ts';
import { REST_ROUTES } from '../src/rest/routes.ts';
import { makeWorld, signedIn, tinyPng, useTestApi, type World } from './helpers.ts';

const env = useTestApi();
const opts = () => ({ db: env.db, config: env.config, now: env.now });

const rest = async (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const response = await handleRest(opts(), new Request(`http://localhost/api/v1${path}`, { ...init, headers }), '198.51.100.30');
  return { status: response.status, type: response.headers.get('content-type'), headers: response.headers, body: (await response.json()) as Record<string, unknown> };
};
const json = (body: unknown, method = 'POST'): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

type GraphqlBody = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
const graphql = async (body: unknown, init: { token?: string; method?: string; headers?: Record<string, string> } = {}) => {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await handleGraphql(opts(), new Request('http://localhost/api/graphql', { method: init.method ?? 'POST', headers, body: JSON.stringify(body) }), '198.51.100.31');
  return { status: response.status, body: (await response.json()) as GraphqlBody | GraphqlBody[] };
};

let w: World;
beforeAll(async () => {
  w = await makeWorld(env);
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const document = structuredClone(openApiDocument());
    const result = await validate(document as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('describes every REST operation with a summary, its parameters, its answer and its failures', () => {
    const document = openApiDocument();
    for (const route of REST_ROUTES) {
      const operation = (document.paths?.[`/api/v1${route.path}`] as Record<string, Record<string, unknown>> | undefined)?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation!.summary).toBe(route.summary);
      expect(Object.keys(operation!.responses as object)).toEqual(expect.arrayContaining([String(route.status ?? 200), '400', '401', '403', '404']));
      for (const name of route.path.match(/\{(\w+)\}/g) ?? []) {
        expect(operation!.parameters, `${route.path} documents ${name}`).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'path', name: name.slice(1, -1) })]));
      }
    }
  });

  it('takes its input rules from the procedures: a limit changed in the schema shows in the document', () => {
    const document = openApiDocument() as unknown as { paths: Record<string, { get: { parameters: { name: string; schema: Record<string, unknown> }[] } }> };
    const params = document.paths['/api/v1/listings']!.get.parameters;
    expect(params.find((p) => p.name === 'year')?.schema).toMatchObject({ type: 'integer', minimum: 1900 });
    expect(params.find((p) => p.name === 'limit')?.schema).toMatchObject({ maximum: 50 });
    const create = (document.paths['/api/v1/listings'] as unknown as { post: { requestBody: { content: { 'application/json': { schema: { properties: Record<string, { maxLength?: number }>; example: unknown } } } } } }).post;
    expect(create.requestBody.content['application/json'].schema.properties.title?.maxLength).toBe(120);
    expect(create.requestBody.content['application/json'].schema.example).toMatchObject({ title: expect.any(String), priceCents: expect.any(Number) });
  });

  it('is served at /api/openapi.json, and the reference page loads only our own scripts', async () => {
    const served = handleDocs(new Request('http://localhost/api/openapi.json'))!;
    expect(served.headers.get('content-type')).toBe('application/json');
    expect(((await served.json()) as { paths: object }).paths).toHaveProperty(['/api/v1/listings/{id}']);
    const page = handleDocs(new Request('http://localhost/api/docs'))!;
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
    const html = await page.text();
    expect(html).not.toMatch(/<script>|src="https?:/);
    const bundle = handleDocs(new Request('http://localhost/api/docs/swagger-ui-bundle.js'))!;
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect(handleDocs(new Request('http://localhost/api/docs/../../package.json'))).toBeNull();
  });
});

describe('REST', () => {
  it('reads numbers, flags, lists and nested filters from the query string as the schema expects them', async () => {
    const { status, body } = await rest('/listings?make=VW&model=Golf&year=2014&withCounts=false&conditions=used_good&conditions=used_fair&fitFor[vehicleMake]=VW&fitFor[vehicleModel]=Golf&fitFor[vehicleYear]=2014&limit=5');
    expect(status).toBe(200);
    expect(body.items).toEqual([expect.objectContaining({ id: w.listing.id, fit: 'fits', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })]);
    expect(body.categoryCounts).toBeNull();
    expect(body).toHaveProperty('nextCursor', null);
  });

  it('answers a bad value, an unknown parameter and a sneaky one with a problem naming the field', async () => {
    const bad = await rest('/listings?year=twenty');
    expect(bad).toMatchObject({ status: 400, type: 'application/problem+json', body: { status: 400, code: 'BAD_REQUEST', title: 'Bad Request', fieldErrors: { year: [expect.any(String)] } } });
    expect(bad.body.detail).toMatch(/^year: /);
    const unknown = await rest('/listings?colour=red');
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toMatch(/colour/);
    const proto = await rest('/listings?__proto__=x');
    expect(proto.status).toBe(400);
    expect(proto.body.detail).toMatch(/__proto__/);
  });

  it('pages every list as { items, nextCursor } and follows the cursor to the end', async () => {
    for (let i = 0; i < 3; i++) await makeListing(env.db, { sellerId: w.otherSeller.user.id, vehicleMake: 'Saab', vehicleModel: '9-3' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof rest>> = await rest(`/listings?make=Saab&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as { id: string }[]).map((i) => i.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(new Set(seen).size).toBe(3);
    const photos = await rest(`/listings/${w.listing.id}/photos`);
    expect(photos.body).toEqual({ items: [expect.objectContaining({ id: w.photo.id })], nextCursor: null });
  });

  it('creates with 201, maps each refusal to its status, and never half-writes a bad listing', async () => {
    const created = await rest('/listings', { ...json({ title: 'Saab 9-3 tail light', partCategory: 'lighting', condition: 'used_good', priceCents: 4500, currency: 'EUR', coverage: [{ make: 'Saab', model: '9-3', yearFrom: 2003, yearTo: 2007 }] }), token: w.seller.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Saab 9-3 tail light', priceCents: 4500, currency: 'EUR', status: 'active', version: 1 });
    const id = created.body.id as string;

    const stale = await rest(`/listings/${id}`, { ...json({ expectedVersion: 7, priceCents: 4000 }, 'PATCH'), token: w.seller.token });
    expect(stale).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    const invalid = await rest('/listings', { ...json({ title: 'x'.repeat(121), partCategory: 'lighting', condition: 'used_good', priceCents: -1, currency: 'EUR', vehicleMake: 'Saab', vehicleModel: '9-3' }), token: w.seller.token });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.fieldErrors as object).sort()).toEqual(['priceCents', 'title']);
    const mine = await rest('/me/listings?limit=50', { token: w.seller.token });
    expect((mine.body.items as { title: string }[]).filter((l) => l.title.startsWith('xxxx'))).toEqual([]);

    expect((await rest(`/listings/${id}/reservations`, { method: 'POST' })).status).toBe(401);
    expect((await rest(`/listings/${id}/reservations`, { method: 'POST', token: w.seller.token })).status).toBe(403);
    expect((await rest('/listings/nosuchlisting0000/reservations', { method: 'POST', token: w.buyer.token })).status).toBe(404);
    const reserved = await rest(`/listings/${id}/reservations`, { method: 'POST', token: w.buyer.token });
    expect(reserved).toMatchObject({ status: 201, body: { listingId: id, status: 'reserved', expiresAt: expect.stringMatching(/Z$/) } });
    expect((await rest(`/listings/${id}/reservations`, { method: 'POST', token: w.otherBuyer.token })).status).toBe(409);
    const early = await rest(`/purchases/${reserved.body.id as string}/rating`, { ...json({ rating: 5 }), token: w.buyer.token });
    expect(early).toMatchObject({ status: 412, body: { code: 'PRECONDITION_FAILED' } });
  });

  it('says what is wrong with the request itself: method, address, media type, JSON', async () => {
    const wrongMethod = await rest('/listings', { method: 'DELETE' });
    expect(wrongMethod).toMatchObject({ status: 405, body: { code: 'METHOD_NOT_SUPPORTED' } });
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
    expect((await rest('/nothing-here')).status).toBe(404);
    const form = await rest('/auth/sign-in', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'username=a' });
    expect(form).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const broken = await rest('/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(broken).toMatchObject({ status: 400, body: { detail: 'The body is not valid JSON' } });
    const photoAsJson = await rest(`/listings/${w.listing.id}/photos`, { ...json({ file: 'x' }), token: w.seller.token });
    expect(photoAsJson.status).toBe(415);
  });

  it('signs in with a token, never a cookie, and refuses a cookie-only mutation from another site', async () => {
    const signIn = await handleRest(opts(), new Request('http://localhost/api/v1/auth/sign-in', json({ username: 'nobody', password: 'wrong password' })), '198.51.100.32');
    expect(signIn.status).toBe(401);
    const { token } = await signedIn(env, 'buyer');
    const cookieOnly = await handleRest(
      opts(),
      new Request(`http://localhost/api/v1/listings/${w.spare.id}/reservations`, { method: 'POST', headers: { cookie: `carparts_session=${token}`, origin: 'https://evil.example' } }),
      '198.51.100.33',
    );
    expect(cookieOnly.status).toBe(403);
  });

  it('uploads a photo as multipart/form-data', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await tinyPng())], { type: 'image/png' }), 'side.png');
    form.set('caption', 'Side view');
    const uploaded = await rest(`/listings/${w.listing.id}/photos`, { method: 'POST', body: form, token: w.seller.token });
    expect(uploaded).toMatchObject({ status: 201, body: { listingId: w.listing.id, caption: 'Side view', isPrimary: false } });
  });
});

describe('GraphQL protections', () => {
  it('refuses a deep query, a fanning one, a huge page and a thousand aliases with 400 before running anything', async () => {
    const nest = (levels: number): string => (levels === 0 ? 'id' : `seller { listings { edges { node { ${nest(levels - 1)} } } } }`);
    const deep = await graphql({ query: `{ listings { edges { node { ${nest(4)} } } } }` });
    expect(deep.status).toBe(400);
    expect((deep.body as GraphqlBody).errors?.[0]).toMatchObject({ message: expect.stringMatching(/too deep/), extensions: { code: 'BAD_REQUEST' } });
    expect((deep.body as GraphqlBody).data).toBeUndefined();
    const costly = await graphql({ query: '{ listings(first: 50) { edges { node { seller { listings(first: 50) { edges { node { id title } } } } } } } }' });
    expect(costly.status).toBe(400);
    expect((costly.body as GraphqlBody).errors?.[0]?.message).toMatch(new RegExp(`too costly.*at most ${GRAPHQL_LIMITS.complexity}`));
    const huge = await graphql({ query: 'query($n: Int) { listings(first: $n) { edges { node { id } } } }', variables: { n: 10_000 } });
    expect(huge.status).toBe(400);
    expect((huge.body as GraphqlBody).errors?.[0]?.message).toMatch(/too costly/);
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: listing(id: "${w.listing.id}") { id }`).join(' ');
    let statements = 0;
    observeReads(env.db, () => statements++);
    const wide = await graphql({ query: `{ ${aliases(200)} }` });
    const thousand = await graphql({ query: `{ ${aliases(1000)} }` });
    observeReads(env.db, undefined);
    expect(wide.status).toBe(400);
    expect((wide.body as GraphqlBody).errors?.[0]?.message).toMatch(/too wide: 400 fields/);
    expect(thousand.status).toBe(400);
    expect((thousand.body as GraphqlBody).errors?.[0]?.message).toMatch(/too long/);
    expect(statements).toBe(0);
    const long = await graphql({ query: `{ listings { edges { node { id } } } }${' '.repeat(GRAPHQL_LIMITS.documentChars)}` });
    expect(long.status).toBe(400);
    expect((long.body as GraphqlBody).errors?.[0]?.message).toMatch(/too long/);
  });

  it('allows one sign-in per operation and at most ten changes, so a password cannot be guessed by aliases', async () => {
    const guesses = Array.from({ length: 2 }, (_, i) => `g${i}: signIn(username: "${w.buyer.user.username}", password: "guess ${i}") { token }`).join(' ');
    const twice = await graphql({ query: `mutation { ${guesses} }` });
    expect(twice.status).toBe(400);
    expect((twice.body as GraphqlBody).errors?.[0]?.message).toBe('Sign in or sign up once per operation');
    const viaFragment = await graphql({ query: `mutation { ...twice } fragment twice on Mutation { ${guesses} }` });
    expect(viaFragment.status).toBe(400);
    const changes = Array.from({ length: 11 }, (_, i) => `o${i}: signOut`).join(' ');
    const eleven = await graphql({ query: `mutation { ${changes} }` });
    expect((eleven.body as GraphqlBody).errors?.[0]?.message).toBe('One operation may make at most 10 changes, not 11');
  });

  it('runs a batch of up to 10 operations and refuses a larger one', async () => {
    const op = { query: '{ listings(first: 1) { edges { node { id } } } }' };
    const ten = await graphql(Array.from({ length: 10 }, () => op));
    expect(ten.body).toHaveLength(10);
    const eleven = await graphql(Array.from({ length: 11 }, () => op));
    expect(JSON.stringify(eleven.body)).toMatch(/Batching is limited to 10 operations/);
  });

  it('has no field that gives away a secret: email and phone only on the signed-in account, no hashes or keys anywhere', async () => {
    const { body } = await graphql({ query: '{ __schema { types { name fields { name } inputFields { name } } } }' });
    const types = (body as GraphqlBody).data!.__schema as { types: { name: string; fields: { name: string }[] | null }[] };
    const holders = (field: string) => types.types.filter((t) => t.fields?.some((f) => f.name === field)).map((t) => t.name).sort();
    expect(holders('email')).toEqual(['Me']);
    expect(holders('phoneNumber')).toEqual(['Counterpart', 'Me']);
    expect(holders('vinLast8')).toEqual(['FitmentCheck']);
    const everyName = JSON.stringify(types).toLowerCase();
    for (const hidden of ['passwordhash', 'secrethash', 'storagekey', 'sessiontoken', 'ratingstartotal']) expect(everyName).not.toContain(hidden);
    // a seller's own email never comes back through the public type, whatever is asked
    const asked = await graphql({ query: `{ seller(id: "${w.seller.user.id}") { email } }` });
    expect((asked.body as GraphqlBody).errors?.map((e) => e.message)).toContain('Cannot query field "email" on type "Seller".');
    expect((asked.body as GraphqlBody).data).toBeUndefined();
  });

  it('reads a page of 50 listings with their sellers, photos and page facts in the same number of statements as a page of 5', async () => {
    for (let i = 0; i < 50; i++) await makeListing(env.db, { sellerId: [w.seller, w.otherSeller][i % 2]!.user.id, vehicleMake: 'Lada', vehicleModel: 'Niva' });
    const statementsFor = async (first: number) => {
      let count = 0;
      observeReads(env.db, () => count++);
      const { body } = await graphql({
        query: `{ listings(where: { make: "Lada" }, first: ${first}) { edges { node { id title version compatibilityNotes partNumbers { number } fitConfirmedBy seller { displayName memberSince activeListings ratingSummary { average } } photos { imageUrl } } } } }`,
      });
      observeReads(env.db, undefined);
      expect((body as GraphqlBody).errors).toBeUndefined();
      expect(((body as GraphqlBody).data!.listings as { edges: unknown[] }).edges).toHaveLength(first);
      return count;
    };
    // a first search reads what searches keep until the next write (the suspended sellers); both pages below find it kept
    await statementsFor(1);
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(fifty).toBe(five);
    expect(fifty).toBeLessThanOrEqual(10);
  });

  it('never runs a mutation from a GET, and refuses a cookie-authenticated mutation from another site', async () => {
    const viaGet = await handleGraphql(opts(), new Request(`http://localhost/api/graphql?query=${encodeURIComponent('mutation { signOut }')}`), '198.51.100.34');
    expect(viaGet.status).toBe(405);
    const { token } = await signedIn(env, 'buyer');
    const crossSite = await graphql(
      { query: `mutation { reserve(listingId: "${w.spare.id}") { id } }` },
      { headers: { cookie: `carparts_session=${token}`, origin: 'https://evil.example' } },
    );
    expect((crossSite.body as GraphqlBody).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows GraphiQL to a browser under a policy that allows its one script and nothing from elsewhere', async () => {
    const page = await handleGraphql(opts(), new Request('http://localhost/api/graphql', { headers: { accept: 'text/html' } }), '198.51.100.35');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
    expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp).not.toMatch(/https?:/);
    expect(await page.text()).not.toMatch(/unpkg|jsdelivr|cdn\./);
  });
});

describe('GraphQL for a buyer\'s own lists', () => {
  it('saves a search, watches a part, reads and marks notifications, and changes how one kind reaches them', async () => {
    const buyer = await signedIn(env, 'buyer');
    const listing = await makeListing(env.db, { sellerId: w.seller.user.id, title: 'Passat B6 tail lamp, right' });
    const saved = await graphql(
      { query: 'mutation($input: SavedSearchInput!) { saveSearch(input: $input) { id name filters path } }', variables: { input: { name: 'Passat lamps', query: { q: 'tail lamp', make: 'VW', model: 'Passat' } } } },
      { token: buyer.token },
    );
    const search = (saved.body as GraphqlBody).data!.saveSearch as { id: string; name: string; filters: string; path: string };
    expect(search.name).toBe('Passat lamps');
    expect(JSON.parse(search.filters)).toEqual({ make: 'VW', model: 'Passat', q: 'tail lamp' });
    expect(search.path).toMatch(/^\/\?/);
    // the procedure's own schema judges the values: a price band upside down is refused in words
    const refused = await graphql(
      { query: 'mutation($input: SavedSearchInput!) { saveSearch(input: $input) { id } }', variables: { input: { query: { minPriceCents: 5_000, maxPriceCents: 1_000 } } } },
      { token: buyer.token },
    );
    expect((refused.body as GraphqlBody).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });

    const watched = await graphql({ query: 'mutation($id: ID!) { watchListing(listingId: $id) }', variables: { id: listing.id } }, { token: buyer.token });
    expect((watched.body as GraphqlBody).data).toEqual({ watchListing: true });
    await w.seller.caller.listings.update({ id: listing.id, expectedVersion: listing.version, priceCents: listing.priceCents - 500 });
    await collectNotifications(env.db, { emailDelayMs: 3_600_000 });
    const told = await graphql({ query: '{ me { unreadNotificationCount notifications(unreadOnly: true) { edges { node { id kind text path listingId } } } } }' }, { token: buyer.token });
    const inbox = (told.body as GraphqlBody).data!.me as { unreadNotificationCount: number; notifications: { edges: { node: { kind: string; text: string; path: string; listingId: string } }[] } };
    expect(inbox.unreadNotificationCount).toBe(1);
    expect(inbox.notifications.edges.map((e) => e.node)).toEqual([expect.objectContaining({ kind: 'watched', listingId: listing.id, path: `/listings/${listing.id}`, text: expect.stringContaining('Passat B6 tail lamp, right') })]);
    const read = await graphql({ query: 'mutation { markNotificationsRead(all: true) }' }, { token: buyer.token });
    expect((read.body as GraphqlBody).data).toEqual({ markNotificationsRead: 0 });

    const mine = await graphql(
      { query: '{ me { savedSearches { id name } watchlist { listingId available listing { title } } notificationPreferences { kind channel } } }' },
      { token: buyer.token },
    );
    const me = (mine.body as GraphqlBody).data!.me as { savedSearches: unknown[]; watchlist: unknown[]; notificationPreferences: { kind: string; channel: string }[] };
    expect(me.savedSearches).toEqual([{ id: search.id, name: 'Passat lamps' }]);
    expect(me.watchlist).toEqual([{ listingId: listing.id, available: true, listing: { title: 'Passat B6 tail lamp, right' } }]);
    expect(me.notificationPreferences).toContainEqual({ kind: 'watched', channel: 'email' });

    const changed = await graphql({ query: 'mutation { setNotificationPreference(kind: "watched", channel: "in_app") { kind channel } }' }, { token: buyer.token });
    expect((changed.body as GraphqlBody).data!.setNotificationPreference).toContainEqual({ kind: 'watched', channel: 'in_app' });
    const wrong = await graphql({ query: 'mutation { setNotificationPreference(kind: "watched", channel: "pigeon") { kind } }' }, { token: buyer.token });
    expect((wrong.body as GraphqlBody).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });

    const removed = await graphql({ query: 'mutation($id: ID!) { removeSavedSearch(id: $id) unwatchListing(listingId: "' + listing.id + '") }', variables: { id: search.id } }, { token: buyer.token });
    expect((removed.body as GraphqlBody).data).toEqual({ removeSavedSearch: true, unwatchListing: true });
    const empty = await graphql({ query: '{ me { savedSearches { id } watchlist { listingId } unreadNotificationCount } }' }, { token: buyer.token });
    expect((empty.body as GraphqlBody).data!.me).toMatchObject({ savedSearches: [], watchlist: [] });
  });
});

describe('REST inventory files', () => {
  it('takes a CSV file as it is, with its options in the query string, and refuses another media type', async () => {
    const yard = await signedIn(env, 'seller');
    const file = 'stock_number,title,category,condition,price,currency,make,model,year_from\nT-1,Radiator,cooling,used_good,60.00,USD,Ford,Focus,2012\n';
    const checked = await rest('/listings/import', { method: 'POST', token: yard.token, headers: { 'content-type': 'text/csv; charset=utf-8' }, body: file });
    expect(checked).toMatchObject({ status: 200, body: { rows: 1, created: 1, imported: false } });
    const imported = await rest('/listings/import?dryRun=false', { method: 'POST', token: yard.token, headers: { 'content-type': 'text/csv' }, body: file });
    expect(imported).toMatchObject({ status: 200, body: { created: 1, imported: true } });
    const exported = await rest('/listings/export', { token: yard.token });
    expect(exported.body.csv).toContain('T-1,Radiator,cooling,used_good,60.00,USD,Ford,Focus,2012,2012');
    expect((await rest('/listings/import', { method: 'POST', token: yard.token, headers: { 'content-type': 'text/plain' }, body: file })).status).toBe(415);
  });
});
