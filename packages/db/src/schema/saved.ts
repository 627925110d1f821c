import type { SavedSearchQuery } from '@carparts/domain';
import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { newId } from '../ids.ts';
import { timestamp } from './common.ts';
import { partListings } from './listings.ts';
import { users } from './users.ts';

/**
 * A search a person saved, to be told of new listings that match it: checked when `nextCheckAt` comes (at most daily),
 * for listings created after `checkedUpTo`.
 */
export const savedSearches = sqliteTable(
  'saved_searches',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    query: text('query', { mode: 'json' }).$type<SavedSearchQuery>().notNull(),
    createdAt: timestamp('created_at').notNull(),
    checkedUpTo: timestamp('checked_up_to').notNull(),
    nextCheckAt: timestamp('next_check_at').notNull(),
  },
  (t) => [index('saved_searches_user_idx').on(t.userId, t.createdAt), index('saved_searches_due_idx').on(t.nextCheckAt)],
);

/** The listings a person watches, to be told when one drops in price, is reserved or is sold. */
export const watchlist = sqliteTable(
  'watchlist',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    listingId: text('listing_id')
      .notNull()
      .references(() => partListings.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.listingId] }), index('watchlist_listing_idx').on(t.listingId)],
);

export type SavedSearchRow = typeof savedSearches.$inferSelect;
