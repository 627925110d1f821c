import { hashPassword } from '@carparts/auth';
import { inquiryReplies } from '@carparts/db';
import { makeListing } from '@carparts/db/testing';
import { LIMITS } from '@carparts/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleTrpc } from '../src/http.ts';
import { PASSWORD_CHANGE_LIMIT } from '../src/routers/auth.ts';
import { PUBLIC_PHOTO_MAX_AGE_S } from '../src/services/photos.ts';
import { callerFor, makeWorld, outcome, photoForm, signedIn, tinyPng, useTestApi } from './helpers.ts';

/** What an attacker tries against the API: each test fails on the code as it was before its fix. */
const env = useTestApi();
const http = (request: Request, address = '203.0.113.9') => handleTrpc({ db: env.db, config: env.config, now: env.now }, request, address);

function batch(path: string, inputs: unknown[], headers: Record<string, string>) {
  const url = `http://localhost/api/trpc/${inputs.map(() => path).join(',')}?batch=1`;
  const body = Object.fromEntries(inputs.map((input, i) => [i, { json: input }]));
  return new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

afterEach(() => vi.restoreAllMocks());

describe('the cap on live reservations per buyer', () => {
  async function tenListings() {
    const seller = await signedIn(env, 'seller');
    return Promise.all(Array.from({ length: 10 }, () => makeListing(env.db, { sellerId: seller.user.id })));
  }

  it('holds for ten reserves sent as one HTTP batch', async () => {
    const listings = await tenListings();
    const buyer = await signedIn(env, 'buyer');
    const response = await http(batch('purchases.reserve', listings.map((l) => ({ listingId: l.id })), { authorization: `Bearer ${buyer.token}` }));
    const results = (await response.json()) as { result?: unknown; error?: { json: { data: { code: string } } } }[];
    const codes = results.map((r) => r.error?.json.data.code ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(LIMITS.activeReservationsPerBuyer);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(10 - LIMITS.activeReservationsPerBuyer);
    const mine = await buyer.caller.purchases.mine({ status: 'reserved' });
    expect(mine.items).toHaveLength(LIMITS.activeReservationsPerBuyer);
  });

  it('holds for ten concurrent in-process calls', async () => {
    const listings = await tenListings();
    const buyer = await signedIn(env, 'buyer');
    const codes = await Promise.all(listings.map((l) => outcome(() => buyer.caller.purchases.reserve({ listingId: l.id }))));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(LIMITS.activeReservationsPerBuyer);
    expect((await buyer.caller.purchases.mine({ status: 'reserved' })).items).toHaveLength(LIMITS.activeReservationsPerBuyer);
  });
});

describe('auth.changePassword', () => {
  it('is throttled per account: a stolen session cannot guess the current password, batched or not', async () => {
    const password = 'the current passphrase 9';
    const owner = await signedIn(env, 'buyer', { passwordHash: await hashPassword(password) });
    const guesses = Array.from({ length: 10 }, (_, i) => ({ currentPassword: `guess number ${i}`, newPassword: 'a brand new passphrase' }));
    const response = await http(batch('auth.changePassword', guesses, { authorization: `Bearer ${owner.token}` }));
    const codes = ((await response.json()) as { error?: { json: { data: { code: string } } } }[]).map((r) => r.error?.json.data.code ?? 'OK');
    expect(codes.filter((c) => c === 'FORBIDDEN')).toHaveLength(PASSWORD_CHANGE_LIMIT.limit);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(10 - PASSWORD_CHANGE_LIMIT.limit);
    // even the right password is refused until the window passes, so the guesser learns nothing from it
    await expect(owner.caller.auth.changePassword({ currentPassword: password, newPassword: 'a brand new passphrase' })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    env.clock.offsetMs += PASSWORD_CHANGE_LIMIT.windowMs + 1_000;
    try {
      const fresh = await signedIn(env, 'buyer', { passwordHash: await hashPassword(password) });
      await expect(fresh.caller.auth.changePassword({ currentPassword: password, newPassword: 'a brand new passphrase' })).resolves.toMatchObject({ user: { id: fresh.user.id } });
      const stillOwner = callerFor(env, owner.user);
      await expect(stillOwner.auth.changePassword({ currentPassword: password, newPassword: 'a brand new passphrase' })).resolves.toBeDefined();
    } finally {
      env.clock.offsetMs = 0;
    }
  });
});

describe('inquiry replies', () => {
  it('are rate-limited per author', async () => {
    const w = await makeWorld(env);
    const codes: string[] = [];
    for (let i = 0; i <= LIMITS.inquiryRepliesPerUserPerHour; i++) {
      codes.push(await outcome(() => w.seller.caller.inquiries.reply({ inquiryId: w.inquiry.id, message: `Answer ${i}` })));
    }
    expect(codes.slice(0, LIMITS.inquiryRepliesPerUserPerHour).every((c) => c === 'OK')).toBe(true);
    expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS');
  });

  it('stop when a conversation reaches its length, and lists carry only the latest replies while inquiries.get pages through all', async () => {
    const w = await makeWorld(env);
    const start = env.now().getTime();
    const filler = Array.from({ length: LIMITS.messagesPerInquiry - 2 }, (_, i) => ({
      inquiryId: w.inquiry.id,
      authorId: i % 2 ? w.buyer.user.id : w.seller.user.id,
      message: `message ${i}`,
      createdAt: new Date(start + i * 1_000),
      updatedAt: new Date(start + i * 1_000),
    }));
    await env.db.insert(inquiryReplies).values(filler);
    env.clock.offsetMs = filler.length * 1_000 + 1_000;
    try {
      // the question plus 98 replies is 99 messages: one more fits, then the thread is full
      await expect(w.seller.caller.inquiries.reply({ inquiryId: w.inquiry.id, message: 'The last word' })).resolves.toBeDefined();
      await expect(w.buyer.caller.inquiries.reply({ inquiryId: w.inquiry.id, message: 'One more?' })).rejects.toMatchObject({
        code: 'PRECONDITION_FAILED',
        message: expect.stringContaining(`${LIMITS.messagesPerInquiry} messages`),
      });
    } finally {
      env.clock.offsetMs = 0;
    }

    const listed = (await w.buyer.caller.inquiries.mine({})).items.find((t) => t.id === w.inquiry.id)!;
    expect(listed.replyCount).toBe(LIMITS.messagesPerInquiry - 1);
    expect(listed.replies).toHaveLength(LIMITS.repliesShownPerThread);
    expect(listed.earlierReplies).toBe(LIMITS.messagesPerInquiry - 1 - LIMITS.repliesShownPerThread);
    expect(listed.replies.at(-1)?.message).toBe('The last word');

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await w.buyer.caller.inquiries.get({ inquiryId: w.inquiry.id, cursor, limit: 40 });
      seen.push(...page.replies.map((r) => r.message));
      cursor = page.repliesNextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(LIMITS.messagesPerInquiry - 1);
    expect(seen[0]).toBe('message 0');
    expect(seen.at(-1)).toBe('The last word');
  });
});

describe('logs', () => {
  it('a failed insert during sign-up logs the statement but none of the values being written', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    await env.db.$client.execute(
      "CREATE TRIGGER IF NOT EXISTS refuse_doomed_user BEFORE INSERT ON users WHEN NEW.username = 'doomed-user' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
    );
    const input = { username: 'doomed-user', email: 'doomed.secret@example.test', password: 'my secret passphrase 77', role: 'buyer', displayName: 'Doomed', phoneNumber: '+1 555 867 5309' };
    const response = await http(
      new Request('http://localhost/api/trpc/auth.signUp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: input }) }),
    );
    expect(response.status).toBe(500);
    expect(await response.text()).not.toMatch(/disk on fire|insert into/i);
    const logged = errors.join('\n');
    expect(logged).toMatch(/insert into \\"users\\"/);
    for (const secret of [input.email, input.phoneNumber, input.password, '$argon2id', 'doomed-user']) expect(logged).not.toContain(secret);
    await env.db.$client.execute('DROP TRIGGER refuse_doomed_user');
  });

  it('a refused sign-in logs the account it named, never what was typed as the username', async () => {
    const lines: string[] = [];
    vi.stubEnv('CARPARTS_QUIET_LOGS', '0');
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    const typedPassword = 'hunter2-in-the-wrong-box';
    await expect(callerFor(env, null).auth.signIn({ username: typedPassword, password: 'x' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const known = await signedIn(env, 'buyer');
    await expect(callerFor(env, null).auth.signIn({ username: known.user.username, password: 'wrong' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    vi.unstubAllEnvs();
    const refused = lines.filter((l) => l.includes('auth.signIn.refused'));
    expect(refused).toHaveLength(2);
    expect(refused.join('\n')).not.toContain(typedPassword);
    expect(refused.join('\n')).not.toContain(known.user.username);
    expect(JSON.parse(refused[1]!)).toMatchObject({ userId: known.user.id });
  });
});

describe('request ids', () => {
  it('are made by the server: a client-supplied x-request-id never reaches the audit log', async () => {
    const w = await makeWorld(env);
    const forged = 'forged-by-the-client';
    const request = new Request('http://localhost/api/trpc/console.moderateListing', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${w.operator.token}`, 'x-request-id': forged },
      body: JSON.stringify({ json: { id: w.listing.id, action: 'remove', reason: 'Counterfeit part' } }),
    });
    expect((await http(request)).status).toBe(200);
    const log = await w.operator.caller.console.auditLog({ targetId: w.listing.id });
    expect(log.items[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(log)).not.toContain('forged');
  });
});

describe('fitment.preview', () => {
  it('takes the VIN fragment in a request body, never in a URL', async () => {
    const w = await makeWorld(env);
    const input = { json: { listingId: w.listing.id, vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2014, vinLast8: 'E1234567' } };
    const viaUrl = await http(new Request(`http://localhost/api/trpc/fitment.preview?input=${encodeURIComponent(JSON.stringify(input))}`));
    expect(viaUrl.status).toBe(405);
    const viaBody = await http(new Request('http://localhost/api/trpc/fitment.preview', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) }));
    expect(viaBody.status).toBe(200);
  });
});

describe('photos in shared caches', () => {
  it('a public photo may be cached a minute at most; once the listing is withdrawn it is private and then gone', async () => {
    const seller = await signedIn(env, 'seller');
    const listing = await makeListing(env.db, { sellerId: seller.user.id });
    const photo = await seller.caller.photos.upload(await photoForm(listing.id, await tinyPng()));
    const fileName = photo.imageUrl.replace('/photos/', '');
    const { servePhoto } = await import('../src/services/photos.ts');

    const cacheControl = (await servePhoto(env.db, env.config, fileName, null)).headers.get('cache-control')!;
    const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1]);
    expect(cacheControl).toMatch(/^public/);
    expect(maxAge).toBeLessThanOrEqual(60);
    expect(maxAge).toBe(PUBLIC_PHOTO_MAX_AGE_S);

    await seller.caller.listings.setStatus({ id: listing.id, status: 'withdrawn' });
    expect((await servePhoto(env.db, env.config, fileName, null)).status).toBe(404);
    const toOwner = await servePhoto(env.db, env.config, fileName, seller.user);
    expect(toOwner.status).toBe(200);
    expect(toOwner.headers.get('cache-control')).toBe('private, no-store');
  });
});
