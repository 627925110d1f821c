import { partListings, partListingsFts, type DbOrTx } from '@carparts/db';
import {
  DomainError,
  LIMITS,
  PART_CATEGORY_CODES,
  decodeCursor,
  encodeCursor,
  makeKey,
  modelKey,
  type ListingSort,
  type PartCategory,
  type SearchListingsInput,
} from '@carparts/domain';
import { and, asc, count, desc, eq, getTableColumns, gt, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { listingCards, type ListingRow } from './listings.ts';

/**
 * Turns what a person typed into a safe FTS5 query: letters and digits only, each term quoted (so no FTS syntax can
 * be injected), all terms required, the last one also matching as a prefix while the person is still typing.
 */
export function ftsQuery(text: string | undefined): string | null {
  const terms = (text ?? '').normalize('NFKC').match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? [];
  if (terms.length === 0) return null;
  return terms.map((term, i) => (i === terms.length - 1 && term.length >= 2 ? `"${term}"*` : `"${term}"`)).join(' ');
}

const cursorSchema = z.discriminatedUnion('k', [
  z.strictObject({ k: z.literal('newest'), t: z.number().int(), s: z.number().int() }),
  z.strictObject({ k: z.literal('price_asc'), p: z.number().int(), s: z.number().int() }),
  z.strictObject({ k: z.literal('price_desc'), p: z.number().int(), s: z.number().int() }),
  z.strictObject({ k: z.literal('relevance'), o: z.number().int().min(0).max(LIMITS.relevanceDepth) }),
]);
type Cursor = z.infer<typeof cursorSchema>;

/** The filters of a search as SQL conditions; the category filter is separate so facet counts can leave it out. */
function filterConditions(input: SearchListingsInput, match: string | null): SQL[] {
  const c: SQL[] = [eq(partListings.status, 'active')];
  if (input.make) c.push(eq(partListings.makeKey, makeKey(input.make)));
  if (input.model) c.push(eq(partListings.modelKey, modelKey(input.model)));
  if (input.year !== undefined) c.push(or(eq(partListings.vehicleYear, input.year), isNull(partListings.vehicleYear))!);
  if (input.conditions?.length) c.push(inArray(partListings.condition, input.conditions));
  if (input.minPriceCents !== undefined) c.push(gte(partListings.priceCents, input.minPriceCents));
  if (input.maxPriceCents !== undefined) c.push(lte(partListings.priceCents, input.maxPriceCents));
  if (input.currency) c.push(eq(partListings.currency, input.currency));
  if (input.sellerId) c.push(eq(partListings.sellerId, input.sellerId));
  if (match) c.push(sql`${partListings.seq} IN (SELECT rowid FROM part_listings_fts WHERE part_listings_fts MATCH ${match})`);
  return c;
}

function keysetCondition(cursor: Cursor): SQL | undefined {
  switch (cursor.k) {
    case 'newest': {
      const t = new Date(cursor.t);
      return or(lt(partListings.createdAt, t), and(eq(partListings.createdAt, t), lt(partListings.seq, cursor.s)));
    }
    case 'price_asc':
      return or(gt(partListings.priceCents, cursor.p), and(eq(partListings.priceCents, cursor.p), gt(partListings.seq, cursor.s)));
    case 'price_desc':
      return or(lt(partListings.priceCents, cursor.p), and(eq(partListings.priceCents, cursor.p), lt(partListings.seq, cursor.s)));
    case 'relevance':
      return undefined;
  }
}

function nextCursor(sort: ListingSort, last: ListingRow, offset: number): Cursor {
  switch (sort) {
    case 'newest':
      return { k: 'newest', t: last.createdAt.getTime(), s: last.seq };
    case 'price_asc':
      return { k: 'price_asc', p: last.priceCents, s: last.seq };
    case 'price_desc':
      return { k: 'price_desc', p: last.priceCents, s: last.seq };
    case 'relevance':
      return { k: 'relevance', o: offset };
  }
}

export async function categoryCounts(db: DbOrTx, input: SearchListingsInput): Promise<Record<PartCategory, number>> {
  const rows = await db
    .select({ category: partListings.partCategory, n: count() })
    .from(partListings)
    .where(and(...filterConditions(input, ftsQuery(input.q))))
    .groupBy(partListings.partCategory);
  const counts = Object.fromEntries(PART_CATEGORY_CODES.map((c) => [c, 0])) as Record<PartCategory, number>;
  for (const r of rows) counts[r.category] = r.n;
  return counts;
}

/**
 * `listings.search`: active listings only, filtered on allow-listed public fields, sorted by a closed set of keys,
 * paged by keyset cursors (relevance pages by a bounded offset, since bm25 scores are not stable keys).
 */
export async function searchListings(db: DbOrTx, input: SearchListingsInput) {
  const match = ftsQuery(input.q);
  const sort: ListingSort = input.sort ?? (match ? 'relevance' : 'newest');
  if (sort === 'relevance' && !match) {
    throw new DomainError('BAD_REQUEST', 'sort: relevance needs search text', { sort: ['Relevance needs search text'] });
  }
  const cursor = input.cursor ? decodeCursor(cursorSchema, input.cursor) : null;
  if (cursor && cursor.k !== sort) throw new DomainError('BAD_REQUEST', 'cursor: belongs to another sort order', { cursor: ['Belongs to another sort order'] });

  const conditions = filterConditions(input, sort === 'relevance' ? null : match);
  if (input.partCategory) conditions.push(eq(partListings.partCategory, input.partCategory));
  const keyset = cursor && keysetCondition(cursor);
  if (keyset) conditions.push(keyset);
  const take = input.limit + 1;

  let rows: ListingRow[];
  let offset = 0;
  if (sort === 'relevance') {
    offset = cursor?.k === 'relevance' ? cursor.o : 0;
    const ranked = await db
      .select(getTableColumns(partListings))
      .from(partListingsFts)
      .innerJoin(partListings, eq(partListings.seq, partListingsFts.rowid))
      .where(and(sql`part_listings_fts MATCH ${match}`, ...conditions))
      .orderBy(partListingsFts.rank, partListings.seq)
      .limit(Math.min(take, LIMITS.relevanceDepth - offset + 1))
      .offset(offset);
    rows = ranked;
  } else {
    const order =
      sort === 'newest'
        ? [desc(partListings.createdAt), desc(partListings.seq)]
        : sort === 'price_asc'
          ? [asc(partListings.priceCents), asc(partListings.seq)]
          : [desc(partListings.priceCents), desc(partListings.seq)];
    rows = await db
      .select()
      .from(partListings)
      .where(and(...conditions))
      .orderBy(...order)
      .limit(take);
  }

  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const hasMore = rows.length > input.limit && (sort !== 'relevance' || offset + page.length < LIMITS.relevanceDepth);
  const [items, counts] = await Promise.all([
    listingCards(db, page),
    input.withCounts && !input.cursor ? categoryCounts(db, input) : Promise.resolve(null),
  ]);
  return {
    items,
    nextCursor: hasMore && last ? encodeCursor(nextCursor(sort, last, offset + page.length)) : null,
    sort,
    categoryCounts: counts,
  };
}
