import { users, type Db } from '@carparts/db';
import { DomainError } from '@carparts/domain';
import { eq, sql } from 'drizzle-orm';
import { rateLimits } from '@carparts/db';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';
import { consumeRateLimit, resetRateLimit, type RateLimitRule } from './rate-limit.ts';
import { createSession } from './sessions.ts';

const MINUTE = 60_000;

/**
 * Sign-in throttles (ASVS 6.3.1, the rate-limiter-flexible login pattern): one account from one address gets 10
 * tries per 15 minutes, one account 50 per hour from anywhere (slows a distributed guess without letting a single
 * address lock the owner out), one address 100 per day across all accounts. Every attempt counts, batched or not.
 */
export const SIGN_IN_LIMITS = {
  accountFromAddress: { limit: 10, windowMs: 15 * MINUTE },
  account: { limit: 50, windowMs: 60 * MINUTE },
  address: { limit: 100, windowMs: 24 * 60 * MINUTE },
} as const satisfies Record<string, RateLimitRule>;

export const WRONG_CREDENTIALS = 'Wrong username or password';

export interface SignInAttempt {
  username: string;
  password: string;
  clientAddress: string;
}

async function refund(db: Db, key: string) {
  await db
    .update(rateLimits)
    .set({ count: sql`max(${rateLimits.count} - 1, 0)` })
    .where(eq(rateLimits.key, key));
}

export async function signIn(db: Db, attempt: SignInAttempt, now = new Date()) {
  const keys = {
    accountFromAddress: `signin:account-address:${attempt.username}:${attempt.clientAddress}`,
    account: `signin:account:${attempt.username}`,
    address: `signin:address:${attempt.clientAddress}`,
  };
  const allowed = await Promise.all(
    (Object.keys(keys) as (keyof typeof keys)[]).map((k) => consumeRateLimit(db, keys[k], SIGN_IN_LIMITS[k], now)),
  );
  if (allowed.includes(false)) {
    throw new DomainError('TOO_MANY_REQUESTS', 'Too many sign-in attempts; wait a while and try again');
  }

  const user = await db.query.users.findFirst({ where: eq(users.username, attempt.username) });
  const valid = await verifyPassword(user?.passwordHash, attempt.password);
  if (!user || !valid) throw new DomainError('UNAUTHORIZED', WRONG_CREDENTIALS);
  if (user.status !== 'active') throw new DomainError('FORBIDDEN', 'This account is suspended; contact support');

  await Promise.all([resetRateLimit(db, keys.accountFromAddress), refund(db, keys.account), refund(db, keys.address)]);
  if (needsRehash(user.passwordHash)) {
    await db.update(users).set({ passwordHash: await hashPassword(attempt.password) }).where(eq(users.id, user.id));
  }
  const { token, session } = await createSession(db, user, now);
  return { token, session, user };
}
