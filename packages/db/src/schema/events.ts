import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The outbox: one row per change someone may care about, written by triggers in the same statement as the change
 * (so a rolled-back change leaves none, and no code path can forget one). Ids only grow (AUTOINCREMENT never reuses
 * a pruned id), which is what a reconnecting client resumes from. `buyerId`/`sellerId` name the parties a personal
 * stream delivers to; `data` names the objects by id and never carries a message, a price history or a contact.
 */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    type: text('type').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    listingId: text('listing_id'),
    buyerId: text('buyer_id'),
    sellerId: text('seller_id'),
    /** The one person a personal event (a notification) is for; null for events of the marketplace. */
    recipientId: text('recipient_id'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('events_at_idx').on(t.at)],
);

export type EventRow = typeof events.$inferSelect;
