import { PHOTO_ANGLES } from '@carparts/domain';
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { listingColumn } from './parties.ts';
import { rowIdentity } from './common.ts';

import { users } from './users.ts';

export const inventoryPhotos = sqliteTable(
  'inventory_photos',
  {
    ...rowIdentity,
    ...listingColumn('cascade'),
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
