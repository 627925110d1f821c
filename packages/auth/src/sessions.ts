import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { catchUpReplica, sessions, users, type Db, type DbOrTx } from '@carparts/db';
import type { Role, UserStatus } from '@carparts/domain';
import { eq } from 'drizzle-orm';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * Idle and absolute lifetimes (ASVS 7.3). Operators hold more power, so their sessions are shorter.
 * `lastVerifiedAt` moves at most hourly, which bounds the writes a busy session causes.
 */
export const SESSION_POLICY: Record<Role, { idleMs: number; absoluteMs: number }> = {
  buyer: { idleMs: 14 * DAY, absoluteMs: 90 * DAY },
  seller: { idleMs: 14 * DAY, absoluteMs: 90 * DAY },
  operator: { idleMs: 12 * HOUR, absoluteMs: 7 * DAY },
};
export const ACTIVITY_UPDATE_INTERVAL_MS = HOUR;

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  displayName: string;
  status: UserStatus;
}

export interface Session {
  id: string;
  userId: string;
  createdAt: Date;
  lastVerifiedAt: Date;
  expiresAt: Date;
}

function randomSecret(): string {
  const bytes = new Uint8Array(20); // 160 bits
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

const hashSecret = (secret: string) => Buffer.from(sha256(new TextEncoder().encode(secret)));

export function sessionExpiry(role: Role, createdAt: Date, lastVerifiedAt: Date): Date {
  const policy = SESSION_POLICY[role];
  return new Date(Math.min(lastVerifiedAt.getTime() + policy.idleMs, createdAt.getTime() + policy.absoluteMs));
}

/** Starts a session and returns the token the client keeps; the server keeps only the secret's hash. */
export async function createSession(db: DbOrTx, user: { id: string; role: Role }, now = new Date()) {
  const id = randomSecret();
  const secret = randomSecret();
  await db.insert(sessions).values({ id, userId: user.id, secretHash: hashSecret(secret), createdAt: now, lastVerifiedAt: now });
  const session: Session = { id, userId: user.id, createdAt: now, lastVerifiedAt: now, expiresAt: sessionExpiry(user.role, now, now) };
  return { token: `${id}.${secret}`, session };
}

/**
 * The session and user a token stands for, or null. Expired sessions and sessions of suspended users are deleted on
 * sight; the secret is compared in constant time.
 */
export async function validateSessionToken(
  db: DbOrTx,
  token: string,
  now = new Date(),
): Promise<{ session: Session; user: SessionUser } | null> {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1] || token.length > 100) return null;
  const [sessionId, secret] = parts as [string, string];
  const find = () =>
    db
    .select({
      id: sessions.id,
      secretHash: sessions.secretHash,
      createdAt: sessions.createdAt,
      lastVerifiedAt: sessions.lastVerifiedAt,
      user: { id: users.id, username: users.username, role: users.role, displayName: users.displayName, status: users.status },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  let [row] = await find();
  // a session begun through another node a moment ago may not have reached this node's read replica yet
  if (!row && (await catchUpReplica(db as Db))) [row] = await find();
  if (!row) return null;
  if (!constantTimeEqual(new Uint8Array(row.secretHash), sha256(new TextEncoder().encode(secret)))) return null;

  const expiresAt = sessionExpiry(row.user.role, row.createdAt, row.lastVerifiedAt);
  if (now >= expiresAt || row.user.status !== 'active') {
    await db.delete(sessions).where(eq(sessions.id, row.id));
    return null;
  }
  let lastVerifiedAt = row.lastVerifiedAt;
  if (now.getTime() - lastVerifiedAt.getTime() >= ACTIVITY_UPDATE_INTERVAL_MS) {
    lastVerifiedAt = now;
    await db.update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, row.id));
  }
  return {
    session: {
      id: row.id,
      userId: row.user.id,
      createdAt: row.createdAt,
      lastVerifiedAt,
      expiresAt: sessionExpiry(row.user.role, row.createdAt, lastVerifiedAt),
    },
    user: row.user,
  };
}

/** Whether a session validated earlier still stands: not signed out, not expired, its user neither suspended nor re-roled. */
export async function isSessionLive(db: DbOrTx, session: Pick<Session, 'id'>, user: Pick<SessionUser, 'role'>, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ createdAt: sessions.createdAt, lastVerifiedAt: sessions.lastVerifiedAt, role: users.role, status: users.status })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, session.id));
  return !!row && row.status === 'active' && row.role === user.role && now < sessionExpiry(row.role, row.createdAt, row.lastVerifiedAt);
}

export async function invalidateSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
