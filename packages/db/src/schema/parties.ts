import { text } from 'drizzle-orm/sqlite-core';
import { partListings } from './listings.ts';
import { users } from './users.ts';

/** The columns that tie a record of a trade to its buyer, its seller and the listing it is about. */
export const buyerColumn = () => ({ buyerId: text('buyer_id').notNull().references(() => users.id) });
export const sellerColumn = () => ({ sellerId: text('seller_id').notNull().references(() => users.id) });
export const listingColumn = (onDelete?: 'cascade') => ({
  partListingId: text('part_listing_id')
    .notNull()
    .references(() => partListings.id, onDelete ? { onDelete } : {}),
});
