import { hash, verify, type Options } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { DomainError } from '@carparts/domain';

/** OWASP Password Storage Cheat Sheet, argon2id: 19 MiB, 2 iterations, 1 lane. */
export const ARGON2_POLICY = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const satisfies Options;

export function hashPassword(password: string, options: Options = ARGON2_POLICY): Promise<string> {
  return hash(password, options);
}

/**
 * A hash of a password nobody knows. Verifying against it when the account does not exist makes a miss take as long
 * as a wrong password, so timing does not tell which usernames exist.
 */
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(crypto.randomUUID()));

export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash || !storedHash.startsWith('$argon2')) {
    await verify(await dummy(), password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

/** True when a stored hash was made with weaker parameters than today's policy; it is upgraded at the next sign-in. */
export function needsRehash(storedHash: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  if (!match) return true;
  const [, m, t] = match.map(Number) as [number, number, number, number];
  return m < ARGON2_POLICY.memoryCost || t < ARGON2_POLICY.timeCost;
}

let common: Set<string> | undefined;
/** The zxcvbn-ts list of ~49,000 passwords seen most in breaches, compared case-insensitively. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

export function assertAcceptablePassword(password: string, field = 'password'): void {
  if (isCommonPassword(password)) {
    const message = 'This password is one of the most common ones and easy to guess; choose another';
    throw new DomainError('BAD_REQUEST', `${field}: ${message}`, { [field]: [message] });
  }
}
