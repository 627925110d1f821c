import { INQUIRY_STATUSES } from '@carparts/domain';
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { buyerColumn, sellerColumn, listingColumn } from './parties.ts';
import { rowIdentity, timestamp } from './common.ts';

import { users } from './users.ts';

export const inquiries = sqliteTable(
  'inquiries',
  {
    ...rowIdentity,
    ...buyerColumn(),
    ...sellerColumn(),
    ...listingColumn(),
    message: text('message').notNull(),
    status: text('status', { enum: INQUIRY_STATUSES }).notNull().default('open'),
    firstRepliedAt: timestamp('first_replied_at'),
    closedAt: timestamp('closed_at'),
    closedBy: text('closed_by').references(() => users.id),
    closeReason: text('close_reason'),
  },
  (t) => [
    index('inquiries_buyer_idx').on(t.buyerId, t.updatedAt),
    index('inquiries_seller_idx').on(t.sellerId, t.updatedAt),
    index('inquiries_listing_idx').on(t.partListingId, t.createdAt),
    index('inquiries_status_idx').on(t.status, t.createdAt),
    index('inquiries_created_idx').on(t.createdAt),
  ],
);

export const inquiryReplies = sqliteTable(
  'inquiry_replies',
  {
    ...rowIdentity,
    inquiryId: text('inquiry_id')
      .notNull()
      .references(() => inquiries.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    message: text('message').notNull(),
  },
  (t) => [index('inquiry_replies_thread_idx').on(t.inquiryId, t.createdAt)],
);
