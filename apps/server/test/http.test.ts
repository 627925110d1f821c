import type { Server } from 'node:http';
import { join } from 'node:path';
import { inventoryPhotos, sellerRatings } from '@carparts/db';
import { createTestDb, makeListing, makeUser, type TestDb } from '@carparts/db/testing';
import { hashPassword } from '@carparts/auth';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleTrpc, MAX_REQUEST_BODY_BYTES } from '@carparts/api/http';
import { createApiServer, listen } from '../src/server.ts';

let t: TestDb;
let server: Server;
let base: string;
const PASSWORD = 'http test password 1';

beforeAll(async () => {
  t = await createTestDb();
  server = createApiServer({
    db: t.db,
    config: { reservationTtlMs: 3_600_000, photoDir: join(t.dir, 'photos'), allowedOrigins: [], secureCookies: false, trustedProxies: 0 },
  });
  base = await listen(server, 0);
  const hash = await hashPassword(PASSWORD);
  await makeUser(t.db, { username: 'http-seller', role: 'seller', passwordHash: hash });
  await makeUser(t.db, { username: 'http-buyer', role: 'buyer', passwordHash: hash });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  t.close();
});

const trpc = (path: string, init?: RequestInit) => fetch(`${base}/api/trpc/${path}`, init);
const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function signInCookie(username: string) {
  const response = await trpc('auth.signIn', json({ json: { username, password: PASSWORD } }, { origin: base }));
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie()[0]!;
  return { setCookie: cookie, cookie: cookie.split(';')[0]! };
}

describe('the HTTP API', () => {
  it('signs in with an HttpOnly, SameSite=Lax, path-wide cookie and never returns the token in the body', async () => {
    const response = await trpc('auth.signIn', json({ json: { username: 'http-buyer', password: PASSWORD } }, { origin: base }));
    const body = await response.text();
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^session=[a-z2-7]{32}\.[a-z2-7]{32}; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(body).not.toContain(cookie!.split(';')[0]!.split('=')[1]!);
    expect(body).not.toMatch(/passwordHash|secretHash/);
  });

  it('refuses cookie-authenticated mutations from another origin or without one; bearer tokens need no origin', async () => {
    const { cookie } = await signInCookie('http-seller');
    const create = { json: { title: 'Starter motor', partCategory: 'electrical', condition: 'used_good', priceCents: 3_000, currency: 'USD', vehicleMake: 'Ford', vehicleModel: 'Focus' } };
    expect((await trpc('listings.create', json(create, { cookie, origin: 'https://evil.example' }))).status).toBe(403);
    expect((await trpc('listings.create', json(create, { cookie }))).status).toBe(403);
    expect((await trpc('listings.create', json(create, { cookie, origin: base }))).status).toBe(200);
    const token = await fetch(`${base}/api/trpc/auth.signIn`, json({ json: { username: 'http-seller', password: PASSWORD, sessionIn: 'token' } })).then((r) => r.json() as Promise<{ result: { data: { json: { token: string } } } }>);
    const bearer = token.result.data.json.token;
    expect((await trpc('listings.create', json(create, { authorization: `Bearer ${bearer}` }))).status).toBe(200);
  });

  it('never runs a mutation over GET and refuses other content types with 415', async () => {
    const { cookie } = await signInCookie('http-seller');
    const get = await trpc(`auth.signOut?input=${encodeURIComponent(JSON.stringify({ json: null }))}`, { headers: { cookie } });
    expect(get.status).toBe(405);
    // the session survived the GET
    expect((await trpc('auth.me', { headers: { cookie } })).status).toBe(200);
    const plain = await trpc('auth.signOut', { method: 'POST', headers: { 'content-type': 'text/plain', cookie, origin: base }, body: '{}' });
    expect(plain.status).toBe(415);
  });

  it('caps batches at 10 calls', async () => {
    const paths = (n: number) => Array.from({ length: n }, () => 'listings.vehicleOptions').join(',');
    const input = (n: number) => encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: {} }]))));
    expect((await trpc(`${paths(10)}?batch=1&input=${input(10)}`)).status).toBe(200);
    expect((await trpc(`${paths(11)}?batch=1&input=${input(11)}`)).status).toBe(400);
  });

  it('counts every sign-in attempt inside a batch', async () => {
    const attempts = Array.from({ length: 10 }, () => 'auth.signIn').join(',');
    const body = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, { json: { username: 'http-batch-victim', password: 'wrong password' } }]));
    await makeUser(t.db, { username: 'http-batch-victim', passwordHash: await hashPassword(PASSWORD) });
    await trpc(`${attempts}?batch=1`, json(body));
    const next = await trpc('auth.signIn', json({ json: { username: 'http-batch-victim', password: PASSWORD } }));
    expect(next.status).toBe(429);
  });

  it('answers a body over the limit with 413 and a deeply nested body with 400, and keeps serving', async () => {
    const big = await fetch(`${base}/api/trpc/listings.create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(MAX_REQUEST_BODY_BYTES + 10) }).catch(() => null);
    expect(big?.status).toBe(413);
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const started = performance.now();
    const nested = await trpc('listings.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"json":${deep}}` });
    expect(nested.status).toBeGreaterThanOrEqual(400);
    expect(nested.status).toBeLessThan(500);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('hides internals: no stack traces or SQL in error bodies', async () => {
    const response = await trpc(`listings.get?input=${encodeURIComponent(JSON.stringify({ json: { id: "x' OR 1=1 --" } }))}`);
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(body).not.toMatch(/stack|at \w+ \(|SELECT|sqlite/i);
    expect(JSON.parse(body).error.json.message).toBe('id: Not a valid id');
  });

  it('uploads a photo as multipart and serves it back with safe headers', async () => {
    const { cookie } = await signInCookie('http-seller');
    const seller = await t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.username, 'http-seller') });
    const listing = await makeListing(t.db, { sellerId: seller!.id });
    const form = new FormData();
    form.set('listingId', listing.id);
    form.set('caption', 'Left side');
    form.set('file', new Blob([new Uint8Array(await sharp({ create: { width: 80, height: 60, channels: 3, background: '#123456' } }).jpeg().toBuffer())]), 'x.jpg');
    const crossSite = await trpc('photos.upload', { method: 'POST', headers: { cookie, origin: 'https://evil.example' }, body: form });
    expect(crossSite.status).toBe(403);
    const response = await trpc('photos.upload', { method: 'POST', headers: { cookie, origin: base }, body: form });
    expect(response.status).toBe(200);
    const photo = (await response.json()) as { result: { data: { json: { imageUrl: string } } } };
    const served = await fetch(`${base}${photo.result.data.json.imageUrl}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect((await fetch(`${base}/photos/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it('answers malformed multipart bodies with a 4xx and keeps serving', async () => {
    const { cookie } = await signInCookie('http-seller');
    for (const body of ['--wrong\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--wrong--', '', '--abc\r\nContent-Disposition: form-data; name="file"; filename="x.jpg"\r\n\r\n\xff\xd8']) {
      const response = await trpc('photos.upload', { method: 'POST', headers: { cookie, origin: base, 'content-type': 'multipart/form-data; boundary=abc' }, body });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('ends the session at sign-out: the old cookie no longer works', async () => {
    const { cookie } = await signInCookie('http-buyer');
    expect((await trpc('auth.me', { headers: { cookie } })).status).toBe(200);
    const out = await trpc('auth.signOut', json({ json: null }, { cookie, origin: base }));
    expect(out.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
    expect((await trpc('auth.me', { headers: { cookie } })).status).toBe(401);
  });
});

describe('queries answered without the Fetch adapter', () => {
  it('answer exactly what the tRPC handler answers: the same status, headers that matter and body, errors included', async () => {
    const seller = await makeUser(t.db, { role: 'seller', username: 'direct-seller' });
    // a card with every kind of field filled: the direct path copies the cards' JSON as SQLite wrote it, the adapter
    // reads it into objects and writes them out again
    const listing = await makeListing(t.db, {
      sellerId: seller.id,
      title: 'Direct path alternator "90A" — tested',
      vehicleMake: 'Audi',
      vehicleModel: 'A4',
      vehicleYear: 2009,
      coverage: [
        { make: 'Audi', model: 'A4', yearFrom: 2009, yearTo: 2009, engine: '2.0 TDI' },
        { make: 'Volkswagen', model: 'Passat', yearFrom: 2006, yearTo: 2010 },
      ],
      city: 'Graz',
      country: 'AT',
      lat: 47.06667,
      lon: 15.45,
      pickupAvailable: true,
      freightOnly: true,
    });
    await t.db.insert(inventoryPhotos).values({ partListingId: listing.id, storageKey: 'direct.webp', imageUrl: '/photos/direct.webp', thumbnailUrl: '/photos/direct-thumb.webp', caption: 'Front', isPrimary: true, width: 800, height: 600, bytes: 1000, uploadedBy: seller.id });
    const raters = await Promise.all([1, 2, 3].map((n) => makeUser(t.db, { role: 'buyer', username: `direct-rater-${n}` })));
    await t.db.insert(sellerRatings).values(raters.map((buyer, i) => ({ sellerId: seller.id, buyerId: buyer.id, partListingId: listing.id, rating: [5, 5, 4][i]! })));
    const { cookie } = await signInCookie('http-buyer');
    const opts = { db: t.db, config: { reservationTtlMs: 3_600_000, photoDir: join(t.dir, 'photos'), allowedOrigins: [], secureCookies: false, trustedProxies: 0 } };
    const calls: [string, unknown, Record<string, string>?][] = [
      ['listings.search', { make: 'Audi', model: 'A4', year: 2009, sort: 'price_asc', withCounts: true }],
      ['listings.search', { q: 'alternator' }],
      ['listings.get', { id: listing.id }],
      ['listings.get', { id: 'nosuchlisting00' }],
      ['listings.search', { limit: 1_000_000 }],
      ['listings.vehicleOptions', { make: 'Audi' }],
      ['users.profile', { userId: seller.id }],
      ['auth.me', undefined, { cookie }],
      ['purchases.mine', {}],
    ];
    for (const [path, input, headers = {}] of calls) {
      const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
      const direct = await fetch(`${base}/api/trpc/${path}${query}`, { headers });
      const viaAdapter = await handleTrpc(opts, new Request(`${base}/api/trpc/${path}${query}`, { headers }), '127.0.0.1');
      expect(direct.status, path).toBe(viaAdapter.status);
      for (const header of ['content-type', 'cache-control', 'x-content-type-options']) expect(direct.headers.get(header), `${path} ${header}`).toBe(viaAdapter.headers.get(header));
      expect(await direct.json(), path).toEqual(await viaAdapter.json());
    }
    const search = await fetch(`${base}/api/trpc/listings.search?input=${encodeURIComponent(JSON.stringify({ json: { q: 'alternator' } }))}`).then((r) => r.json() as Promise<{ result: { data: { json: { items: Record<string, unknown>[] } } } }>);
    expect(search.result.data.json.items.find((card) => card.id === listing.id)).toMatchObject({
      title: 'Direct path alternator "90A" — tested',
      seller: { ratings: { average: 4.67, count: 3, verifiedCount: 0 } },
      primaryPhoto: { imageUrl: '/photos/direct.webp', thumbnailUrl: '/photos/direct-thumb.webp', caption: 'Front' },
      coverage: [
        { make: 'Audi', model: 'A4', yearFrom: 2009, yearTo: 2009, engine: '2.0 TDI' },
        { make: 'Volkswagen', model: 'Passat', yearFrom: 2006, yearTo: 2010, engine: null },
      ],
      location: { city: 'Graz', country: 'AT', lat: 47.06667, lon: 15.45 },
      pickupAvailable: true,
      freightOnly: true,
      createdAt: listing.createdAt.toISOString(),
    });
  });
});

describe('the API host behind proxies and over https', () => {
  async function hostWith(config: Partial<Parameters<typeof createApiServer>[0]['config']>) {
    const host = createApiServer({
      db: t.db,
      config: { reservationTtlMs: 3_600_000, photoDir: join(t.dir, 'photos'), allowedOrigins: [], secureCookies: false, trustedProxies: 0, ...config },
    });
    const url = await listen(host, 0);
    return { url, close: () => new Promise((resolve) => host.close(resolve)) };
  }

  it('with one trusted proxy, a client rotating the left-most X-Forwarded-For is still one address to the throttle', async () => {
    const proxied = await hostWith({ trustedProxies: 1 });
    try {
      await makeUser(t.db, { username: 'xff-victim', passwordHash: await hashPassword(PASSWORD) });
      const attempt = (forgedPart: string) =>
        fetch(`${proxied.url}/api/trpc/auth.signIn`, {
          ...json({ json: { username: 'xff-victim', password: 'not the password' } }),
          // what our proxy sends on: whatever the client claimed, then the address the proxy saw
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `${forgedPart}, 203.0.113.50` },
        }).then((r) => r.status);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push(await attempt(`10.0.${i}.1`));
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await proxied.close();
    }
  });

  it('compresses JSON answers for clients that accept it', async () => {
    const seller = await t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.username, 'http-seller') });
    await Promise.all(Array.from({ length: 20 }, (_, i) => makeListing(t.db, { sellerId: seller!.id, title: `Compressible alternator ${i}` })));
    const input = encodeURIComponent(JSON.stringify({ json: { sellerId: seller!.id, limit: 20 } }));
    const response = await fetch(`${base}/api/trpc/listings.search?input=${input}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toMatch(/^(br|gzip)$/);
    const body = (await response.json()) as { result: { data: { json: { items: unknown[] } } } };
    expect(body.result.data.json.items).toHaveLength(20);
  });

  it('sends HSTS once the public origin is https, and not over plain http', async () => {
    expect((await fetch(`${base}/healthz`)).headers.get('strict-transport-security')).toBeNull();
    const secure = await hostWith({ secureCookies: true, allowedOrigins: ['https://parts.example'] });
    try {
      expect((await fetch(`${secure.url}/healthz`)).headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    } finally {
      await secure.close();
    }
  });
});
