import { inquiries, partListings, sellerRatings, users, type DbOrTx } from '@carparts/db';
import { DomainError } from '@carparts/domain';
import { and, count, eq, gte, inArray, sql } from 'drizzle-orm';

type UserRow = typeof users.$inferSelect;

/** What anyone may see of an account. Email and phone are never part of it. */
export function publicUser(u: Pick<UserRow, 'id' | 'username' | 'displayName' | 'role' | 'createdAt'>) {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, memberSince: u.createdAt };
}

/** What the owner (and operators) see of an account. */
export function ownUser(u: UserRow) {
  return {
    ...publicUser(u),
    email: u.email,
    phoneNumber: u.phoneNumber,
    status: u.status,
    vehicle:
      u.vehicleMake && u.vehicleModel && u.vehicleYear
        ? { vehicleMake: u.vehicleMake, vehicleModel: u.vehicleModel, vehicleYear: u.vehicleYear, vinLast8: u.vehicleVinLast8 }
        : null,
  };
}

export interface RatingSummary {
  average: number | null;
  count: number;
  verifiedCount: number;
}

export async function ratingSummaries(db: DbOrTx, sellerIds: string[]): Promise<Map<string, RatingSummary>> {
  const summaries = new Map<string, RatingSummary>();
  if (sellerIds.length === 0) return summaries;
  const rows = await db
    .select({
      sellerId: sellerRatings.sellerId,
      average: sql<number>`avg(${sellerRatings.rating})`,
      count: count(),
      verifiedCount: sql<number>`sum(${sellerRatings.isVerifiedPurchase})`,
    })
    .from(sellerRatings)
    .where(inArray(sellerRatings.sellerId, [...new Set(sellerIds)]))
    .groupBy(sellerRatings.sellerId);
  for (const r of rows) {
    summaries.set(r.sellerId, { average: Math.round(r.average * 100) / 100, count: r.count, verifiedCount: Number(r.verifiedCount) });
  }
  return summaries;
}

export const emptyRatingSummary: RatingSummary = { average: null, count: 0, verifiedCount: 0 };

const RESPONSE_WINDOW_MS = 90 * 24 * 3_600_000;

/** A seller's public profile: who they are, their ratings and how reliably they answer questions. */
export async function sellerProfile(db: DbOrTx, sellerId: string, now: Date) {
  const seller = await db.query.users.findFirst({ where: and(eq(users.id, sellerId), eq(users.role, 'seller')) });
  if (!seller) throw new DomainError('NOT_FOUND', 'Seller not found');
  const since = new Date(now.getTime() - RESPONSE_WINDOW_MS);
  const [ratings, [asked], [active]] = await Promise.all([
    ratingSummaries(db, [sellerId]),
    db
      .select({ total: count(), answered: count(inquiries.firstRepliedAt) })
      .from(inquiries)
      .where(and(eq(inquiries.sellerId, sellerId), gte(inquiries.createdAt, since))),
    db
      .select({ n: count() })
      .from(partListings)
      .where(and(eq(partListings.sellerId, sellerId), eq(partListings.status, 'active'))),
  ]);
  return {
    ...publicUser(seller),
    suspended: seller.status === 'suspended',
    ratings: ratings.get(sellerId) ?? emptyRatingSummary,
    /** Share of the last 90 days' inquiries the seller answered; null before anyone asked. */
    responseRate: asked && asked.total > 0 ? Math.round((asked.answered / asked.total) * 100) / 100 : null,
    activeListings: active?.n ?? 0,
  };
}

