import { decodeCursor, encodeCursor } from '@carparts/domain';
import { and, asc, desc, eq, gt, lt, or, type AnyColumn, type SQL } from 'drizzle-orm';

type TimeOrder = 'newest' | 'oldest';

/**
 * Keyset paging on a timestamp column with an id tiebreak, newest first unless asked otherwise. Stable while rows
 * are added, and each page costs the same however deep it is. The tiebreak is a text id, or a number (`tie`) where
 * rows of the same moment have an order of their own.
 */
export function timeOrdered(time: AnyColumn, id: AnyColumn, cursor: string | undefined, order: TimeOrder = 'newest', tie: 'string' | 'number' = 'string') {
  const beyond = order === 'newest' ? lt : gt;
  let after: SQL | undefined;
  if (cursor) {
    const [t, i] = decodeCursor(cursor, [order], ['number', tie] as const).after;
    after = or(beyond(time, new Date(t)), and(eq(time, new Date(t)), beyond(id, i)));
  }
  const direction = order === 'newest' ? desc : asc;
  return { after, orderBy: [direction(time), direction(id)] as const, order };
}

/** The page and the cursor after its last row, for a query that asked for one row more than the page holds. */
export function toPage<T>(rows: T[], limit: number, key: (row: T) => { time: Date; id: string | number }, order: TimeOrder = 'newest') {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(order, [key(last).time.getTime(), key(last).id]) : null,
  };
}
