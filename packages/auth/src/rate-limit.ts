import { rateLimits, type DbOrTx } from '@carparts/db';
import { eq, sql } from 'drizzle-orm';

export interface RateLimitRule {
  /** Calls allowed per window. */
  limit: number;
  windowMs: number;
}

/**
 * A fixed-window counter kept in the database, so every process behind one database shares it. Each call counts,
 * whether it arrived alone or inside a batch. Returns whether this call is within the limit.
 */
export async function consumeRateLimit(db: DbOrTx, key: string, rule: RateLimitRule, now = new Date()): Promise<boolean> {
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
  return (row?.count ?? 1) <= rule.limit;
}

export async function resetRateLimit(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
