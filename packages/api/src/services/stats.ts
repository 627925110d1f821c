import { compatibilityLogs, inquiries, partListings, purchases, users, type DbOrTx } from '@carparts/db';
import { count, eq, gte, sql } from 'drizzle-orm';

const WINDOWS = { day: 1, week: 7, month: 30 } as const;

/** Dashboard figures for the last day, week or month, with a per-day series for the small charts. */
export async function marketplaceStats(db: DbOrTx, window: keyof typeof WINDOWS, now: Date) {
  const days = WINDOWS[window];
  const since = new Date(now.getTime() - days * 86_400_000);
  const perDay = (column: typeof partListings.createdAt) => sql<string>`strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`;
  const [listingsByStatus, newListings, openInquiries, fitmentByVerdict, purchasesByStatus, newUsers, listingsPerDay] = await Promise.all([
    db.select({ key: partListings.status, n: count() }).from(partListings).groupBy(partListings.status),
    db.select({ n: count() }).from(partListings).where(gte(partListings.createdAt, since)),
    db.select({ n: count() }).from(inquiries).where(eq(inquiries.status, 'open')),
    db.select({ key: compatibilityLogs.fitmentStatus, n: count() }).from(compatibilityLogs).where(gte(compatibilityLogs.createdAt, since)).groupBy(compatibilityLogs.fitmentStatus),
    db.select({ key: purchases.status, n: count() }).from(purchases).where(gte(purchases.createdAt, since)).groupBy(purchases.status),
    db.select({ key: users.role, n: count() }).from(users).where(gte(users.createdAt, since)).groupBy(users.role),
    db
      .select({ day: perDay(partListings.createdAt), n: count() })
      .from(partListings)
      .where(gte(partListings.createdAt, since))
      .groupBy(perDay(partListings.createdAt)),
  ]);
  const asRecord = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.n]));
  return {
    window,
    since,
    listingsByStatus: asRecord(listingsByStatus),
    newListings: newListings[0]?.n ?? 0,
    openInquiries: openInquiries[0]?.n ?? 0,
    fitmentByVerdict: asRecord(fitmentByVerdict),
    purchasesByStatus: asRecord(purchasesByStatus),
    newUsersByRole: asRecord(newUsers),
    newListingsPerDay: listingsPerDay,
  };
}
