import { sql } from 'drizzle-orm';
import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Query-side view of the FTS5 table the migrations create (drizzle-kit cannot generate virtual tables, so this
 * file is not part of the schema it reads). `rowid` is the listing's `seq` negated, so that the index's ascending order
 * is newest first (see {@link listingSeqOfMatch}); `rank` is bm25, lower is better. It keeps no content: only MATCH and
 * rowid can be read.
 */
export const partListingsFts = sqliteTable('part_listings_fts', {
  rowid: integer('rowid').notNull(),
  rank: real('rank').notNull(),
  title: text('title'),
});

/** The listing `seq` of a full-text match: the index keys each listing by its `seq` negated. */
export const listingSeqOfMatch = sql<number>`-"part_listings_fts"."rowid"`;

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
