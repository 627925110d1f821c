import { ROLES, USER_STATUSES } from '@carparts/domain';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { blob, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { placeColumns, rowIdentity, timestamp } from './common.ts';

/**
 * The average of a seller's stars to two decimals, null before the first rating: the one place it is worked out. The
 * users table has it as the generated column `rating_average`; a statement that reads sellers from an index of the
 * counts (a page of cards) works it out from them, since a generated column keeps SQLite from reading an index alone.
 */
export const ratingAverageOf = (seller: { ratingCount: AnyColumn; ratingStarTotal: AnyColumn }) =>
  sql<number | null>`CASE WHEN ${seller.ratingCount} = 0 THEN NULL ELSE round(1.0 * ${seller.ratingStarTotal} / ${seller.ratingCount}, 2) END`;

export const users = sqliteTable(
  'users',
  {
    ...rowIdentity,
    /** Stored lower-case: usernames are unique regardless of case. */
    username: text('username').notNull(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    displayName: text('display_name').notNull(),
    phoneNumber: text('phone_number'),
    status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
    suspendedAt: timestamp('suspended_at'),
    suspendedReason: text('suspended_reason'),
    /*
     * A seller's summary, kept by triggers in the same transaction as the change to seller_ratings or part_listings,
     * so that a listing card or page reads it with the seller's row instead of aggregating per request.
     */
    ratingCount: integer('rating_count').notNull().default(0),
    ratingStarTotal: integer('rating_star_total').notNull().default(0),
    verifiedRatingCount: integer('verified_rating_count').notNull().default(0),
    ratingAverage: real('rating_average').generatedAlwaysAs((): SQL => ratingAverageOf(users), { mode: 'virtual' }),
    activeListingCount: integer('active_listing_count').notNull().default(0),
    /** Sales the seller completed, kept by a trigger on purchases. */
    completedSalesCount: integer('completed_sales_count').notNull().default(0),
    /** The median time to a first answer over the seller's last 100 answered questions, kept by a trigger; null before any. */
    responseMedianMs: integer('response_median_ms'),
    /** When an operator confirmed this seller is the business it says it is (audited); null when not verified. */
    verifiedBusinessAt: timestamp('verified_business_at'),
    /** When the person opened the confirmation link sent to `email`; until then no email but that link is sent to it. */
    emailConfirmedAt: timestamp('email_confirmed_at'),
    /** Where the person is: the seller's parts are there, and a buyer's searches measure from it. */
    ...placeColumns(),
  },
  (t) => [
    uniqueIndex('users_username_unique').on(t.username),
    uniqueIndex('users_email_unique').on(t.email),
    index('users_role_created_idx').on(t.role, t.createdAt),
    index('users_display_name_idx').on(t.displayName),
    /** Shopper-facing queries leave out suspended sellers' listings: this keeps that list a few index entries. */
    index('users_suspended_idx').on(t.id).where(sql`${t.status} = 'suspended'`),
    /**
     * What a listing card shows of its seller, by the seller's id: a page of cards reads its sellers from this index
     * alone (named by the card query, since without statistics SQLite would take the primary key's index and then the
     * wide row).
     */
    index('users_card_idx').on(t.id, t.displayName, t.username, t.ratingCount, t.ratingStarTotal, t.verifiedRatingCount),
  ],
);

/**
 * Sessions as the Lucia guide prescribes them: the token a client holds is `<id>.<secret>`; only the SHA-256 of the
 * secret is stored, so a leaked table cannot be replayed.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastVerifiedAt: timestamp('last_verified_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const EMAIL_CONFIRMATION_STATES = ['pending', 'sending', 'sent', 'failed', 'confirmed'] as const;

/**
 * The confirmation of an account's email address, one per account: `pending` until the mail sweep takes it (`sending`,
 * under a lease until `dueAt`), `sent` with the SHA-256 of the link's token and its expiry, `failed` after the last
 * attempt, `confirmed` once the link was opened (so that opening it again says so). Only the token's hash is stored;
 * a new request replaces an old link.
 */
export const emailConfirmations = sqliteTable(
  'email_confirmations',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The address the link confirms: the account's address when it was asked for. */
    email: text('email').notNull(),
    state: text('state', { enum: EMAIL_CONFIRMATION_STATES }).notNull(),
    dueAt: timestamp('due_at'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    tokenHash: text('token_hash').unique(),
    expiresAt: timestamp('expires_at'),
    requestedAt: timestamp('requested_at').notNull(),
  },
  (t) => [index('email_confirmations_due_idx').on(t.dueAt).where(sql`${t.state} IN ('pending', 'sending')`)],
);

/** Fixed-window counters for throttles (sign-in attempts, business-flow caps). */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    windowStartedAt: timestamp('window_started_at').notNull(),
  },
  (t) => [index('rate_limits_window_idx').on(t.windowStartedAt)],
);

export const userSearchExpression = sql`lower(display_name || ' ' || username || ' ' || email)`;
