import { decodeCursor, encodeCursor } from '@carparts/domain';
import { and, asc, desc, eq, gt, lt, or, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';

const timeOrderedCursor = z.strictObject({ t: z.number().int(), i: z.string().max(40) });

/**
 * Keyset paging on a timestamp column with an id tiebreak, newest first unless asked otherwise. Stable while rows
 * are added, and each page costs the same however deep it is.
 */
export function timeOrdered(time: AnyColumn, id: AnyColumn, cursor: string | undefined, order: 'newest' | 'oldest' = 'newest') {
  const beyond = order === 'newest' ? lt : gt;
  let after: SQL | undefined;
  if (cursor) {
    const c = decodeCursor(timeOrderedCursor, cursor);
    const t = new Date(c.t);
    after = or(beyond(time, t), and(eq(time, t), beyond(id, c.i)));
  }
  const direction = order === 'newest' ? desc : asc;
  return { after, orderBy: [direction(time), direction(id)] as const };
}

export function toPage<T>(rows: T[], limit: number, key: (row: T) => { time: Date; id: string }) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ t: key(last).time.getTime(), i: key(last).id }) : null,
  };
}
