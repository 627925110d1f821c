import { NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from '@carparts/domain';
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { newId } from '../ids.ts';
import { timestamp } from './common.ts';
import { users } from './users.ts';

export const EMAIL_STATES = ['none', 'pending', 'sending', 'sent', 'skipped', 'failed'] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

/**
 * One thing a person is told, made from one outbox event (at most once per person and event). `emailState` follows
 * its email: `none` (not wanted), `pending` until `emailDueAt` (then sent unless read by then), `sending` while a
 * sweeper holds it (until `emailDueAt`, after which another may take it), `sent`, `skipped` (read in time, or
 * unsubscribed since), `failed` after the last attempt.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    eventId: integer('event_id').notNull(),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    eventType: text('event_type').notNull(),
    listingId: text('listing_id'),
    /** The objects the event names, by id (`inquiryId`, `purchaseId`, …). */
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at').notNull(),
    readAt: timestamp('read_at'),
    emailState: text('email_state', { enum: EMAIL_STATES }).notNull().default('none'),
    emailDueAt: timestamp('email_due_at'),
    emailAttempts: integer('email_attempts').notNull().default(0),
    emailError: text('email_error'),
  },
  (t) => [
    uniqueIndex('notifications_once_per_event').on(t.userId, t.eventId),
    index('notifications_user_idx').on(t.userId, t.createdAt, t.eventId),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} IS NULL`),
    index('notifications_email_due_idx').on(t.emailDueAt).where(sql`${t.emailState} IN ('pending', 'sending')`),
  ],
);

/** A person's notification choices (only the kinds they changed) and the secret of their unsubscribe links. */
export const notificationSettings = sqliteTable('notification_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  channels: text('channels', { mode: 'json' }).$type<Partial<Record<NotificationKind, NotificationChannel>>>().notNull(),
  unsubscribeToken: text('unsubscribe_token').notNull().unique(),
  updatedAt: timestamp('updated_at').notNull(),
});

/** How far a reader of the outbox (the notifier) has come, so that it resumes where it stopped, in any process. */
export const outboxCursors = sqliteTable('outbox_cursors', {
  name: text('name').primaryKey(),
  eventId: integer('event_id').notNull(),
});

export type NotificationRow = typeof notifications.$inferSelect;
