import { partListings, type Db } from '@carparts/db';
import { makeKey } from '@carparts/domain';
import { and, count, eq, sql } from 'drizzle-orm';
import { cachedAggregate } from './facet-cache.ts';

type Options = { makes: { make: string; count: number }[] } | { models: { model: string; count: number }[] };

/** The makes (or a make's models) that active listings are for, with counts, for the search filters. */
export function vehicleOptions(db: Db, make: string | undefined, ttlMs: number, now: number): Promise<Options> {
  const key = make ? `models:${makeKey(make)}` : 'makes';
  return cachedAggregate(db, key, ttlMs, now, async (): Promise<Options> => {
    if (make) {
      const rows = await db
        .select({ model: sql<string>`min(${partListings.vehicleModel})`, n: count() })
        .from(partListings)
        .where(and(eq(partListings.status, 'active'), eq(partListings.makeKey, makeKey(make))))
        .groupBy(partListings.modelKey)
        .orderBy(partListings.modelKey);
      return { models: rows.map((r) => ({ model: r.model, count: r.n })) };
    }
    const rows = await db
      .select({ make: sql<string>`min(${partListings.vehicleMake})`, n: count() })
      .from(partListings)
      .where(eq(partListings.status, 'active'))
      .groupBy(partListings.makeKey)
      .orderBy(partListings.makeKey);
    return { makes: rows.map((r) => ({ make: r.make, count: r.n })) };
  });
}
