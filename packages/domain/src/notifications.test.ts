import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFERENCES, NOTIFICATION_KINDS, describeNotification, mailRetryDelayMs, notificationsFor, preferencesWithDefaults } from './notifications.ts';

const deal = { buyerId: 'buyer', sellerId: 'seller' };

describe('notificationsFor', () => {
  it('tells the other party, never the one who acted', () => {
    expect(notificationsFor({ ...deal, type: 'inquiry.replied', data: { authorId: 'seller' } })).toEqual([{ userId: 'buyer', kind: 'reply' }]);
    expect(notificationsFor({ ...deal, type: 'inquiry.replied', data: { authorId: 'buyer' } })).toEqual([{ userId: 'seller', kind: 'reply' }]);
    expect(notificationsFor({ ...deal, type: 'purchase.cancelled', data: { cancelledBy: 'buyer' } })).toEqual([{ userId: 'seller', kind: 'reservation_ended' }]);
    expect(notificationsFor({ ...deal, type: 'purchase.cancelled', data: { cancelledBy: 'seller' } })).toEqual([{ userId: 'buyer', kind: 'reservation_ended' }]);
    expect(notificationsFor({ ...deal, type: 'purchase.cancelled', data: { cancelledBy: 'operator' } }).map((t) => t.userId)).toEqual(['buyer', 'seller']);
  });

  it('tells a seller of a takedown and of a restoration, but not of their own withdrawal', () => {
    const status = (from: string, to: string) => notificationsFor({ type: 'listing.status_changed', buyerId: null, sellerId: 'seller', data: { from, to } });
    expect(status('active', 'removed')).toEqual([{ userId: 'seller', kind: 'moderation' }]);
    expect(status('removed', 'active')).toEqual([{ userId: 'seller', kind: 'moderation' }]);
    expect(status('active', 'withdrawn')).toEqual([]);
    expect(status('active', 'reserved')).toEqual([]);
  });

  it('tells a seller only of fit reports that say the part did not fit', () => {
    expect(notificationsFor({ ...deal, type: 'fitment.reported', data: { fit: true } })).toEqual([]);
    expect(notificationsFor({ ...deal, type: 'fitment.reported', data: { fit: false } })).toEqual([{ userId: 'seller', kind: 'fitment' }]);
  });

  it('notifies no one of changes that concern nobody in particular, nor of notifications themselves', () => {
    for (const type of ['listing.created', 'listing.updated', 'listing.photos_changed', 'notification.created', 'notification.read']) {
      expect(notificationsFor({ type, buyerId: null, sellerId: 'seller', data: {} })).toEqual([]);
    }
  });
});

describe('preferences', () => {
  it('fills every kind with its default and ignores stored values that are not choices', () => {
    expect(preferencesWithDefaults(null)).toEqual(DEFAULT_NOTIFICATION_PREFERENCES);
    expect(preferencesWithDefaults({ question: 'off', reply: 'sometimes', gone: 'email' })).toEqual({ ...DEFAULT_NOTIFICATION_PREFERENCES, question: 'off' });
    expect(Object.keys(preferencesWithDefaults({}))).toEqual([...NOTIFICATION_KINDS]);
  });
});

describe('describeNotification', () => {
  it('names the listing only when the recipient may see it', () => {
    const n = { kind: 'question' as const, eventType: 'inquiry.created', listingId: 'l1', data: { inquiryId: 'i1' } };
    expect(describeNotification(n, 'Golf mirror')).toEqual({ text: 'A buyer asked a question about “Golf mirror”', path: '/inquiries/i1' });
    expect(describeNotification(n, null).text).toBe('A buyer asked a question about a part');
    expect(describeNotification({ kind: 'moderation', eventType: 'listing.status_changed', listingId: 'l1', data: { to: 'removed' } }, null).text).toBe(
      "A part was taken down by the marketplace's moderators",
    );
  });
});

describe('mail retries', () => {
  it('wait a minute, then twice as long each time, at most a day', () => {
    expect([1, 2, 3, 4].map(mailRetryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(mailRetryDelayMs(20)).toBe(24 * 3_600_000);
  });
});
