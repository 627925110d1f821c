import { randomBytes } from 'node:crypto';
import type { SessionUser } from '@carparts/auth';
import { events, notifications, notificationSettings, outboxCursors, partListings, readerOf, users, watchlist, type Db, type DbOrTx } from '@carparts/db';
import {
  DomainError,
  NOTIFICATION_KINDS,
  canSeeListing,
  describeNotification,
  notificationsFor,
  preferencesWithDefaults,
  watchedChange,
  type ListingStatus,
  type NotifiableEvent,
  type NotificationChannel,
  type NotificationKind,
  type NotificationPreferences,
} from '@carparts/domain';
import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { timeOrdered, toPage } from './paging.ts';

type Person = Pick<SessionUser, 'id' | 'role'>;

/** The notifier's name in `outbox_cursors`. */
const NOTIFIER = 'notifier';
/** Events the notifier reads per transaction. */
const NOTIFIER_BATCH = 500;

export interface NotifierSettings {
  /** How long a notification may stay unread in the app before it is also sent by email. */
  emailDelayMs: number;
}

/**
 * Turns outbox events into notifications, from where the notifier last stopped: reads a batch of events after its
 * cursor, writes the notifications they call for (by {@link notificationsFor}, with each person's preferences) and
 * moves the cursor, in one transaction, so that a crash or a second notifier neither loses nor repeats one.
 * Returns how many notifications were written.
 */
export async function collectNotifications(db: Db, settings: NotifierSettings): Promise<number> {
  // most seconds bring no event: find that out with a read, without taking the database's write lock
  const reader = readerOf(db);
  const [seen] = await reader.select({ eventId: outboxCursors.eventId }).from(outboxCursors).where(eq(outboxCursors.name, NOTIFIER));
  const [next] = await reader.select({ id: events.id }).from(events).where(gt(events.id, seen?.eventId ?? 0)).limit(1);
  if (!next) return 0;
  return db.transaction(async (tx) => {
    const [cursor] = await tx.select({ eventId: outboxCursors.eventId }).from(outboxCursors).where(eq(outboxCursors.name, NOTIFIER));
    const batch = await tx
      .select({ id: events.id, type: events.type, at: events.at, listingId: events.listingId, buyerId: events.buyerId, sellerId: events.sellerId, recipientId: events.recipientId, data: events.data })
      .from(events)
      .where(gt(events.id, cursor?.eventId ?? 0))
      .orderBy(asc(events.id))
      .limit(NOTIFIER_BATCH);
    if (batch.length === 0) return 0;
    const targets = batch.flatMap((event) => notificationsFor(event).map((target) => ({ event, ...target })));
    targets.push(...(await watchersToTell(tx, batch)));
    const preferences = await preferencesOf(tx, [...new Set(targets.map((t) => t.userId))]);
    const rows = targets
      .filter((t) => preferences.get(t.userId)?.[t.kind] !== 'off')
      .map(({ event, userId, kind }) => {
        const byEmail = preferences.get(userId)?.[kind] === 'email';
        return {
          userId,
          eventId: event.id,
          kind,
          eventType: event.type,
          listingId: event.listingId,
          data: event.data,
          createdAt: event.at,
          emailState: byEmail ? ('pending' as const) : ('none' as const),
          emailDueAt: byEmail ? new Date(event.at.getTime() + settings.emailDelayMs) : null,
        };
      })
      // a person whose account is gone (the event outlived it) is told nothing
      .filter((row) => preferences.has(row.userId));
    for (let i = 0; i < rows.length; i += 100) await tx.insert(notifications).values(rows.slice(i, i + 100)).onConflictDoNothing();
    const last = batch.at(-1)!.id;
    await tx
      .insert(outboxCursors)
      .values({ name: NOTIFIER, eventId: last })
      .onConflictDoUpdate({ target: outboxCursors.name, set: { eventId: last } });
    return rows.length;
  });
}

/**
 * Those who watch a listing, for each event that changes what they watch it for (a lower price, a reservation, a
 * sale) — except the parties of the change themselves (the seller, the buyer who reserved or bought it).
 */
async function watchersToTell<E extends NotifiableEvent & { listingId: string | null }>(db: DbOrTx, batch: E[]) {
  const changes = batch.filter((event) => event.listingId && watchedChange(event));
  if (changes.length === 0) return [];
  const rows = await db
    .select({ userId: watchlist.userId, listingId: watchlist.listingId })
    .from(watchlist)
    .where(inArray(watchlist.listingId, [...new Set(changes.map((event) => event.listingId!))]));
  return changes.flatMap((event) =>
    rows
      .filter((row) => row.listingId === event.listingId && row.userId !== event.buyerId && row.userId !== event.sellerId)
      .map((row) => ({ event, userId: row.userId, kind: 'watched' as const })),
  );
}

/** Each existing person's preferences (defaults where they chose nothing); people who no longer exist are absent. */
async function preferencesOf(db: DbOrTx, userIds: string[]): Promise<Map<string, NotificationPreferences>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, channels: notificationSettings.channels })
    .from(users)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(inArray(users.id, userIds));
  return new Map(rows.map((row) => [row.id, preferencesWithDefaults(row.channels)]));
}

/** A person's notifications, newest first, each with its words and link, and how many are unread. */
export async function listNotifications(db: DbOrTx, person: Person, input: { unreadOnly: boolean; cursor?: string; limit: number }) {
  // notifications of the same moment (a takedown and the cancellation it caused) in the order their events happened
  const paging = timeOrdered(notifications.createdAt, notifications.eventId, input.cursor, 'newest', 'number');
  const [rows, unreadCount] = await Promise.all([
    db
      .select({
        notification: notifications,
        listingTitle: partListings.title,
        listingStatus: partListings.status,
        listingSeller: partListings.sellerId,
        sellerStatus: users.status,
      })
      .from(notifications)
      .leftJoin(partListings, eq(partListings.id, notifications.listingId))
      .leftJoin(users, eq(users.id, partListings.sellerId))
      .where(and(eq(notifications.userId, person.id), input.unreadOnly ? isNull(notifications.readAt) : undefined, paging.after))
      .orderBy(...paging.orderBy)
      .limit(input.limit + 1),
    unreadNotificationCount(db, person),
  ]);
  const page = toPage(rows, input.limit, (r) => ({ time: r.notification.createdAt, id: r.notification.eventId }), paging.order);
  return {
    unreadCount,
    items: page.items.map(({ notification: n, listingTitle, listingStatus, listingSeller, sellerStatus }) => {
      // a listing the person may no longer see is not named (its title is the seller's, shown only where the listing is)
      const visible =
        listingTitle !== null && listingSeller !== null && canSeeListing({ status: listingStatus as ListingStatus, sellerId: listingSeller, sellerSuspended: sellerStatus === 'suspended' }, person);
      return {
        id: n.id,
        kind: n.kind,
        type: n.eventType,
        listingId: n.listingId,
        data: n.data,
        createdAt: n.createdAt,
        readAt: n.readAt,
        ...describeNotification(n, visible ? listingTitle : null),
      };
    }),
    nextCursor: page.nextCursor,
  };
}

export async function unreadNotificationCount(db: DbOrTx, person: Pick<Person, 'id'>): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, person.id), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** An email not yet sent is not needed once its notification is read, or its kind no longer goes by email. */
const skipPendingEmail = sql`CASE WHEN ${notifications.emailState} = 'pending' THEN 'skipped' ELSE ${notifications.emailState} END`;

/**
 * Marks some (or all) of a person's notifications read; other people's ids are ignored, as if they did not exist.
 * The person's other open screens learn of it through the outbox, in the same transaction.
 */
export async function markNotificationsRead(db: Db, person: Person, input: { ids?: string[]; inquiryId?: string; all?: true }, now: Date) {
  const which = input.all
    ? undefined
    : input.inquiryId
      ? sql`json_extract(${notifications.data}, '$.inquiryId') = ${input.inquiryId}`
      : inArray(notifications.id, input.ids ?? []);
  return db.transaction(async (tx) => {
    const result = await tx
      .update(notifications)
      .set({ readAt: now, emailState: skipPendingEmail })
      .where(and(eq(notifications.userId, person.id), isNull(notifications.readAt), which));
    if (result.rowsAffected > 0) {
      await tx.insert(events).values({ type: 'notification.read', at: now, recipientId: person.id, data: { count: result.rowsAffected } });
    }
    return { marked: result.rowsAffected, unreadCount: await unreadNotificationCount(tx, person) };
  });
}

const newUnsubscribeToken = () => randomBytes(24).toString('base64url');

/** A person's settings row, created on first need with the secret their unsubscribe links carry. */
export async function ensureNotificationSettings(db: DbOrTx, userId: string, now: Date) {
  await db.insert(notificationSettings).values({ userId, channels: {}, unsubscribeToken: newUnsubscribeToken(), updatedAt: now }).onConflictDoNothing();
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return row!;
}

export async function notificationPreferences(db: DbOrTx, person: Person): Promise<NotificationPreferences> {
  const [row] = await db.select({ channels: notificationSettings.channels }).from(notificationSettings).where(eq(notificationSettings.userId, person.id));
  return preferencesWithDefaults(row?.channels);
}

/** Applies a person's choices; emails waiting to go for kinds that no longer go by email are not sent. */
async function applyChannels(tx: DbOrTx, userId: string, stored: Partial<Record<string, unknown>>, changes: Partial<NotificationPreferences>, now: Date) {
  const channels = { ...preferencesWithDefaults(stored), ...changes };
  // only choices that differ from the defaults are stored, so a changed default reaches everyone who did not choose
  const chosen = Object.fromEntries(Object.entries({ ...stored, ...changes }).filter(([kind]) => (NOTIFICATION_KINDS as readonly string[]).includes(kind)));
  await tx.update(notificationSettings).set({ channels: chosen, updatedAt: now }).where(eq(notificationSettings.userId, userId));
  const noEmail = NOTIFICATION_KINDS.filter((kind) => channels[kind] !== 'email');
  if (noEmail.length > 0) {
    await tx
      .update(notifications)
      .set({ emailState: skipPendingEmail })
      .where(and(eq(notifications.userId, userId), eq(notifications.emailState, 'pending'), inArray(notifications.kind, noEmail)));
  }
  return channels;
}

export async function setNotificationPreferences(db: Db, person: Person, changes: Partial<Record<NotificationKind, NotificationChannel>>, now: Date) {
  return db.transaction(async (tx) => {
    const settings = await ensureNotificationSettings(tx, person.id, now);
    return applyChannels(tx, person.id, settings.channels, changes, now);
  });
}

/**
 * The one-click unsubscribe of an email: its token names the person (no sign-in), and the kind it names (or every
 * kind) stops going by email; notifications stay in the app. Repeating it changes nothing more.
 */
export async function unsubscribe(db: Db, input: { token: string; kind: NotificationKind | 'all' }, now: Date) {
  return db.transaction(async (tx) => {
    const [settings] = await tx.select().from(notificationSettings).where(eq(notificationSettings.unsubscribeToken, input.token));
    if (!settings) throw new DomainError('NOT_FOUND', 'This unsubscribe link is not valid; change your email settings on your account page instead');
    const current = preferencesWithDefaults(settings.channels);
    const kinds = input.kind === 'all' ? NOTIFICATION_KINDS : [input.kind];
    const changes = Object.fromEntries(kinds.filter((kind) => current[kind] === 'email').map((kind) => [kind, 'in_app' as const]));
    const preferences = await applyChannels(tx, settings.userId, settings.channels, changes, now);
    return { kinds: [...kinds], preferences };
  });
}
