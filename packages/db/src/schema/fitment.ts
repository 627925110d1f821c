import { FITMENT_STATUSES } from '@carparts/domain';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { buyerColumn, listingColumn, sellerColumn } from './parties.ts';
import { rowIdentity, timestamp } from './common.ts';

import { purchases } from './purchases.ts';
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

/**
 * A buyer's word, after a completed purchase, on whether the part fit: once per purchase. `claimed` records whether
 * one of the seller's coverage rows claimed that vehicle when the report was made; a "did not fit" for a claimed
 * vehicle contradicts the seller and stays open in the operators' fitment queue until one of them resolves it.
 */
export const fitmentReports = sqliteTable(
  'fitment_reports',
  {
    ...rowIdentity,
    purchaseId: text('purchase_id')
      .notNull()
      .references(() => purchases.id),
    ...listingColumn('cascade'),
    ...buyerColumn(),
    ...sellerColumn(),
    vehicleMake: text('vehicle_make').notNull(),
    vehicleModel: text('vehicle_model').notNull(),
    makeKey: text('make_key').notNull(),
    modelKey: text('model_key').notNull(),
    vehicleYear: integer('vehicle_year').notNull(),
    fit: integer('fit', { mode: 'boolean' }).notNull(),
    claimed: integer('claimed', { mode: 'boolean' }).notNull(),
    note: text('note'),
    resolvedAt: timestamp('resolved_at'),
    resolvedBy: text('resolved_by').references(() => users.id),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    uniqueIndex('fitment_reports_purchase_unique').on(t.purchaseId),
    index('fitment_reports_listing_idx').on(t.partListingId, t.fit),
    index('fitment_reports_seller_idx').on(t.sellerId, t.claimed, t.fit),
    index('fitment_reports_open_idx').on(t.createdAt).where(sql`${t.fit} = 0 AND ${t.claimed} = 1 AND ${t.resolvedAt} IS NULL`),
    index('fitment_reports_created_idx').on(t.createdAt),
  ],
);
