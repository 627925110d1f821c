import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { rowIdentity } from './common.ts';
import { partListings } from './listings.ts';
import { purchases } from './purchases.ts';
import { users } from './users.ts';

export const sellerRatings = sqliteTable(
  'seller_ratings',
  {
    ...rowIdentity,
    sellerId: text('seller_id')
      .notNull()
      .references(() => users.id),
    buyerId: text('buyer_id')
      .notNull()
      .references(() => users.id),
    partListingId: text('part_listing_id')
      .notNull()
      .references(() => partListings.id),
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
