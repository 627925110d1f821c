import { FITMENT_STATUSES } from '@carparts/domain';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { buyerColumn, listingColumn } from './parties.ts';
import { rowIdentity, timestamp } from './common.ts';

import { users } from './users.ts';

export const compatibilityLogs = sqliteTable(
  'compatibility_logs',
  {
    ...rowIdentity,
    ...buyerColumn(),
    ...listingColumn('cascade'),
    vinLast8: text('vin_last8'),
    vehicleMake: text('vehicle_make').notNull(),
    vehicleModel: text('vehicle_model').notNull(),
    vehicleYear: integer('vehicle_year').notNull(),
    fitmentStatus: text('fitment_status', { enum: FITMENT_STATUSES }).notNull(),
    notes: text('notes'),
    reviewedAt: timestamp('reviewed_at'),
    reviewedBy: text('reviewed_by').references(() => users.id),
    reviewNote: text('review_note'),
  },
  (t) => [
    index('fitment_buyer_idx').on(t.buyerId, t.createdAt),
    index('fitment_listing_idx').on(t.partListingId, t.createdAt),
    index('fitment_status_idx').on(t.fitmentStatus, t.reviewedAt, t.createdAt),
    index('fitment_created_idx').on(t.createdAt),
  ],
);
