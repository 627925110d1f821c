import { hashPassword } from '@carparts/auth';
import { users } from '@carparts/db';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/root.ts';
import { handleTrpc } from '../src/http.ts';
import { callerFor, makeWorld, outcome, photoForm, tinyPng, useTestApi, type World } from './helpers.ts';

/**
 * The authorization matrix (SECURITY.md items 1, 2, 8): every procedure × every point of view, with the exact code
 * expected. A procedure added to the router without a row here fails the completeness test.
 */
type Actor = 'anon' | 'buyer' | 'otherBuyer' | 'seller' | 'otherSeller' | 'operator';
type Code = 'OK' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
type Row = { input: (w: World) => unknown | Promise<unknown>; expect: Record<Actor, Code> };

const ACTORS: Actor[] = ['anon', 'buyer', 'otherBuyer', 'seller', 'otherSeller', 'operator'];
const all = (code: Code): Record<Actor, Code> => Object.fromEntries(ACTORS.map((a) => [a, code])) as Record<Actor, Code>;
const authed = (overrides: Partial<Record<Actor, Code>> = {}) => ({ ...all('OK'), anon: 'UNAUTHORIZED' as const, ...overrides });
const only = (roles: ('buyer' | 'seller' | 'operator')[], overrides: Partial<Record<Actor, Code>> = {}): Record<Actor, Code> => {
  const roleOf: Record<Actor, string> = { anon: '', buyer: 'buyer', otherBuyer: 'buyer', seller: 'seller', otherSeller: 'seller', operator: 'operator' };
  const base = Object.fromEntries(ACTORS.map((a) => [a, a === 'anon' ? 'UNAUTHORIZED' : roles.includes(roleOf[a] as never) ? 'OK' : 'FORBIDDEN'])) as Record<Actor, Code>;
  return { ...base, ...overrides };
};

const KNOWN_PASSWORD = 'matrix password 123';
let unique = 0;
const vehicle = { vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2014 };

export const MATRIX: Record<string, Row> = {
  'auth.signUp': { input: () => ({ username: `new${Date.now()}${unique++}`, email: `n${Date.now()}${unique++}@example.test`, password: 'a fine long password', role: 'buyer', displayName: 'New' }), expect: all('OK') },
  'auth.signIn': { input: () => ({ username: 'matrix-known', password: KNOWN_PASSWORD }), expect: all('OK') },
  'auth.signOut': { input: () => undefined, expect: all('OK') },
  'auth.me': { input: () => undefined, expect: authed() },
  'auth.changePassword': { input: () => ({ currentPassword: 'not the password', newPassword: 'another long password' }), expect: authed({ buyer: 'FORBIDDEN', otherBuyer: 'FORBIDDEN', seller: 'FORBIDDEN', otherSeller: 'FORBIDDEN', operator: 'FORBIDDEN' }) },
  'auth.updateProfile': { input: () => ({ displayName: 'Renamed' }), expect: authed() },
  'auth.setVehicle': { input: () => ({ vehicle }), expect: authed() },
  'users.profile': { input: (w) => ({ userId: w.seller.user.id }), expect: all('OK') },
  'listings.search': { input: () => ({ make: 'VW' }), expect: all('OK') },
  'listings.get': { input: (w) => ({ id: w.listing.id }), expect: all('OK') },
  'listings.vehicleOptions': { input: () => ({}), expect: all('OK') },
  'listings.create': {
    input: () => ({ title: 'Brake caliper', partCategory: 'brakes', condition: 'used_good', priceCents: 1000, currency: 'USD', vehicleMake: 'Ford', vehicleModel: 'Focus' }),
    expect: only(['seller']),
  },
  'listings.update': { input: (w) => ({ id: w.listing.id, expectedVersion: 1, priceCents: 1 }), expect: only(['seller'], { otherSeller: 'FORBIDDEN' }) },
  'listings.setStatus': { input: (w) => ({ id: w.listing.id, status: 'withdrawn' }), expect: only(['seller'], { otherSeller: 'FORBIDDEN' }) },
  'listings.mine': { input: () => ({}), expect: only(['seller']) },
  'purchases.reserve': { input: (w) => ({ listingId: w.spare.id }), expect: only(['buyer']) },
  'purchases.cancel': { input: (w) => ({ purchaseId: w.reservation.id }), expect: authed({ otherBuyer: 'NOT_FOUND', otherSeller: 'NOT_FOUND', operator: 'NOT_FOUND' }) },
  'purchases.complete': { input: (w) => ({ purchaseId: w.reservation.id }), expect: only(['seller'], { otherSeller: 'NOT_FOUND' }) },
  'purchases.mine': { input: () => ({}), expect: authed() },
  'fitment.check': { input: (w) => ({ listingId: w.listing.id, ...vehicle, vinLast8: 'E1234567' }), expect: only(['buyer']) },
  'fitment.preview': { input: (w) => ({ listingId: w.listing.id, ...vehicle }), expect: all('OK') },
  'fitment.mine': { input: () => ({}), expect: only(['buyer']) },
  'photos.upload': { input: async (w) => photoForm(w.listing.id, await tinyPng()), expect: only(['seller'], { otherSeller: 'FORBIDDEN' }) },
  'photos.remove': { input: (w) => ({ photoId: w.photo.id }), expect: only(['seller'], { otherSeller: 'FORBIDDEN' }) },
  'photos.setPrimary': { input: (w) => ({ photoId: w.photo.id }), expect: only(['seller'], { otherSeller: 'FORBIDDEN' }) },
  'photos.update': { input: (w) => ({ photoId: w.photo.id, caption: 'Front view' }), expect: only(['seller'], { otherSeller: 'FORBIDDEN' }) },
  'photos.list': { input: (w) => ({ listingId: w.listing.id }), expect: all('OK') },
  'ratings.create': { input: (w) => ({ purchaseId: w.sale.id, rating: 5 }), expect: only(['buyer'], { otherBuyer: 'NOT_FOUND' }) },
  'ratings.forSeller': { input: (w) => ({ sellerId: w.seller.user.id }), expect: all('OK') },
  'inquiries.create': { input: (w) => ({ listingId: w.listing.id, message: 'Does it fit a 2015?' }), expect: only(['buyer']) },
  'inquiries.reply': { input: (w) => ({ inquiryId: w.inquiry.id, message: 'Yes' }), expect: authed({ otherBuyer: 'NOT_FOUND', otherSeller: 'NOT_FOUND', operator: 'NOT_FOUND' }) },
  'inquiries.close': { input: (w) => ({ inquiryId: w.inquiry.id }), expect: authed({ otherBuyer: 'NOT_FOUND', otherSeller: 'NOT_FOUND', operator: 'NOT_FOUND' }) },
  'inquiries.get': { input: (w) => ({ inquiryId: w.inquiry.id }), expect: authed({ otherBuyer: 'NOT_FOUND', otherSeller: 'NOT_FOUND' }) },
  'inquiries.mine': { input: () => ({}), expect: authed() },
  'console.listings': { input: () => ({}), expect: only(['operator']) },
  'console.listing': { input: (w) => ({ id: w.listing.id }), expect: only(['operator']) },
  'console.moderateListing': { input: (w) => ({ id: w.listing.id, action: 'remove', reason: 'Counterfeit part' }), expect: only(['operator']) },
  'console.inquiries': { input: () => ({ status: 'open' }), expect: only(['operator']) },
  'console.inquiry': { input: (w) => ({ inquiryId: w.inquiry.id }), expect: only(['operator']) },
  'console.closeInquiry': { input: (w) => ({ inquiryId: w.inquiry.id, reason: 'Abusive language' }), expect: only(['operator']) },
  'console.fitmentLogs': { input: () => ({ fitmentStatus: ['needs_review'] }), expect: only(['operator']) },
  'console.fitmentProblems': { input: () => ({}), expect: only(['operator']) },
  'console.reviewFitmentLog': { input: (w) => ({ logId: w.fitmentLog.id, note: 'Vehicle data checked' }), expect: only(['operator']) },
  'console.users': { input: () => ({ q: 'user' }), expect: only(['operator']) },
  'console.user': { input: (w) => ({ userId: w.buyer.user.id }), expect: only(['operator']) },
  'console.setUserRole': { input: (w) => ({ userId: w.otherBuyer.user.id, role: 'seller', reason: 'Registered a business' }), expect: only(['operator']) },
  'console.suspendUser': { input: (w) => ({ userId: w.otherBuyer.user.id, reason: 'Spam inquiries' }), expect: only(['operator']) },
  'console.auditLog': { input: () => ({}), expect: only(['operator']) },
  'console.stats': { input: () => ({ window: 'week' }), expect: only(['operator']) },
};

const env = useTestApi();
beforeAll(async () => {
  const [known] = await env.db.insert(users).values({ username: 'matrix-known', email: 'known@example.test', passwordHash: await hashPassword(KNOWN_PASSWORD), role: 'buyer', displayName: 'Known' }).returning();
  expect(known).toBeDefined();
});

function callProcedure(path: string, caller: ReturnType<typeof callerFor>, input: unknown) {
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
  return fn(input);
}

/** Values that must never appear in a response to someone who is not entitled to them. */
function secretsFor(w: World, actor: Actor, path: string) {
  const people = [w.seller, w.otherSeller, w.buyer, w.otherBuyer, w.operator];
  const self = actor === 'anon' ? null : w[actor].user;
  const operatorConsole = actor === 'operator' && path.startsWith('console.');
  const secrets: string[] = [];
  for (const p of people) {
    if (p.user.id === self?.id || operatorConsole) continue;
    secrets.push(p.user.email);
    // a live purchase shows the counterparty's phone to the other party, and only that
    const counterparty = path === 'purchases.mine' && ((actor === 'buyer' && p === w.seller) || (actor === 'seller' && p === w.buyer));
    if (p.user.phoneNumber && !counterparty) secrets.push(p.user.phoneNumber);
    secrets.push(p.token, p.token.split('.')[1]!);
  }
  if (!operatorConsole && !(actor === 'buyer' && path.startsWith('fitment.'))) secrets.push(w.fitmentLog.vinLast8!);
  return secrets;
}

describe('authorization matrix', () => {
  it('has a row for every procedure of the router, and no row for a procedure that does not exist', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(procedures);
  });

  for (const [path, row] of Object.entries(MATRIX)) {
    describe(path, () => {
      for (const actor of ACTORS) {
        it(`${actor} → ${row.expect[actor]}`, async () => {
          const w = await makeWorld(env);
          const user = actor === 'anon' ? null : w[actor].user;
          const caller = callerFor(env, user);
          let output: unknown;
          const code = await outcome(async () => {
            output = await callProcedure(path, caller, await row.input(w));
          });
          expect(code).toBe(row.expect[actor]);
          if (code === 'OK') {
            const json = JSON.stringify(output ?? null);
            expect(json).not.toMatch(/passwordHash|password_hash|secretHash|storageKey/);
            for (const secret of secretsFor(w, actor, path)) expect(json).not.toContain(secret);
          }
        });
      }
    });
  }

  it('gives the anonymous column the same answers over HTTP', async () => {
    const w = await makeWorld(env);
    for (const [path, row] of Object.entries(MATRIX)) {
      const procedure = appRouter._def.procedures[path as keyof typeof appRouter._def.procedures] as unknown as { _def: { type: string } };
      const input = await row.input(w);
      const url = new URL(`http://localhost/api/trpc/${path}`);
      let request: Request;
      if (procedure._def.type === 'query') {
        if (input !== undefined) url.searchParams.set('input', JSON.stringify({ json: input }));
        request = new Request(url);
      } else if (input instanceof FormData) {
        request = new Request(url, { method: 'POST', body: input });
      } else {
        request = new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: input ?? null }) });
      }
      const response = await handleTrpc({ db: env.db, config: env.config, now: env.now }, request, '198.51.100.7');
      const body = (await response.json()) as { error?: { json: { data: { code: string } } } };
      expect({ path, code: body.error?.json.data.code ?? 'OK' }).toEqual({ path, code: row.expect.anon });
    }
  });

  it('a suspended account is signed out everywhere at once', async () => {
    const w = await makeWorld(env);
    await callerFor(env, w.operator.user).console.suspendUser({ userId: w.buyer.user.id, reason: 'Chargeback fraud' });
    const request = new Request('http://localhost/api/trpc/auth.me', { headers: { authorization: `Bearer ${w.buyer.token}` } });
    const response = await handleTrpc({ db: env.db, config: env.config, now: env.now }, request, '198.51.100.8');
    expect(response.status).toBe(401);
    const stored = await env.db.query.users.findFirst({ where: eq(users.id, w.buyer.user.id) });
    expect(stored?.status).toBe('suspended');
  });
});
