import type { SessionUser } from '@carparts/auth';
import { isUniqueViolation, sellerRatings, users, type Db, type DbOrTx } from '@carparts/db';
import { DomainError } from '@carparts/domain';
import { and, eq } from 'drizzle-orm';
import { timeOrdered, toPage } from './paging.ts';
import { purchaseOfParty } from './purchases.ts';
import { ratingSummary } from './accounts.ts';

export async function rateSeller(
  db: Db,
  buyer: Pick<SessionUser, 'id' | 'role'>,
  input: { purchaseId: string; rating: number; reviewText?: string },
  now: Date,
) {
  const { purchase } = await purchaseOfParty(db, buyer, input.purchaseId, 'buyer');
  if (purchase.status !== 'completed') {
    throw new DomainError('PRECONDITION_FAILED', 'You can rate the seller once the purchase is completed');
  }
  try {
    const [row] = await db
      .insert(sellerRatings)
      .values({
        sellerId: purchase.sellerId,
        buyerId: buyer.id,
        partListingId: purchase.partListingId,
        purchaseId: purchase.id,
        rating: input.rating,
        reviewText: input.reviewText || null,
        // verified by construction: the rating hangs off this buyer's completed purchase
        isVerifiedPurchase: true,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return ratingView(row!, null);
  } catch (error) {
    if (isUniqueViolation(error, 'seller_ratings')) throw new DomainError('CONFLICT', 'You have already rated this purchase');
    throw error;
  }
}

type RatingRow = typeof sellerRatings.$inferSelect;
function ratingView(r: RatingRow, buyerName: string | null) {
  return {
    id: r.id,
    sellerId: r.sellerId,
    listingId: r.partListingId,
    purchaseId: r.purchaseId,
    rating: r.rating,
    reviewText: r.reviewText,
    isVerifiedPurchase: r.isVerifiedPurchase,
    buyerDisplayName: buyerName,
    createdAt: r.createdAt,
  };
}

export async function ratingsForSeller(db: DbOrTx, input: { sellerId: string; cursor?: string; limit: number }) {
  const paging = timeOrdered(sellerRatings.createdAt, sellerRatings.id, input.cursor);
  const [rows, summary] = await Promise.all([
    db
      .select({ rating: sellerRatings, buyerName: users.displayName })
      .from(sellerRatings)
      .innerJoin(users, eq(users.id, sellerRatings.buyerId))
      .where(and(eq(sellerRatings.sellerId, input.sellerId), paging.after))
      .orderBy(...paging.orderBy)
      .limit(input.limit + 1),
    ratingSummary(db, input.sellerId),
  ]);
  const page = toPage(rows, input.limit, (r) => ({ time: r.rating.createdAt, id: r.rating.id }), paging.order);
  return {
    summary,
    items: page.items.map((r) => ratingView(r.rating, r.buyerName)),
    nextCursor: page.nextCursor,
  };
}
