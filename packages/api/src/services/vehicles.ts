import { partListings, type Db } from '@carparts/db';
import { makeKey } from '@carparts/domain';
import { and, count, eq, sql } from 'drizzle-orm';

type Options = { makes: { make: string; count: number }[] } | { models: { model: string; count: number }[] };
const cache = new WeakMap<Db, Map<string, { at: number; value: Options }>>();

/**
 * The makes (or a make's models) that active listings are for, with counts, for the search filters. The answer
 * covers the whole catalogue, so it is cached per database for `ttlMs`.
 */
export async function vehicleOptions(db: Db, make: string | undefined, ttlMs: number, now: number): Promise<Options> {
  const key = make ? `models:${makeKey(make)}` : 'makes';
  let entries = cache.get(db);
  if (!entries) cache.set(db, (entries = new Map()));
  const hit = entries.get(key);
  if (hit && now - hit.at < ttlMs) return hit.value;

  let value: Options;
  if (make) {
    const rows = await db
      .select({ model: sql<string>`min(${partListings.vehicleModel})`, n: count() })
      .from(partListings)
      .where(and(eq(partListings.status, 'active'), eq(partListings.makeKey, makeKey(make))))
      .groupBy(partListings.modelKey)
      .orderBy(partListings.modelKey);
    value = { models: rows.map((r) => ({ model: r.model, count: r.n })) };
  } else {
    const rows = await db
      .select({ make: sql<string>`min(${partListings.vehicleMake})`, n: count() })
      .from(partListings)
      .where(eq(partListings.status, 'active'))
      .groupBy(partListings.makeKey)
      .orderBy(partListings.makeKey);
    value = { makes: rows.map((r) => ({ make: r.make, count: r.n })) };
  }
  entries.set(key, { at: now, value });
  return value;
}
