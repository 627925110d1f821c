import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Query-side view of the FTS5 table the migrations create (drizzle-kit cannot generate virtual tables, so this
 * file is not part of the schema it reads). `rowid` is the listing's `seq`; `rank` is bm25, lower is better.
 */
export const partListingsFts = sqliteTable('part_listings_fts', {
  rowid: integer('rowid').notNull(),
  rank: real('rank').notNull(),
  title: text('title'),
});

/**
 * Query-side view of the R*Tree of active listings with a location (migration 0018, kept by triggers): `id` is the
 * listing's `seq`; each entry is a point, its box one latitude and one longitude wide.
 */
export const listingGeo = sqliteTable('listing_geo', {
  id: integer('id').notNull(),
  minLat: real('min_lat').notNull(),
  maxLat: real('max_lat').notNull(),
  minLon: real('min_lon').notNull(),
  maxLon: real('max_lon').notNull(),
});
