import type { Db, DbOrTx } from '@carparts/db';

const MAX_ENTRIES = 500;
const caches = new WeakMap<object, Map<string, { at: number; value: unknown }>>();

/**
 * Remembers catalogue-wide aggregates (facet counts, the make and model lists) for `ttlMs` per database. They cost a
 * scan of every matching listing, are the same for every shopper, and may lag a minute without harm.
 */
export async function cachedAggregate<T>(db: Db | DbOrTx, key: string, ttlMs: number, now: number, compute: () => Promise<T>): Promise<T> {
  if (ttlMs <= 0) return compute();
  let entries = caches.get(db);
  if (!entries) caches.set(db, (entries = new Map()));
  const hit = entries.get(key);
  if (hit && now - hit.at < ttlMs) return hit.value as T;
  const value = await compute();
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, { at: now, value });
  return value;
}
