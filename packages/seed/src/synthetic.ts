import { coverageRowValues, events, listingCoverage, listingPartNumbers, partListings, partNumberValues, users, type Db } from '@carparts/db';
import { gt, sql } from 'drizzle-orm';
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
  // a bulk load is not news: nobody subscribes to a catalogue being created, so its events are not kept
  await db.delete(events).where(gt(events.id, eventsBefore));
  return { sellers: sellerCount, listings: done };
}
