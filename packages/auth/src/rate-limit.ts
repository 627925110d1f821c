import { rateLimits, type DbOrTx } from '@carparts/db';
import { eq, sql } from 'drizzle-orm';

export interface RateLimitRule {
  /** Calls allowed per window. */
  limit: number;
  windowMs: number;
}

/**
 * A fixed-window counter kept in the database, so every process behind one database shares it. Each call counts,
 * whether it arrived alone or inside a batch. Returns the count in the current window, this call included.
 */
export async function countCall(db: DbOrTx, key: string, rule: RateLimitRule, now = new Date()): Promise<number> {
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStartedAt} <= ${windowStart.getTime()} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${rateLimits.windowStartedAt} <= ${windowStart.getTime()} THEN ${now.getTime()} ELSE ${rateLimits.windowStartedAt} END`,
      },
    })
    .returning({ count: rateLimits.count });
  return row?.count ?? 1;
}

/** Counts this call and tells whether it is within the limit. */
export async function consumeRateLimit(db: DbOrTx, key: string, rule: RateLimitRule, now = new Date()): Promise<boolean> {
  return (await countCall(db, key, rule, now)) <= rule.limit;
}

/** The count in the current window, without counting this look. */
export async function peekRateLimit(db: DbOrTx, key: string, rule: Pick<RateLimitRule, 'windowMs'>, now = new Date()): Promise<number> {
  const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
  if (!row || row.windowStartedAt.getTime() <= now.getTime() - rule.windowMs) return 0;
  return row.count;
}

/** Takes back one counted call (a sign-in that turned out to be the owner's). */
export async function refundRateLimit(db: DbOrTx, key: string): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`max(${rateLimits.count} - 1, 0)` })
    .where(eq(rateLimits.key, key));
}

export async function resetRateLimit(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
