import { partListings, partListingsFts, type DbOrTx } from '@carparts/db';
import { DomainError, PART_CATEGORY_CODES, decodeCursor, encodeCursor, type Condition, type Currency, type ListingSort, type ListingStatus, type PartCategory, type SearchListingsInput } from '@carparts/domain';
import { and, asc, count, desc, eq, getTableColumns, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import { cachedAggregate } from './facet-cache.ts';
import { suspendedSellerIds, type ListingRow } from './listing-rows.ts';
import { listingCards } from './listing-views.ts';
import { timeOrdered, toPage } from './paging.ts';
import { filterConditions, ftsQuery, priceCurrency, yearCondition, yearWalks } from './search-filters.ts';

/** Where a page of search results ends: the sort, its first key (time, price or relevance tier) and the listing's seq. */
type Cursor = { k: ListingSort; a: number; s: number };

function readCursor(cursor: string, sort: ListingSort): Cursor {
  const [a, s] = decodeCursor(cursor, [sort], ['number', 'number'] as const).after;
  if (sort === 'relevance' && a !== 1 && a !== 2) throw new DomainError('BAD_REQUEST', 'cursor: not a cursor this list returned', { cursor: ['Invalid cursor'] });
  return { k: sort, a, s };
}

function keysetCondition(cursor: Cursor): SQL | undefined {
  switch (cursor.k) {
    case 'newest': {
      const t = new Date(cursor.a);
      return or(lt(partListings.createdAt, t), and(eq(partListings.createdAt, t), lt(partListings.seq, cursor.s)));
    }
    case 'price_asc':
      return or(gt(partListings.priceCents, cursor.a), and(eq(partListings.priceCents, cursor.a), gt(partListings.seq, cursor.s)));
    case 'price_desc':
      return or(lt(partListings.priceCents, cursor.a), and(eq(partListings.priceCents, cursor.a), lt(partListings.seq, cursor.s)));
    case 'relevance':
      return undefined;
  }
}

function nextCursor(sort: ListingSort, last: ListingRow, tier: 1 | 2): string {
  const first = sort === 'newest' ? last.createdAt.getTime() : sort === 'relevance' ? tier : last.priceCents;
  return encodeCursor(sort, [first, last.seq]);
}

/** Active listings per category for the current filters, leaving out the category filter itself. */
export function categoryCounts(
  db: DbOrTx,
  input: SearchListingsInput,
  suspendedSellers: string[],
  cache: { ttlMs: number; now: number },
): Promise<Record<PartCategory, number>> {
  const { cursor: _c, limit: _l, sort, withCounts: _w, partCategory: _p, ...filters } = input;
  // the suspended sellers are part of the key: a suspension shows in the counts at once, not after the cache's minute
  const key = { ...filters, currency: priceCurrency(input, sort), suspendedSellers };
  return cachedAggregate(db, `counts:${JSON.stringify(key)}`, cache.ttlMs, cache.now, async () => {
    // grouped on an expression, so SQLite picks its index by the filters, not by the order of the categories
    const category = sql<PartCategory>`+${partListings.partCategory}`;
    const rows = await db
      .select({ category, n: count() })
      .from(partListings)
      .where(
        and(
          ...filterConditions({ ...input, currency: key.currency ?? undefined }, ftsQuery(input.q), undefined, { suspendedSellers, fromTextMatches: true }),
          yearCondition(input.year),
        ),
      )
      .groupBy(category);
    const counts = Object.fromEntries(PART_CATEGORY_CODES.map((c) => [c, 0])) as Record<PartCategory, number>;
    for (const r of rows) counts[r.category] = r.n;
    return counts;
  });
}

const ORDER: Record<Exclude<ListingSort, 'relevance'>, { sql: SQL[]; compare: (a: ListingRow, b: ListingRow) => number }> = {
  newest: { sql: [desc(partListings.createdAt), desc(partListings.seq)], compare: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.seq - a.seq },
  price_asc: { sql: [asc(partListings.priceCents), asc(partListings.seq)], compare: (a, b) => a.priceCents - b.priceCents || a.seq - b.seq },
  price_desc: { sql: [desc(partListings.priceCents), desc(partListings.seq)], compare: (a, b) => b.priceCents - a.priceCents || b.seq - a.seq },
};

/**
 * Relevance in two tiers: listings whose title has every term come first, then those matching in notes, category or
 * vehicle; newest first within a tier. Unlike bm25, which scores every match before it can return the first page,
 * each tier streams from the full-text index in rowid order, so a page costs the same at a thousand matches or a
 * hundred thousand, and pages by keyset like the other sorts.
 */
function relevanceTier(match: string, tier: 1 | 2): string {
  return tier === 1 ? `title : (${match})` : `(${match}) NOT title : (${match})`;
}

/**
 * `listings.search`: active listings only, filtered on allow-listed public fields, sorted by a closed set of keys,
 * paged by keyset cursors.
 */
export async function searchListings(db: DbOrTx, input: SearchListingsInput, cache: { ttlMs: number; now: number } = { ttlMs: 0, now: 0 }) {
  const match = ftsQuery(input.q);
  const sort: ListingSort = input.sort ?? (match ? 'relevance' : 'newest');
  if (sort === 'relevance' && !match) {
    throw new DomainError('BAD_REQUEST', 'sort: relevance needs search text', { sort: ['Relevance needs search text'] });
  }
  const cursor = input.cursor ? readCursor(input.cursor, sort) : null;

  const suspendedSellers = await suspendedSellerIds(db);
  const conditions = filterConditions(input, sort === 'relevance' ? null : match, sort, { suspendedSellers });
  if (input.partCategory) conditions.push(eq(partListings.partCategory, input.partCategory));
  const keyset = cursor && keysetCondition(cursor);
  if (keyset) conditions.push(keyset);
  const take = input.limit + 1;

  let rows: ListingRow[];
  const tiers: (1 | 2)[] = [];
  if (sort === 'relevance') {
    rows = [];
    const start = cursor?.k === 'relevance' ? (cursor.a as 1 | 2) : 1;
    for (let tier: 1 | 2 = start; rows.length < take; tier = 2) {
      const after = cursor?.k === 'relevance' && cursor.a === tier ? lt(partListingsFts.rowid, cursor.s) : undefined;
      const part = await db
        .select(getTableColumns(partListings))
        .from(partListingsFts)
        .innerJoin(partListings, eq(partListings.seq, partListingsFts.rowid))
        .where(and(sql`part_listings_fts MATCH ${relevanceTier(match!, tier)}`, yearCondition(input.year), ...conditions, after))
        .orderBy(desc(partListingsFts.rowid))
        .limit(take - rows.length);
      rows.push(...part);
      tiers.push(...part.map(() => tier));
      if (tier === 2) break;
    }
  } else {
    // "for the years that may fit, or any year" as one index walk per year in the same order, merged here: an OR or a
    // range would make SQLite read and sort every matching row before it could stop at the page
    const order = ORDER[sort];
    const years = yearWalks(input.year);
    const parts = await Promise.all(
      years.map((year) => db.select().from(partListings).where(and(...conditions, year)).orderBy(...order.sql).limit(take)),
    );
    rows = parts.length === 1 ? parts[0]! : parts.flat().sort(order.compare).slice(0, take);
  }

  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const hasMore = rows.length > input.limit;
  const [items, counts] = await Promise.all([
    listingCards(db, page),
    input.withCounts && !input.cursor ? categoryCounts(db, input, suspendedSellers, cache) : Promise.resolve(null),
  ]);
  return {
    items,
    nextCursor: hasMore && last ? nextCursor(sort, last, tiers[page.length - 1] ?? 1) : null,
    sort,
    /** The currency prices were filtered and sorted in; null when the search compared no prices. */
    priceCurrency: priceCurrency(input, sort),
    categoryCounts: counts,
  };
}

/** The operator's listing table: the shoppers' filters over every status and seller, ordered by time. */
export async function consoleListings(
  db: DbOrTx,
  input: {
    q?: string;
    status?: ListingStatus;
    sellerId?: string;
    make?: string;
    model?: string;
    year?: number;
    partCategory?: PartCategory;
    conditions?: Condition[];
    minPriceCents?: number;
    maxPriceCents?: number;
    currency?: Currency;
    sort?: 'newest' | 'oldest';
    cursor?: string;
    limit: number;
  },
) {
  const paging = timeOrdered(partListings.createdAt, partListings.id, input.cursor, input.sort);
  const rows = await db
    .select()
    .from(partListings)
    .where(
      and(
        ...filterConditions(input, ftsQuery(input.q), undefined, 'operators'),
        input.status ? eq(partListings.status, input.status) : undefined,
        yearCondition(input.year),
        input.partCategory ? eq(partListings.partCategory, input.partCategory) : undefined,
        paging.after,
      ),
    )
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit, (r) => ({ time: r.createdAt, id: r.id }), paging.order);
  const cards = await listingCards(db, page.items);
  return { nextCursor: page.nextCursor, items: cards.map((c, i) => ({ ...c, moderationReason: page.items[i]!.moderationReason })) };
}

