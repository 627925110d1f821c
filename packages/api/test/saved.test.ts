import { events, notifications } from '@carparts/db';
import { MAX_SAVED_SEARCHES } from '@carparts/domain';
import { and, eq, gt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { collectNotifications } from '../src/services/notifications.ts';
import { checkSavedSearches } from '../src/services/saved.ts';
import { makeWorld, outcome, useTestApi, type World } from './helpers.ts';

const env = useTestApi();
const LATER = { emailDelayMs: 3_600_000 };
const HOUR = 3_600_000;

const newListing = (w: World, title: string, priceCents = 4_500) =>
  w.seller.caller.listings.create({ title, partCategory: 'lighting', condition: 'used_good', priceCents, currency: 'EUR', vehicleMake: 'Skoda', vehicleModel: 'Roomster' });

/** The notifications a person has been given since `since` (an outbox position), as [kind, text]. */
async function toldSince(since: number, person: { user: { id: string } }) {
  await collectNotifications(env.db, LATER);
  const rows = await env.db.select().from(notifications).where(and(eq(notifications.userId, person.user.id), gt(notifications.eventId, since)));
  return rows;
}
const outboxEnd = async () => (await env.db.select({ id: events.id }).from(events)).reduce((max, e) => Math.max(max, e.id), 0);

describe('saved searches', () => {
  it('keeps one copy of a search however it is written, refuses an empty one, and belongs to its person only', async () => {
    const w = await makeWorld(env);
    const first = await w.buyer.caller.savedSearches.create({ query: { q: 'headlamp', make: 'Skoda', conditions: ['used_good', 'new'] } });
    const again = await w.buyer.caller.savedSearches.create({ query: { conditions: ['new', 'used_good'], make: 'Skoda', q: 'headlamp', model: undefined } });
    expect(again.id).toBe(first.id);
    expect(first.name).toBe('“headlamp” · Skoda · New (old stock) or Used – good');
    expect(first.path).toBe('/?q=headlamp&make=Skoda&condition=new&condition=used_good&sort=newest');
    await expect(w.buyer.caller.savedSearches.create({ query: {} })).rejects.toThrow('Search for a word, a vehicle or a category before saving the search');
    await expect(w.buyer.caller.savedSearches.create({ query: { model: 'Golf' } })).rejects.toThrow('Choose a make first');

    expect(await outcome(() => w.otherBuyer.caller.savedSearches.remove({ id: first.id }))).toBe('NOT_FOUND');
    expect((await w.buyer.caller.savedSearches.list()).items.map((s) => s.id)).toContain(first.id);
    expect((await w.otherBuyer.caller.savedSearches.list()).items).toEqual([]);
    await w.buyer.caller.savedSearches.remove({ id: first.id });
    expect((await w.buyer.caller.savedSearches.list()).items.map((s) => s.id)).not.toContain(first.id);
  });

  it(`stops at ${MAX_SAVED_SEARCHES} searches a person, saying what to do`, async () => {
    const w = await makeWorld(env);
    const have = (await w.otherBuyer.caller.savedSearches.list()).items.length;
    for (let i = have; i < MAX_SAVED_SEARCHES; i++) await w.otherBuyer.caller.savedSearches.create({ query: { q: `part ${i}` } });
    await expect(w.otherBuyer.caller.savedSearches.create({ query: { q: 'one more' } })).rejects.toThrow(`You can save up to ${MAX_SAVED_SEARCHES} searches`);
  });

  it('tells its person of new matching listings at most daily, and says nothing when nothing is new', async () => {
    const w = await makeWorld(env);
    const t0 = env.now();
    const saved = await w.buyer.caller.savedSearches.create({ query: { q: 'roomster', make: 'Skoda' } });
    const since = await outboxEnd();
    await newListing(w, 'Roomster headlamp, left');
    await newListing(w, 'Roomster headlamp, right');
    await w.seller.caller.listings.create({ title: 'Octavia headlamp', partCategory: 'lighting', condition: 'used_good', priceCents: 4_500, currency: 'EUR', vehicleMake: 'Skoda', vehicleModel: 'Octavia' });

    // not yet a day: the search is not looked at
    await checkSavedSearches(env.db, new Date(t0.getTime() + HOUR));
    expect(await toldSince(since, w.buyer)).toEqual([]);

    await checkSavedSearches(env.db, new Date(t0.getTime() + 25 * HOUR));
    const ofThisSearch = async () => (await toldSince(since, w.buyer)).filter((n) => n.data.savedSearchId === saved.id);
    const [told] = await ofThisSearch();
    expect(told).toMatchObject({ kind: 'saved_search', data: { count: 2, more: false } });
    const [page] = (await w.buyer.caller.notifications.list({ unreadOnly: true })).items.filter((n) => n.data.savedSearchId === saved.id);
    expect(page).toMatchObject({ text: `2 new listings match your saved search “${saved.name}”`, path: saved.path });
    // nobody else hears of another person's search
    expect((await toldSince(since, w.otherBuyer)).filter((n) => n.kind === 'saved_search')).toEqual([]);

    // checked again only a day later, and with nothing new, silent
    await checkSavedSearches(env.db, new Date(t0.getTime() + 30 * HOUR));
    await checkSavedSearches(env.db, new Date(t0.getTime() + 50 * HOUR));
    expect(await ofThisSearch()).toHaveLength(1);
  });
});

describe('the watchlist', () => {
  it('tells those who watch a part of a lower price, a reservation and a sale — not of a higher price, and not the buyer who took it', async () => {
    const w = await makeWorld(env);
    const listing = await newListing(w, 'Roomster fog lamp', 4_500);
    await w.buyer.caller.watchlist.add({ listingId: listing.id });
    await w.otherBuyer.caller.watchlist.add({ listingId: listing.id });
    await w.buyer.caller.watchlist.add({ listingId: listing.id }); // twice is once
    const since = await outboxEnd();

    const edited = await w.seller.caller.listings.update({ id: listing.id, expectedVersion: 1, priceCents: 4_900 });
    await w.seller.caller.listings.update({ id: listing.id, expectedVersion: edited.version, priceCents: 3_900 });
    const purchase = await w.otherBuyer.caller.purchases.reserve({ listingId: listing.id });
    await w.seller.caller.purchases.complete({ purchaseId: purchase.id });

    const buyer = await toldSince(since, w.buyer);
    expect(buyer.map((n) => [n.kind, n.eventType])).toEqual([
      ['watched', 'listing.updated'],
      ['watched', 'purchase.reserved'],
      ['watched', 'purchase.completed'],
    ]);
    expect((await w.buyer.caller.notifications.list({ unreadOnly: true })).items.filter((n) => n.kind === 'watched').map((n) => n.text)).toEqual([
      '“Roomster fog lamp”, which you watch, was sold',
      '“Roomster fog lamp”, which you watch, was reserved by another buyer',
      '“Roomster fog lamp”, which you watch, dropped in price to €39.00',
    ]);
    // the buyer who reserved and bought it hears of the deal as its party, not as a watcher
    expect((await toldSince(since, w.otherBuyer)).map((n) => n.kind)).toEqual(['watched', 'sale']);
  });

  it('lists what a person watches, keeps a part taken down as unavailable, and refuses a seller\'s own part in words', async () => {
    const w = await makeWorld(env);
    const listing = await newListing(w, 'Roomster wiper motor');
    await expect(w.seller.caller.watchlist.add({ listingId: listing.id })).rejects.toThrow('This is your own listing');
    await w.buyer.caller.watchlist.add({ listingId: listing.id });
    expect((await w.buyer.caller.watchlist.list({ listingId: listing.id })).items).toMatchObject([{ listingId: listing.id, available: true, listing: { title: 'Roomster wiper motor' } }]);
    expect((await w.otherBuyer.caller.watchlist.list({ listingId: listing.id })).items).toEqual([]);

    await w.operator.caller.console.moderateListing({ id: listing.id, action: 'remove', reason: 'Counterfeit part' });
    expect((await w.buyer.caller.watchlist.list({ listingId: listing.id })).items).toMatchObject([{ listingId: listing.id, available: false, listing: null }]);
    // a hidden listing cannot be newly watched, as if it did not exist
    expect(await outcome(() => w.otherBuyer.caller.watchlist.add({ listingId: listing.id }))).toBe('NOT_FOUND');

    await w.buyer.caller.watchlist.remove({ listingId: listing.id });
    expect((await w.buyer.caller.watchlist.list({ listingId: listing.id })).items).toEqual([]);
  });
});
