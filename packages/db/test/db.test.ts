import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { resolve } from 'node:path';
import { closeDb, keptUntilWrite, openDb, readerOf, replicaFromEnv, type Db, type DbOrTx } from '../src/client.ts';
import { errorChainMessages } from '../src/errors.ts';
import { mergeSearchIndex } from '../src/search-index.ts';
import { createTestDb, makeListing, makeUser, type TestDb } from '../src/testing.ts';
import { auditLog, inquiries, listingCoverage, partListings, sellerRatings, users, vehicleFacets, vehicleYearFacets } from '../src/schema/index.ts';

let t: TestDb;
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (e: unknown) => errorChainMessages(e).join(' | '),
  );

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe('database guarantees', () => {
  it('runs in WAL mode with foreign keys on, also inside a transaction on another pooled connection', async () => {
    const journal = await t.db.$client.execute('PRAGMA journal_mode');
    expect(String(journal.rows[0]?.[0])).toBe('wal');
    expect(await failureOf(t.db.transaction(async (tx) => {
        await tx.insert(inquiries).values({ buyerId: 'nope0000000000', sellerId: 'nope0000000000', partListingId: 'nope0000000000', message: 'x' });
      }))).toMatch(/FOREIGN KEY/);
    const [count] = await t.db.select({ n: sql<number>`count(*)` }).from(inquiries);
    expect(count?.n).toBe(0);
  });

  it('keeps the audit log append-only', async () => {
    const op = await makeUser(t.db, { role: 'operator' });
    await t.db.insert(auditLog).values({ actorId: op.id, actorRole: 'operator', action: 'test', targetType: 'user', targetId: op.id });
    expect(await failureOf(t.db.update(auditLog).set({ reason: 'rewritten' }))).toMatch(/append-only/);
    expect(await failureOf(t.db.delete(auditLog))).toMatch(/append-only/);
    const rows = await t.db.select().from(auditLog);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.reason).toBeNull();
  });

  it('refuses a rating outside 1–5 even when code bypasses validation', async () => {
    const seller = await makeUser(t.db, { role: 'seller' });
    const buyer = await makeUser(t.db);
    const listing = await makeListing(t.db, { sellerId: seller.id });
    expect(await failureOf(t.db.insert(sellerRatings).values({ sellerId: seller.id, buyerId: buyer.id, partListingId: listing.id, rating: 6 }))).toMatch(/between 1 and 5/);
  });

  it('keeps the full-text index in step with inserts, edits and deletes', async () => {
    const seller = await makeUser(t.db, { role: 'seller' });
    const listing = await makeListing(t.db, { sellerId: seller.id, title: 'Turbocharger garrett' });
    const match = (q: string) =>
      t.db.$client.execute({ sql: 'SELECT rowid FROM part_listings_fts WHERE part_listings_fts MATCH ?', args: [q] });
    expect((await match('garrett')).rows).toHaveLength(1);
    await t.db.update(partListings).set({ title: 'Turbocharger borgwarner' }).where(sql`id = ${listing.id}`);
    expect((await match('garrett')).rows).toHaveLength(0);
    expect((await match('borgwarner')).rows).toHaveLength(1);
    await t.db.delete(partListings).where(sql`id = ${listing.id}`);
    expect((await match('borgwarner')).rows).toHaveLength(0);
  });

  it("merges the search index's segments a few pages at a time, finding the same listings, until nothing is left to merge", async () => {
    const seller = await makeUser(t.db, { role: 'seller' });
    // each listing its own transaction: its own segment in the index
    for (let i = 0; i < 40; i++) await makeListing(t.db, { sellerId: seller.id, title: `Intercooler pipe ${i % 2 ? 'left' : 'right'} ${i}` });
    const found = async () => (await t.db.$client.execute("SELECT rowid FROM part_listings_fts WHERE part_listings_fts MATCH 'intercooler left' ORDER BY rowid")).rows.map((r) => Number(r.rowid));
    const before = await found();
    expect(before).toHaveLength(20);
    // no time for a second step: it stops with work left
    expect(await mergeSearchIndex(t.db, { pagesPerStep: 1, budgetMs: 0 })).toEqual({ steps: 1, merged: false });
    const rest = await mergeSearchIndex(t.db, { pagesPerStep: 1, budgetMs: 60_000 });
    expect(rest.merged).toBe(true);
    expect(rest.steps).toBeGreaterThan(0);
    expect(await mergeSearchIndex(t.db)).toEqual({ steps: 0, merged: true });
    expect(await found()).toEqual(before);
  });
});

describe("a seller's summary on the seller's row", () => {
  const summaryOf = async (sellerId: string) => {
    const [kept] = await t.db.select().from(users).where(eq(users.id, sellerId));
    const [ratings] = await t.db
      .select({ n: sql<number>`count(*)`, stars: sql<number>`coalesce(sum(${sellerRatings.rating}), 0)`, verified: sql<number>`coalesce(sum(${sellerRatings.isVerifiedPurchase}), 0)` })
      .from(sellerRatings)
      .where(eq(sellerRatings.sellerId, sellerId));
    const [active] = await t.db.select({ n: sql<number>`count(*)` }).from(partListings).where(and(eq(partListings.sellerId, sellerId), eq(partListings.status, 'active')));
    return {
      kept: { ratings: kept!.ratingCount, stars: kept!.ratingStarTotal, verified: kept!.verifiedRatingCount, active: kept!.activeListingCount },
      counted: { ratings: ratings!.n, stars: ratings!.stars, verified: ratings!.verified, active: active!.n },
    };
  };

  it('follows every insert, status change, reassignment and delete of ratings and listings, in the same statement', async () => {
    const seller = await makeUser(t.db, { role: 'seller' });
    const other = await makeUser(t.db, { role: 'seller' });
    const buyer = await makeUser(t.db);
    const a = await makeListing(t.db, { sellerId: seller.id });
    const b = await makeListing(t.db, { sellerId: seller.id, status: 'reserved' });
    await makeListing(t.db, { sellerId: seller.id });
    await t.db.insert(sellerRatings).values([
      { sellerId: seller.id, buyerId: buyer.id, partListingId: a.id, rating: 5, isVerifiedPurchase: true },
      { sellerId: seller.id, buyerId: buyer.id, partListingId: b.id, rating: 2 },
    ]);
    expect((await summaryOf(seller.id)).kept).toEqual({ ratings: 2, stars: 7, verified: 1, active: 2 });
    const averageOf = async (id: string) => (await t.db.select({ average: users.ratingAverage }).from(users).where(eq(users.id, id)))[0]!.average;
    expect(await averageOf(seller.id)).toBe(3.5);
    expect(await averageOf(other.id)).toBeNull();

    await t.db.update(partListings).set({ status: 'sold' }).where(eq(partListings.id, a.id));
    await t.db.update(partListings).set({ status: 'active' }).where(eq(partListings.id, b.id));
    await t.db.update(partListings).set({ sellerId: other.id }).where(eq(partListings.id, b.id));
    await t.db.update(sellerRatings).set({ rating: 4, isVerifiedPurchase: true }).where(eq(sellerRatings.partListingId, b.id));
    await t.db.delete(sellerRatings).where(eq(sellerRatings.partListingId, a.id));
    await t.db.delete(partListings).where(eq(partListings.id, a.id));

    for (const id of [seller.id, other.id]) {
      const { kept, counted } = await summaryOf(id);
      expect(kept).toEqual(counted);
    }
    expect((await summaryOf(seller.id)).kept).toEqual({ ratings: 1, stars: 4, verified: 1, active: 1 });
    expect((await summaryOf(other.id)).kept.active).toBe(1);
    await t.db.insert(sellerRatings).values([4, 5].map((rating) => ({ sellerId: seller.id, buyerId: buyer.id, partListingId: b.id, rating })));
    expect(await averageOf(seller.id)).toBe(4.33);
  });
});

describe('reads kept until the next write', () => {
  const userCount = async (db: DbOrTx) => (await readerOf(db).select({ n: sql<number>`count(*)` }).from(users))[0]!.n;

  it('are read again after any connection commits, this process\'s writer or another process, and every time in a transaction', async () => {
    let reads = 0;
    const keptCount = keptUntilWrite(async (db) => {
      reads++;
      return userCount(db);
    });
    const before = await keptCount(t.db);
    expect(await keptCount(t.db)).toBe(before);
    expect(reads).toBe(1);

    await makeUser(t.db);
    expect(await keptCount(t.db)).toBe(before + 1);
    expect(reads).toBe(2);

    // another process: a database opened again on the same file has connections of its own
    const other = await openDb(t.url);
    try {
      await makeUser(other);
    } finally {
      closeDb(other);
    }
    expect(await keptCount(t.db)).toBe(before + 2);
    expect(await keptCount(t.db)).toBe(before + 2);
    expect(reads).toBe(3);

    await t.db.transaction(async (tx) => {
      await makeUser(tx as unknown as Db);
      expect(await keptCount(tx)).toBe(before + 3);
      expect(await keptCount(tx)).toBe(before + 3);
    });
    expect(reads).toBe(5);
  });
});

describe('settings for a libSQL server', () => {
  it('takes an embedded read replica beside a server URL, and refuses one beside a file or with a bad interval', () => {
    expect(replicaFromEnv('libsql://db.example', { DATABASE_REPLICA_FILE: 'data/replica.db' })).toEqual({ file: resolve('data/replica.db'), syncIntervalSeconds: 2 });
    expect(replicaFromEnv('https://db.example', { DATABASE_REPLICA_FILE: '/r.db', DATABASE_SYNC_INTERVAL: '0.5' })?.syncIntervalSeconds).toBe(0.5);
    expect(replicaFromEnv('libsql://db.example', {})).toBeUndefined();
    expect(() => replicaFromEnv('file:///data/carparts.db', { DATABASE_REPLICA_FILE: '/r.db' })).toThrow(/libSQL server/);
    expect(() => replicaFromEnv('libsql://db.example', { DATABASE_REPLICA_FILE: '/r.db', DATABASE_SYNC_INTERVAL: 'soon' })).toThrow(/seconds/);
  });
});

describe('coverage rows and the vehicle menus', () => {
  const facetsOf = async (makeKey: string) =>
    Object.fromEntries((await t.db.select().from(vehicleFacets).where(eq(vehicleFacets.makeKey, makeKey))).map((f) => [f.modelKey, f.activeListings]));
  const countedOf = async (makeKey: string, modelKey: string) => {
    const [row] = await t.db.select({ n: sql<number>`count(DISTINCT ${listingCoverage.listingSeq})` }).from(listingCoverage).innerJoin(partListings, eq(partListings.seq, listingCoverage.listingSeq))
      .where(and(eq(listingCoverage.makeKey, makeKey), eq(listingCoverage.modelKey, modelKey), eq(partListings.status, 'active')));
    return row!.n;
  };

  it('count each active listing once per model it covers, through status changes, new rows and deletes', async () => {
    const seller = await makeUser(t.db, { role: 'seller' });
    const delta = (yearFrom: number, yearTo: number) => ({ make: 'Lancia', model: 'Delta', yearFrom, yearTo });
    const a = await makeListing(t.db, { sellerId: seller.id, coverage: [delta(1986, 1990), { make: 'Lancia', model: 'Thema', yearFrom: 1988, yearTo: 1992 }] });
    // two rows for one model (two engines) count the listing once
    const b = await makeListing(t.db, { sellerId: seller.id, status: 'reserved', coverage: [delta(1986, 1990), { ...delta(1986, 1990), engine: 'HF Integrale' }] });
    await makeListing(t.db, { sellerId: seller.id, coverage: [{ make: 'Lancia', model: 'Thema', yearFrom: 1990, yearTo: 1990 }] });
    expect(await facetsOf('lancia')).toEqual({ delta: 1, thema: 2 });

    await t.db.update(partListings).set({ status: 'active' }).where(eq(partListings.id, b.id));
    await t.db.update(partListings).set({ status: 'sold' }).where(eq(partListings.id, a.id));
    expect(await facetsOf('lancia')).toEqual({ delta: 1, thema: 1 });

    // a row removed while another of the same model remains leaves the count alone
    await t.db.delete(listingCoverage).where(and(eq(listingCoverage.listingSeq, b.seq), eq(listingCoverage.position, 1)));
    expect(await facetsOf('lancia')).toEqual({ delta: 1, thema: 1 });
    await t.db.delete(partListings).where(eq(partListings.id, b.id));
    expect(await facetsOf('lancia')).toEqual({ delta: await countedOf('lancia', 'delta'), thema: await countedOf('lancia', 'thema') });
    expect(await facetsOf('lancia')).toEqual({ delta: 0, thema: 1 });
  });

  it('carry the listing status, price, currency and time the vehicle search walks', async () => {
    const seller = await makeUser(t.db, { role: 'seller' });
    const listing = await makeListing(t.db, { sellerId: seller.id, priceCents: 1_234, currency: 'EUR', coverage: [{ make: 'Saab', model: '900', yearFrom: 1990, yearTo: 1993 }, { make: 'Saab', model: '9000', yearFrom: 1990, yearTo: 1993 }] });
    const copies = async () => t.db.select({ status: listingCoverage.status, price: listingCoverage.priceCents, currency: listingCoverage.currency, createdAt: listingCoverage.createdAt }).from(listingCoverage).where(eq(listingCoverage.listingSeq, listing.seq));
    expect(await copies()).toEqual([0, 1].map(() => ({ status: 'active', price: 1_234, currency: 'EUR', createdAt: listing.createdAt.getTime() })));
    await t.db.update(partListings).set({ status: 'withdrawn', priceCents: 999, currency: 'GBP' }).where(eq(partListings.id, listing.id));
    expect(await copies()).toEqual([0, 1].map(() => ({ status: 'withdrawn', price: 999, currency: 'GBP', createdAt: listing.createdAt.getTime() })));
  });
});

describe('category counts per model year', () => {
  /** The same counts computed from scratch: active listings per make, model, year, currency and category, each once. */
  const recount = async () =>
    (
      await t.db.all<{ k: string; n: number }>(sql`
        SELECT c.make_key || '|' || c.model_key || '|' || y.year || '|' || l.currency || '|' || l.part_category AS k, count(DISTINCT c.listing_seq) AS n
        FROM listing_coverage c JOIN part_listings l ON l.seq = c.listing_seq AND l.status = 'active'
        JOIN model_years y ON y.year BETWEEN coalesce(c.year_from, 0) AND coalesce(c.year_to, 0)
        WHERE c.make_key = 'alfaromeo' GROUP BY k ORDER BY k`)
    ).map((r) => [r.k, r.n]);
  const kept = async () =>
    (await t.db.select().from(vehicleYearFacets).where(and(eq(vehicleYearFacets.makeKey, 'alfaromeo'), sql`${vehicleYearFacets.activeListings} > 0`)))
      .map((f) => [`${f.makeKey}|${f.modelKey}|${f.year}|${f.currency}|${f.partCategory}`, f.activeListings] as [string, number])
      .sort(([a], [b]) => (a < b ? -1 : 1));

  it('follow coverage rows, status, currency and category changes and deletes, counting a listing once per year', async () => {
    const seller = await makeUser(t.db, { role: 'seller' });
    const giulia = (yearFrom: number | null, yearTo: number | null, engine?: string) => ({ make: 'Alfa Romeo', model: 'Giulia', yearFrom, yearTo, engine });
    const a = await makeListing(t.db, { sellerId: seller.id, partCategory: 'brakes', coverage: [giulia(2016, 2019), giulia(2018, 2020, 'Quadrifoglio'), { make: 'Alfa', model: 'Stelvio', yearFrom: 2017, yearTo: 2017 }] });
    const b = await makeListing(t.db, { sellerId: seller.id, partCategory: 'lighting', currency: 'EUR', coverage: [giulia(null, null)] });
    await makeListing(t.db, { sellerId: seller.id, status: 'sold', coverage: [giulia(2016, 2016)] });
    expect(await kept()).toEqual(await recount());
    expect((await kept()).find(([k]) => k === 'alfaromeo|giulia|2018|USD|brakes')?.[1]).toBe(1);

    await t.db.update(partListings).set({ partCategory: 'cooling', currency: 'GBP' }).where(eq(partListings.id, a.id));
    expect(await kept()).toEqual(await recount());
    await t.db.update(partListings).set({ status: 'withdrawn' }).where(eq(partListings.id, b.id));
    expect(await kept()).toEqual(await recount());
    await t.db.update(partListings).set({ status: 'active' }).where(eq(partListings.id, b.id));
    await t.db.delete(listingCoverage).where(and(eq(listingCoverage.listingSeq, a.seq), eq(listingCoverage.position, 1)));
    expect(await kept()).toEqual(await recount());
    await t.db.delete(partListings).where(eq(partListings.id, a.id));
    expect(await kept()).toEqual(await recount());
    expect((await kept()).map(([k]) => k)).toEqual(['alfaromeo|giulia|0|EUR|lighting']);
  });
});
