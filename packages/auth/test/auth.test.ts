import { readdirSync, readFileSync } from 'node:fs';
import { sessions, users } from '@carparts/db';
import { createTestDb, makeUser, type TestDb } from '@carparts/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SESSION_POLICY,
  SIGN_IN_LIMITS,
  WRONG_CREDENTIALS,
  createSession,
  hashPassword,
  isCommonPassword,
  needsRehash,
  sessionTokenFrom,
  serializeSessionCookie,
  signIn,
  validateSessionToken,
  verifyPassword,
} from '../src/index.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const HOUR = 3_600_000;

describe('passwords', () => {
  it('hashes with argon2id at or above the OWASP parameters and verifies only the exact password', async () => {
    const long = 'ü'.repeat(99) + 'a' + 'x'.repeat(100);
    const stored = await hashPassword(long);
    const [, m, tCost] = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$/.exec(stored)!.map(Number);
    expect(m).toBeGreaterThanOrEqual(19_456);
    expect(tCost).toBeGreaterThanOrEqual(2);
    expect(await verifyPassword(stored, long)).toBe(true);
    expect(await verifyPassword(stored, long.slice(0, 99) + 'b' + long.slice(100))).toBe(false);
    expect(await verifyPassword(stored, long.toUpperCase())).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('knows the common passwords, case-insensitively', () => {
    expect(isCommonPassword('password1')).toBe(true);
    expect(isCommonPassword('PassWord1')).toBe(true);
    expect(isCommonPassword('correct horse battery staple 42')).toBe(false);
  });
});

describe('sessions', () => {
  it('issues unique tokens of 160+160 random bits and stores only a hash of the secret', async () => {
    const user = await makeUser(t.db);
    const tokens = new Set<string>();
    for (let i = 0; i < 200; i++) tokens.add((await createSession(t.db, user)).token);
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/);
    const [token] = [...tokens] as [string];
    const secret = token.split('.')[1]!;
    const rows = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.some((r) => Buffer.from(r.secretHash).toString('utf8').includes(secret))).toBe(false);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('rejects a valid id with an altered secret', async () => {
    const user = await makeUser(t.db);
    const { token } = await createSession(t.db, user);
    const [id, secret] = token.split('.') as [string, string];
    const altered = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    expect(await validateSessionToken(t.db, altered)).toBeNull();
    expect(await validateSessionToken(t.db, token)).not.toBeNull();
  });

  it('ends an idle session and deletes its row', async () => {
    const start = new Date('2030-01-01T00:00:00Z');
    const user = await makeUser(t.db);
    const { token, session } = await createSession(t.db, user, start);
    const idle = SESSION_POLICY.buyer.idleMs;
    expect(await validateSessionToken(t.db, token, new Date(start.getTime() + idle - 1000))).not.toBeNull();
    // that use slid the idle window forward; a full idle period after it ends the session
    expect(await validateSessionToken(t.db, token, new Date(start.getTime() + 2 * idle))).toBeNull();
    expect(await t.db.query.sessions.findFirst({ where: eq(sessions.id, session.id) })).toBeUndefined();
  });

  it('ends a constantly used session at its absolute lifetime', async () => {
    const start = new Date('2030-01-01T00:00:00Z');
    const user = await makeUser(t.db, { role: 'operator' });
    const { token } = await createSession(t.db, user, start);
    const { absoluteMs } = SESSION_POLICY.operator;
    for (let at = start.getTime(); at < start.getTime() + absoluteMs; at += 6 * HOUR) {
      expect(await validateSessionToken(t.db, token, new Date(at))).not.toBeNull();
    }
    expect(await validateSessionToken(t.db, token, new Date(start.getTime() + absoluteMs + 1))).toBeNull();
  });

  it('ends every session of a suspended user', async () => {
    const user = await makeUser(t.db);
    const { token } = await createSession(t.db, user);
    await t.db.update(users).set({ status: 'suspended' }).where(eq(users.id, user.id));
    expect(await validateSessionToken(t.db, token)).toBeNull();
  });

  it('reads the token from a Bearer header first, then from the cookie', () => {
    expect(sessionTokenFrom(new Headers({ authorization: 'Bearer abc.def', cookie: 'session=x.y' }), false)).toEqual({ token: 'abc.def', via: 'bearer' });
    expect(sessionTokenFrom(new Headers({ cookie: 'a=1; __Host-session=x.y' }), true)).toEqual({ token: 'x.y', via: 'cookie' });
    expect(sessionTokenFrom(new Headers({ cookie: 'a=1; session=x.y' }), false)).toEqual({ token: 'x.y', via: 'cookie' });
    expect(sessionTokenFrom(new Headers({}), false)).toBeNull();
  });

  it('with secure cookies, refuses an unprefixed session cookie that a sibling subdomain could have planted', () => {
    expect(sessionTokenFrom(new Headers({ cookie: 'session=planted.token' }), true)).toBeNull();
    expect(sessionTokenFrom(new Headers({ cookie: 'session=planted.token; __Host-session=real.token' }), true)).toEqual({ token: 'real.token', via: 'cookie' });
    expect(sessionTokenFrom(new Headers({ cookie: '__Host-session=real.token; session=planted.token' }), true)).toEqual({ token: 'real.token', via: 'cookie' });
  });

  it('sets HttpOnly, SameSite=Lax, Path=/ cookies, Secure with the __Host- prefix over https', () => {
    const expires = new Date('2030-01-01T00:00:00Z');
    expect(serializeSessionCookie('a.b', expires, true)).toBe(
      '__Host-session=a.b; Path=/; HttpOnly; SameSite=Lax; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Secure',
    );
    expect(serializeSessionCookie('a.b', null, false)).toBe('session=a.b; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
  });

  it('never uses Math.random in the auth package', () => {
    const dir = new URL('../src/', import.meta.url);
    for (const file of readdirSync(dir)) expect(readFileSync(new URL(file, dir), 'utf8')).not.toMatch(/Math\.random/);
  });
});

describe('sign-in', () => {
  it('answers an unknown user and a wrong password identically', async () => {
    await makeUser(t.db, { username: 'known', passwordHash: await hashPassword('a long enough secret') });
    const outcomes = await Promise.all(
      [
        { username: 'known', password: 'wrong password!' },
        { username: 'nobody-here', password: 'wrong password!' },
      ].map((a) => signIn(t.db, { ...a, clientAddress: '10.9.9.9' }).catch((e: Error & { code?: string }) => ({ code: e.code, message: e.message }))),
    );
    expect(outcomes[0]).toEqual({ code: 'UNAUTHORIZED', message: WRONG_CREDENTIALS });
    expect(outcomes[1]).toEqual(outcomes[0]);
  });

  it('throttles one account from one address, counts every attempt, and still lets the owner in from elsewhere', async () => {
    const password = 'the real password 123';
    await makeUser(t.db, { username: 'victim', passwordHash: await hashPassword(password) });
    const attempts = Array.from({ length: SIGN_IN_LIMITS.accountFromAddress.limit + 1 }, () =>
      signIn(t.db, { username: 'victim', password: 'guess guess', clientAddress: '10.0.0.1' }).catch((e: { code: string }) => e.code),
    );
    const codes = await Promise.all(attempts);
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(SIGN_IN_LIMITS.accountFromAddress.limit);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(1);
    await expect(signIn(t.db, { username: 'victim', password, clientAddress: '10.0.0.1' })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const fromElsewhere = await signIn(t.db, { username: 'victim', password, clientAddress: '10.0.0.2' });
    expect(fromElsewhere.token).toMatch(/\./);
  });

  it('a guesser rotating addresses gets one try per address once the account is under attack; the owner still gets in', async () => {
    const password = 'owner knows this one 42';
    await makeUser(t.db, { username: 'target', passwordHash: await hashPassword(password) });
    const guess = (address: string, pw = 'a wrong guess') => signIn(t.db, { username: 'target', password: pw, clientAddress: address }).then(() => 'OK', (e: { code: string }) => e.code);

    // many more failures than the old per-account lock allowed, each from a new address
    const spread = await Promise.all(Array.from({ length: 60 }, (_, i) => guess(`198.51.100.${i}`)));
    expect(spread.every((c) => c === 'UNAUTHORIZED')).toBe(true);
    // under attack: an address that already failed is refused before the password is even checked, right or wrong
    expect(await guess('198.51.100.7')).toBe('TOO_MANY_REQUESTS');
    expect(await guess('198.51.100.7', password)).toBe('TOO_MANY_REQUESTS');
    // a fresh address gets its one guess, and is then refused too
    expect(await guess('198.51.100.200')).toBe('UNAUTHORIZED');
    expect(await guess('198.51.100.200')).toBe('TOO_MANY_REQUESTS');
    // the owner, from an address that never failed, is not locked out
    expect(await guess('192.0.2.10', password)).toBe('OK');
    expect(await guess('192.0.2.10', password)).toBe('OK');
  });

  it('upgrades a weak stored hash at the next sign-in', async () => {
    const password = 'upgrade me please 77';
    const weak = await hashPassword(password, { algorithm: 2, memoryCost: 8_192, timeCost: 1, parallelism: 1 });
    expect(needsRehash(weak)).toBe(true);
    const user = await makeUser(t.db, { username: 'weakhash', passwordHash: weak });
    await signIn(t.db, { username: 'weakhash', password, clientAddress: '10.0.0.3' });
    const after = await t.db.query.users.findFirst({ where: eq(users.id, user.id) });
    expect(after?.passwordHash).not.toBe(weak);
    expect(needsRehash(after!.passwordHash)).toBe(false);
    expect(await verifyPassword(after!.passwordHash, password)).toBe(true);
  });

  it('refuses a suspended account even with the right password', async () => {
    const password = 'suspended but right 1';
    await makeUser(t.db, { username: 'suspended1', status: 'suspended', passwordHash: await hashPassword(password) });
    await expect(signIn(t.db, { username: 'suspended1', password, clientAddress: '10.0.0.4' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
