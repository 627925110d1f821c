import { FITMENT_STATUSES, INQUIRY_STATUSES, PHOTO_ANGLES, PURCHASE_STATUSES, ROLES } from '@carparts/domain';
import { CURRENCY_CODES } from '@carparts/domain';
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { rowIdentity, timestamp } from './common.ts';
import { partListings } from './listings.ts';
import { users } from './users.ts';

export const inventoryPhotos = sqliteTable(
  'inventory_photos',
  {
    ...rowIdentity,
    partListingId: text('part_listing_id')
      .notNull()
      .references(() => partListings.id, { onDelete: 'cascade' }),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => users.id),
    /** Random server-chosen name of the stored file; never derived from what the client sent. */
    storageKey: text('storage_key').notNull(),
    imageUrl: text('image_url').notNull(),
    thumbnailUrl: text('thumbnail_url').notNull(),
    caption: text('caption'),
    angle: text('angle', { enum: PHOTO_ANGLES }),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
  },
  (t) => [
    index('photos_listing_idx').on(t.partListingId, t.isPrimary, t.createdAt),
    uniqueIndex('photos_storage_key_unique').on(t.storageKey),
    uniqueIndex('photos_one_primary_per_listing').on(t.partListingId).where(sql`${t.isPrimary} = 1`),
  ],
);

export const purchases = sqliteTable(
  'purchases',
  {
    ...rowIdentity,
    partListingId: text('part_listing_id')
      .notNull()
      .references(() => partListings.id),
    buyerId: text('buyer_id')
      .notNull()
      .references(() => users.id),
    sellerId: text('seller_id')
      .notNull()
      .references(() => users.id),
    /** The price and currency at the moment of reservation; later edits of the listing do not change a deal. */
    priceCents: integer('price_cents').notNull(),
    currency: text('currency', { enum: CURRENCY_CODES }).notNull(),
    status: text('status', { enum: PURCHASE_STATUSES }).notNull().default('reserved'),
    expiresAt: timestamp('expires_at').notNull(),
    completedAt: timestamp('completed_at'),
    cancelledAt: timestamp('cancelled_at'),
    cancelledBy: text('cancelled_by').references(() => users.id),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    uniqueIndex('purchases_one_live_reservation_per_listing').on(t.partListingId).where(sql`${t.status} = 'reserved'`),
    index('purchases_buyer_idx').on(t.buyerId, t.status, t.createdAt),
    index('purchases_seller_idx').on(t.sellerId, t.status, t.createdAt),
    index('purchases_listing_idx').on(t.partListingId, t.createdAt),
    index('purchases_expiry_idx').on(t.status, t.expiresAt),
    index('purchases_created_idx').on(t.createdAt),
  ],
);

export const compatibilityLogs = sqliteTable(
  'compatibility_logs',
  {
    ...rowIdentity,
    buyerId: text('buyer_id')
      .notNull()
      .references(() => users.id),
    partListingId: text('part_listing_id')
      .notNull()
      .references(() => partListings.id, { onDelete: 'cascade' }),
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

export const inquiries = sqliteTable(
  'inquiries',
  {
    ...rowIdentity,
    buyerId: text('buyer_id')
      .notNull()
      .references(() => users.id),
    sellerId: text('seller_id')
      .notNull()
      .references(() => users.id),
    partListingId: text('part_listing_id')
      .notNull()
      .references(() => partListings.id),
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

/**
 * Append-only record of operator actions. Triggers in the migrations refuse UPDATE and DELETE, so not even a bug in
 * the API can rewrite history.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: rowIdentity.id,
    createdAt: rowIdentity.createdAt,
    actorId: text('actor_id')
      .notNull()
      .references(() => users.id),
    actorRole: text('actor_role', { enum: ROLES }).notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    reason: text('reason'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_created_idx').on(t.createdAt),
    index('audit_actor_idx').on(t.actorId, t.createdAt),
    index('audit_target_idx').on(t.targetId, t.createdAt),
    index('audit_action_idx').on(t.action, t.createdAt),
  ],
);
