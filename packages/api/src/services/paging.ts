import { decodeCursor, encodeCursor } from '@carparts/domain';
import { and, desc, eq, lt, or, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';

const newestFirstCursor = z.strictObject({ t: z.number().int(), i: z.string().max(40) });

/**
 * Keyset paging newest-first on (createdAt, id) — or any timestamp column with an id tiebreak. Stable while rows are
 * added, and each page costs the same however deep it is.
 */
export function newestFirst(time: AnyColumn, id: AnyColumn, cursor: string | undefined) {
  let after: SQL | undefined;
  if (cursor) {
    const c = decodeCursor(newestFirstCursor, cursor);
    const t = new Date(c.t);
    after = or(lt(time, t), and(eq(time, t), lt(id, c.i)));
  }
  return { after, orderBy: [desc(time), desc(id)] as const };
}

export function toPage<T>(rows: T[], limit: number, key: (row: T) => { time: Date; id: string }) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ t: key(last).time.getTime(), i: key(last).id }) : null,
  };
}
