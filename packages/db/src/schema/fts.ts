import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Query-side view of the FTS5 table created by migration 0001 (drizzle-kit cannot generate virtual tables, so this
 * file is not part of the schema it reads). `rowid` is the listing's `seq`; `rank` is bm25, lower is better.
 */
export const partListingsFts = sqliteTable('part_listings_fts', {
  rowid: integer('rowid').notNull(),
  rank: real('rank').notNull(),
  title: text('title'),
});
