import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { buyerColumn, sellerColumn, listingColumn } from './parties.ts';
import { rowIdentity } from './common.ts';

import { purchases } from './purchases.ts';

export const sellerRatings = sqliteTable(
  'seller_ratings',
  {
    ...rowIdentity,
    ...sellerColumn(),
    ...buyerColumn(),
    ...listingColumn(),
    purchaseId: text('purchase_id').references(() => purchases.id),
    rating: integer('rating').notNull(),
    reviewText: text('review_text'),
    /** Set by the server only: true when the rating comes from a completed purchase of this buyer. */
    isVerifiedPurchase: integer('is_verified_purchase', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('ratings_one_per_purchase').on(t.purchaseId),
    index('ratings_seller_idx').on(t.sellerId, t.createdAt),
    index('ratings_buyer_idx').on(t.buyerId, t.createdAt),
  ],
);
