import { coverageRowValues, events, listingCoverage, listingPartNumbers, partListings, partNumberValues, users, type Db } from '@carparts/db';
import { largestPlaces } from '@carparts/api';
import { eq, gt, like, sql } from 'drizzle-orm';
import { rng } from './catalog.ts';
import { generateListing } from './listings.ts';

/**
 * A large deterministic catalogue for benchmarks: `count` listings spread over `sellers` sellers across the last two
 * years, inserted in multi-row statements inside large transactions. Sellers get an unusable password.
 */
export async function seedSyntheticCatalogue(db: Db, opts: { count: number; seed?: number; sellers?: number; now?: Date; onProgress?: (done: number) => void }) {
  const [{ last: eventsBefore } = { last: 0 }] = await db.select({ last: sql<number>`coalesce(max(${events.id}), 0)` }).from(events);
  const r = rng(opts.seed ?? 1);
  const now = (opts.now ?? new Date()).getTime();
  const sellerCount = opts.sellers ?? Math.max(10, Math.min(5_000, Math.ceil(opts.count / 200)));
  const tag = `s${opts.seed ?? 1}x${Date.now().toString(36)}`;
  const sellerIds: string[] = [];
  for (let i = 0; i < sellerCount; i += 500) {
    const rows = await db
      .insert(users)
      .values(
        Array.from({ length: Math.min(500, sellerCount - i) }, (_, k) => ({
          username: `bulk-${tag}-${i + k}`,
          email: `bulk-${tag}-${i + k}@bulk.carparts.test`,
          passwordHash: '!synthetic',
          role: 'seller' as const,
          displayName: `Bulk Seller ${i + k}`,
        })),
      )
      .returning({ id: users.id });
    sellerIds.push(...rows.map((row) => row.id));
  }

  const TWO_YEARS = 730 * 86_400_000;
  const ROWS_PER_STATEMENT = 400;
  const ROWS_PER_TRANSACTION = 20_000;
  let done = 0;
  while (done < opts.count) {
    const chunk = Math.min(ROWS_PER_TRANSACTION, opts.count - done);
    await db.transaction(async (tx) => {
      for (let i = 0; i < chunk; i += ROWS_PER_STATEMENT) {
        const generated = Array.from({ length: Math.min(ROWS_PER_STATEMENT, chunk - i) }, () => {
          const g = generateListing(r, r.pick(sellerIds), new Date(now - Math.floor(r.next() * TWO_YEARS)));
          const roll = r.next();
          g.listing.status = roll < 0.85 ? 'active' : roll < 0.93 ? 'sold' : roll < 0.97 ? 'withdrawn' : roll < 0.99 ? 'reserved' : 'removed';
          return g;
        });
        const seqs = await tx.insert(partListings).values(generated.map((g) => g.listing)).returning({ seq: partListings.seq });
        const coverage = generated.flatMap((g, k) => coverageRowValues(seqs[k]!.seq, g.coverage));
        for (let c = 0; c < coverage.length; c += ROWS_PER_STATEMENT) await tx.insert(listingCoverage).values(coverage.slice(c, c + ROWS_PER_STATEMENT));
        const numbers = generated.flatMap((g, k) => partNumberValues(seqs[k]!.seq, g.partNumbers));
        if (numbers.length) await tx.insert(listingPartNumbers).values(numbers).onConflictDoNothing();
      }
    });
    done += chunk;
    opts.onProgress?.(done);
  }
  await addSyntheticLogistics(db, sellerIds);
  // a bulk load is not news: nobody subscribes to a catalogue being created, so its events are not kept
  await db.delete(events).where(gt(events.id, eventsBefore));
  return { sellers: sellerCount, listings: done };
}

/** The countries synthetic sellers are in; their 400 largest towns are where they are. */
const SYNTHETIC_COUNTRIES = ['US', 'CA', 'MX', 'GB', 'IE', 'DE', 'FR', 'IT', 'ES', 'PT', 'NL', 'BE', 'PL', 'AT', 'CH', 'SE', 'DK', 'CZ'];

/**
 * Gives a synthetic catalogue's sellers a town each (their listings follow, by the trigger that moves a seller's
 * listings) and its listings a spread of pickup and shipping terms: a third ship at set prices at home, to neighbours
 * and some worldwide, a tenth quote on request, the rest are for pickup. Also run on a catalogue seeded before
 * listings had locations (its events are dropped like the seed's own).
 */
export async function addSyntheticLogistics(db: Db, sellerIds?: string[]) {
  const [{ last: eventsBefore } = { last: 0 }] = await db.select({ last: sql<number>`coalesce(max(${events.id}), 0)` }).from(events);
  const ids = sellerIds ?? (await db.select({ id: users.id }).from(users).where(like(users.email, '%@bulk.carparts.test')).orderBy(users.createdAt, users.id)).map((u) => u.id);
  const towns = await largestPlaces(400, SYNTHETIC_COUNTRIES);
  for (let i = 0; i < ids.length; i += 250) {
    await db.transaction(async (tx) => {
      for (const [k, id] of ids.slice(i, i + 250).entries()) {
        const town = towns[(i + k) % towns.length]!;
        await tx.update(users).set({ placeId: town.placeId, city: town.name, country: town.country, postalCode: null, lat: town.lat, lon: town.lon }).where(eq(users.id, id));
      }
    });
  }
  await db.run(sql`UPDATE ${partListings} SET
    shipping_mode = CASE WHEN seq % 10 = 0 THEN 'quote' WHEN seq % 3 = 0 THEN 'priced' ELSE 'none' END,
    ship_domestic_cents = CASE WHEN seq % 10 <> 0 AND seq % 3 = 0 THEN 900 + (seq % 7) * 300 END,
    ship_countries = CASE WHEN seq % 10 <> 0 AND seq % 3 = 0 AND seq % 2 = 0 THEN CASE country WHEN 'US' THEN ',CA,MX,' WHEN 'CA' THEN ',US,' WHEN 'MX' THEN ',US,' ELSE ',DE,FR,NL,BE,AT,' END ELSE '' END,
    ship_countries_cents = CASE WHEN seq % 10 <> 0 AND seq % 3 = 0 AND seq % 2 = 0 THEN 2500 + (seq % 5) * 500 END,
    ship_worldwide_cents = CASE WHEN seq % 10 <> 0 AND seq % 9 = 0 THEN 8500 END,
    pickup_available = CASE WHEN seq % 10 <> 0 AND seq % 3 = 0 AND seq % 4 = 3 THEN 0 ELSE 1 END,
    freight_only = part_category IN ('engine', 'transmission', 'drivetrain', 'body_panels')`);
  await db.delete(events).where(gt(events.id, eventsBefore));
}
