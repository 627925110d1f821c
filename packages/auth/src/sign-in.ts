import { users, type Db } from '@carparts/db';
import { DomainError } from '@carparts/domain';
import { eq } from 'drizzle-orm';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';
import { countCall, peekRateLimit, refundRateLimit, resetRateLimit, type RateLimitRule } from './rate-limit.ts';
import { createSession } from './sessions.ts';

const MINUTE = 60_000;

/**
 * Sign-in throttles. Guessing must be slow, but a stranger must never be able to keep the owner out:
 * - one account from one address: 10 attempts per 15 minutes (every attempt counts, batched or not; the owner's
 *   correct password clears the count);
 * - one address: 100 attempts per day across all accounts;
 * - one account from everywhere: once it has had 10 failures within the hour it is "under attack", and then only
 *   addresses that have not failed against it may try. A guesser who rotates addresses gets one guess per new address,
 *   while the owner, signing in from an address that never failed, still gets in with the right password.
 */
export const SIGN_IN_LIMITS = {
  accountFromAddress: { limit: 10, windowMs: 15 * MINUTE },
  address: { limit: 100, windowMs: 24 * 60 * MINUTE },
  accountFailures: { limit: 10, windowMs: 60 * MINUTE },
} as const satisfies Record<string, RateLimitRule>;

export const WRONG_CREDENTIALS = 'Wrong username or password';
const TOO_MANY = 'Too many sign-in attempts; wait a while and try again';

export interface SignInAttempt {
  username: string;
  password: string;
  clientAddress: string;
}

export function signInThrottleKeys(username: string, clientAddress: string) {
  return {
    accountFromAddress: `signin:account-address:${username}:${clientAddress}`,
    address: `signin:address:${clientAddress}`,
    accountFailures: `signin:account-failures:${username}`,
  };
}

export async function signIn(db: Db, attempt: SignInAttempt, now = new Date()) {
  const keys = signInThrottleKeys(attempt.username, attempt.clientAddress);
  const [fromHere, fromAddress, accountFailures] = await Promise.all([
    countCall(db, keys.accountFromAddress, SIGN_IN_LIMITS.accountFromAddress, now),
    countCall(db, keys.address, SIGN_IN_LIMITS.address, now),
    peekRateLimit(db, keys.accountFailures, SIGN_IN_LIMITS.accountFailures, now),
  ]);
  const underAttack = accountFailures >= SIGN_IN_LIMITS.accountFailures.limit;
  const failedFromHereBefore = fromHere > 1;
  if (fromHere > SIGN_IN_LIMITS.accountFromAddress.limit || fromAddress > SIGN_IN_LIMITS.address.limit || (underAttack && failedFromHereBefore)) {
    throw new DomainError('TOO_MANY_REQUESTS', TOO_MANY);
  }

  const user = await db.query.users.findFirst({ where: eq(users.username, attempt.username) });
  const valid = await verifyPassword(user?.passwordHash, attempt.password);
  if (!user || !valid) {
    await countCall(db, keys.accountFailures, SIGN_IN_LIMITS.accountFailures, now);
    throw new DomainError('UNAUTHORIZED', WRONG_CREDENTIALS);
  }
  if (user.status !== 'active') throw new DomainError('FORBIDDEN', 'This account is suspended; contact support');

  await Promise.all([resetRateLimit(db, keys.accountFromAddress), refundRateLimit(db, keys.address)]);
  if (needsRehash(user.passwordHash)) {
    await db.update(users).set({ passwordHash: await hashPassword(attempt.password) }).where(eq(users.id, user.id));
  }
  const { token, session } = await createSession(db, user, now);
  return { token, session, user };
}
