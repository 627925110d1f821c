import { formatPrice, isCurrency } from './money.ts';

/** What a person may be told about, each chosen separately in their preferences. */
export const NOTIFICATION_KINDS = ['question', 'reply', 'reservation', 'sale', 'reservation_expiring', 'reservation_ended', 'moderation', 'fitment', 'rating', 'saved_search', 'watched'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a kind reaches a person: only in the notification centre, there and by email when unseen, or not at all. */
export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'off'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export type NotificationPreferences = Record<NotificationKind, NotificationChannel>;

/** What each kind is about, as the preferences page and an unsubscribe confirmation name it. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  question: 'A buyer asks about one of my listings',
  reply: 'A reply to a conversation I am in',
  reservation: 'A buyer reserves one of my listings',
  sale: 'A seller confirms my purchase',
  reservation_expiring: 'My reservation is about to lapse',
  reservation_ended: 'A reservation I am part of is cancelled or lapses',
  moderation: 'An operator takes down or restores my listing',
  fitment: 'A fitment problem is reported to me, or my report is answered',
  rating: 'A buyer rates me',
  saved_search: 'New listings match one of my saved searches (at most daily per search)',
  watched: 'A part I watch drops in price, is reserved or sold',
};

/** Everything that matters to a deal goes by email unless a person says otherwise; ratings stay in the app. */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  question: 'email',
  reply: 'email',
  reservation: 'email',
  sale: 'email',
  reservation_expiring: 'email',
  reservation_ended: 'email',
  moderation: 'email',
  fitment: 'email',
  rating: 'in_app',
  saved_search: 'email',
  watched: 'email',
};

/** A person's choices over the defaults; kinds added later take their default, unknown stored kinds are dropped. */
export function preferencesWithDefaults(stored: Partial<Record<string, unknown>> | null | undefined): NotificationPreferences {
  const preferences = { ...DEFAULT_NOTIFICATION_PREFERENCES };
  for (const kind of NOTIFICATION_KINDS) {
    const channel = stored?.[kind];
    if (typeof channel === 'string' && (NOTIFICATION_CHANNELS as readonly string[]).includes(channel)) preferences[kind] = channel as NotificationChannel;
  }
  return preferences;
}

/** An outbox event as the notifier reads it. */
export interface NotifiableEvent {
  type: string;
  buyerId: string | null;
  sellerId: string | null;
  /** The one person a personal event is for (a saved search's matches). */
  recipientId?: string | null;
  data: Record<string, unknown>;
}

export interface NotificationTarget {
  userId: string;
  kind: NotificationKind;
}

const to = (userId: string | null | undefined, kind: NotificationKind): NotificationTarget[] => (userId ? [{ userId, kind }] : []);

const bothParties = (event: NotifiableEvent, kind: NotificationKind) => [...to(event.buyerId, kind), ...to(event.sellerId, kind)];

/**
 * Who is told of an event, and as what: the one rule behind the notification centre and the emails. A person is
 * never told of what they did themselves (a reply is for the other party; a cancellation for the party that did not
 * cancel). Events that concern nobody in particular (a new listing, a price change) notify no one.
 */
export function notificationsFor(event: NotifiableEvent): NotificationTarget[] {
  switch (event.type) {
    case 'inquiry.created':
      return to(event.sellerId, 'question');
    case 'inquiry.replied':
      return bothParties(event, 'reply').filter((target) => target.userId !== event.data.authorId);
    case 'purchase.reserved':
      return to(event.sellerId, 'reservation');
    case 'purchase.completed':
      return to(event.buyerId, 'sale');
    case 'purchase.expiring':
      return to(event.buyerId, 'reservation_expiring');
    case 'purchase.cancelled':
      // `cancelledBy` is the side that cancelled: 'buyer', 'seller' or 'operator' (then both sides are told)
      if (event.data.cancelledBy === 'buyer') return to(event.sellerId, 'reservation_ended');
      if (event.data.cancelledBy === 'seller') return to(event.buyerId, 'reservation_ended');
      return bothParties(event, 'reservation_ended');
    case 'purchase.expired':
      return bothParties(event, 'reservation_ended');
    case 'listing.status_changed':
      return event.data.to === 'removed' || event.data.from === 'removed' ? to(event.sellerId, 'moderation') : [];
    case 'fitment.reported':
      return event.data.fit === false ? to(event.sellerId, 'fitment') : [];
    case 'fitment.resolved':
    case 'fitment.reviewed':
      return to(event.buyerId, 'fitment');
    case 'rating.created':
      return to(event.sellerId, 'rating');
    case 'saved_search.matched':
      return to(event.recipientId, 'saved_search');
    default:
      return [];
  }
}

/** How long before a reservation lapses its buyer is warned: six hours, or a quarter of a shorter hold. */
export function expiryWarningLeadMs(reservationTtlMs: number): number {
  return Math.min(6 * 3_600_000, Math.floor(reservationTtlMs / 4));
}

/** Delivery attempts of one email before it is given up, and the wait before each retry (doubling, at most a day). */
export const MAIL_MAX_ATTEMPTS = 8;
export function mailRetryDelayMs(attemptsSoFar: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attemptsSoFar - 1), 24 * 3_600_000);
}

const capitalised = (text: string) => text.replace(/^a /, 'A ');

/** A notification as a person reads it: one sentence, and the page where they can act on it. */
export interface NotificationWording {
  text: string;
  path: string;
}

/**
 * The words and link of a notification, the same in the notification centre and its email. `listingTitle` is null
 * when the listing is gone or hidden from the recipient.
 */
export function describeNotification(notification: { kind: NotificationKind; eventType: string; listingId: string | null; data: Record<string, unknown> }, listingTitle: string | null): NotificationWording {
  const part = listingTitle ? `“${listingTitle}”` : 'a part';
  const { data } = notification;
  const listingPath = notification.listingId ? `/listings/${notification.listingId}` : '/account';
  const inquiryPath = typeof data.inquiryId === 'string' ? `/inquiries/${data.inquiryId}` : listingPath;
  switch (notification.kind) {
    case 'question':
      return { text: `A buyer asked a question about ${part}`, path: inquiryPath };
    case 'reply':
      return { text: `New reply in your conversation about ${part}`, path: inquiryPath };
    case 'reservation':
      return { text: `A buyer reserved ${part}`, path: '/sell' };
    case 'sale':
      return { text: `The seller confirmed your purchase of ${part}`, path: '/account' };
    case 'reservation_expiring':
      return { text: `Your reservation of ${part} lapses soon: arrange the sale with the seller before it does`, path: '/account' };
    case 'reservation_ended':
      return notification.eventType === 'purchase.expired'
        ? { text: `The reservation of ${part} lapsed; the part is back on sale`, path: listingPath }
        : { text: `The reservation of ${part} was cancelled${data.cancelledBy === 'operator' ? ' by the marketplace' : ''}`, path: listingPath };
    case 'moderation':
      return data.to === 'removed'
        ? { text: `${capitalised(part)} was taken down by the marketplace's moderators`, path: listingPath }
        : { text: `${capitalised(part)} was restored by the marketplace's moderators`, path: listingPath };
    case 'fitment':
      if (notification.eventType === 'fitment.reported') return { text: `A buyer reported that ${part} did not fit their vehicle`, path: listingPath };
      if (notification.eventType === 'fitment.resolved') return { text: `The seller answered your fitment report on ${part}`, path: listingPath };
      return { text: `Our team reviewed the fitment check of ${part}`, path: listingPath };
    case 'rating':
      return { text: `A buyer rated you for ${part}`, path: '/sell/ratings' };
    case 'saved_search': {
      const count = Number(data.count ?? 0);
      const found = `${count}${data.more ? '+' : ''} new ${count === 1 && !data.more ? 'listing matches' : 'listings match'}`;
      return { text: `${found} your saved search ${String(data.label ?? '')}`.trim(), path: typeof data.path === 'string' ? data.path : '/saved' };
    }
    case 'watched':
      if (notification.eventType === 'listing.updated') {
        const price = typeof data.priceCents === 'number' && isCurrency(data.currency) ? ` to ${formatPrice(data.priceCents, data.currency)}` : '';
        return { text: `${capitalised(part)}, which you watch, dropped in price${price}`, path: listingPath };
      }
      return { text: `${capitalised(part)}, which you watch, was ${notification.eventType === 'purchase.completed' ? 'sold' : 'reserved by another buyer'}`, path: listingPath };
  }
}
