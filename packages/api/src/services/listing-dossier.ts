import type { SessionUser } from '@carparts/auth';
import { auditLog, compatibilityLogs, purchases, sellerRatings, type Db } from '@carparts/db';
import { DomainError } from '@carparts/domain';
import { desc, eq } from 'drizzle-orm';
import { fitmentLogView } from './fitment.ts';
import { inquiryThreads } from './inquiries.ts';
import { findListingRow } from './listing-rows.ts';
import { listingDetail } from './listing-views.ts';
import { purchaseView } from './purchases.ts';

/** Everything about one listing, for an operator deciding what to do with it. */
export async function consoleListingDetail(db: Db, operator: SessionUser, id: string, now: Date) {
  const listing = await findListingRow(db, id);
  if (!listing) throw new DomainError('NOT_FOUND', 'Listing not found');
  const [detail, fitment, threads, deals, ratings, history] = await Promise.all([
    listingDetail(db, listing, operator, now),
    db.select().from(compatibilityLogs).where(eq(compatibilityLogs.partListingId, id)).orderBy(desc(compatibilityLogs.createdAt)).limit(50),
    inquiryThreads(db, { listingId: id }, { limit: 50 }),
    db.select().from(purchases).where(eq(purchases.partListingId, id)).orderBy(desc(purchases.createdAt)).limit(50),
    db.select().from(sellerRatings).where(eq(sellerRatings.partListingId, id)).orderBy(desc(sellerRatings.createdAt)).limit(50),
    db.select().from(auditLog).where(eq(auditLog.targetId, id)).orderBy(desc(auditLog.createdAt)).limit(50),
  ]);
  return {
    listing: { ...detail, sellerId: listing.sellerId, moderatedAt: listing.moderatedAt },
    fitmentLogs: fitment.map(fitmentLogView),
    inquiries: threads.items,
    purchases: deals.map((deal) => purchaseView(deal, 'operator')),
    ratings: ratings.map((r) => ({ id: r.id, rating: r.rating, reviewText: r.reviewText, isVerifiedPurchase: r.isVerifiedPurchase, createdAt: r.createdAt })),
    auditTrail: history,
  };
}

