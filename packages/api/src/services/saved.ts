import type { SessionUser } from '@carparts/auth';
import { events, readerOf, savedSearches, watchlist, type Db, type DbOrTx } from '@carparts/db';
import {
  DomainError,
  MAX_SAVED_SEARCHES,
  MAX_WATCHED_LISTINGS,
  SAVED_SEARCH_INTERVAL_MS,
  describeSavedSearch,
  isListingOwner,
  savedSearchPath,
  type SavedSearchQuery,
} from '@carparts/domain';
import { and, asc, count, desc, eq, lte } from 'drizzle-orm';
import { visibleListing, visibleListingsAmong } from './listing-rows.ts';
import { listingCards } from './listing-views.ts';
import { searchListings } from './search.ts';

type Person = Pick<SessionUser, 'id' | 'role'>;

const savedSearchView = (row: typeof savedSearches.$inferSelect) => ({
  id: row.id,
  name: row.name,
  query: row.query,
  path: savedSearchPath(row.query),
  createdAt: row.createdAt,
});

/** Keys in a fixed order and empty values left out, so that the same search saved twice is recognised as one. */
function canonicalQuery(query: SavedSearchQuery): SavedSearchQuery {
  const entries = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => [key, Array.isArray(value) ? [...value].sort() : value] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(entries) as SavedSearchQuery;
}

export async function listSavedSearches(db: DbOrTx, person: Person) {
  const rows = await db.select().from(savedSearches).where(eq(savedSearches.userId, person.id)).orderBy(desc(savedSearches.createdAt));
  return { items: rows.map(savedSearchView), nextCursor: null };
}

/**
 * Saves a search to be told of its new listings, checked from now on at most daily. Saving the same search again
 * gives back the one saved before.
 */
export async function createSavedSearch(db: Db, person: Person, input: { query: SavedSearchQuery; name?: string }, now: Date) {
  const query = canonicalQuery(input.query);
  return db.transaction(async (tx) => {
    const mine = await tx.select().from(savedSearches).where(eq(savedSearches.userId, person.id));
    const same = mine.find((row) => JSON.stringify(canonicalQuery(row.query)) === JSON.stringify(query));
    if (same) return savedSearchView(same);
    if (mine.length >= MAX_SAVED_SEARCHES) {
      throw new DomainError('PRECONDITION_FAILED', `You can save up to ${MAX_SAVED_SEARCHES} searches; remove one you no longer need first`);
    }
    const [row] = await tx
      .insert(savedSearches)
      .values({ userId: person.id, name: input.name ?? describeSavedSearch(query), query, createdAt: now, checkedUpTo: now, nextCheckAt: new Date(now.getTime() + SAVED_SEARCH_INTERVAL_MS) })
      .returning();
    return savedSearchView(row!);
  });
}

export async function removeSavedSearch(db: Db, person: Person, input: { id: string }) {
  const result = await db.delete(savedSearches).where(and(eq(savedSearches.id, input.id), eq(savedSearches.userId, person.id)));
  if (result.rowsAffected === 0) throw new DomainError('NOT_FOUND', 'Saved search not found');
  return { removed: true };
}

/** Saved searches one sweep checks; the others wait for the next sweep. */
const SAVED_SEARCH_BATCH = 200;
/** New listings a check counts before it says "50+". */
const NEW_MATCHES_COUNTED = 50;

/**
 * Checks the saved searches whose day has come for listings created since their last check, and tells each person
 * of theirs with an outbox event (`saved_search.matched`, addressed to them alone) — which the notifier turns into a
 * notification and, as the person chose, an email. A search with nothing new says nothing. Returns how many searches
 * had news.
 */
export async function checkSavedSearches(db: Db, now: Date): Promise<number> {
  const due = await readerOf(db).select().from(savedSearches).where(lte(savedSearches.nextCheckAt, now)).orderBy(asc(savedSearches.nextCheckAt)).limit(SAVED_SEARCH_BATCH);
  let told = 0;
  for (const search of due) {
    const found = await searchListings(db, { ...search.query, sort: 'newest', limit: NEW_MATCHES_COUNTED, withCounts: false }, null);
    const fresh = found.items.filter((card) => card.createdAt > search.checkedUpTo && card.createdAt <= now);
    const more = fresh.length === found.items.length && found.nextCursor !== null;
    await db.transaction(async (tx) => {
      // only the sweep that moves the search on tells of it (another process may have got there first)
      const moved = await tx
        .update(savedSearches)
        .set({ checkedUpTo: now, nextCheckAt: new Date(now.getTime() + SAVED_SEARCH_INTERVAL_MS) })
        .where(and(eq(savedSearches.id, search.id), eq(savedSearches.nextCheckAt, search.nextCheckAt)));
      if (moved.rowsAffected === 0 || fresh.length === 0) return;
      told++;
      await tx.insert(events).values({
        type: 'saved_search.matched',
        at: now,
        recipientId: search.userId,
        data: { savedSearchId: search.id, count: fresh.length, more, label: `“${search.name}”`, path: savedSearchPath(search.query), listingIds: fresh.slice(0, 3).map((card) => card.id) },
      });
    });
  }
  return told;
}

/**
 * The listings a person watches, newest watched first, as cards; a listing that can no longer be seen (withdrawn,
 * taken down) stays in the list as unavailable until it is removed. `listingId` asks about one listing only.
 */
export async function listWatched(db: DbOrTx, person: Person, input?: { listingId?: string }) {
  const rows = await db
    .select({ listingId: watchlist.listingId, createdAt: watchlist.createdAt })
    .from(watchlist)
    .where(and(eq(watchlist.userId, person.id), input?.listingId ? eq(watchlist.listingId, input.listingId) : undefined))
    .orderBy(desc(watchlist.createdAt));
  const visible = new Set((await visibleListingsAmong(db, person, rows.map((r) => r.listingId))).map((row) => row.id));
  const cards = new Map((await listingCards(db, rows.map((r) => r.listingId).filter((id) => visible.has(id)))).map((card) => [card.id, card]));
  return {
    items: rows.map((row) => ({ listingId: row.listingId, watchedAt: row.createdAt, available: cards.has(row.listingId), listing: cards.get(row.listingId) ?? null })),
    nextCursor: null,
  };
}

export async function watchListing(db: Db, person: Person, input: { listingId: string }, now: Date) {
  const listing = await visibleListing(db, input.listingId, person);
  if (isListingOwner(listing, person)) throw new DomainError('BAD_REQUEST', 'This is your own listing: its changes reach you anyway');
  return db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(watchlist).where(eq(watchlist.userId, person.id));
    const inserted = await tx.insert(watchlist).values({ userId: person.id, listingId: listing.id, createdAt: now }).onConflictDoNothing();
    if (inserted.rowsAffected > 0 && n >= MAX_WATCHED_LISTINGS) {
      throw new DomainError('PRECONDITION_FAILED', `You can watch up to ${MAX_WATCHED_LISTINGS} parts; stop watching some first`);
    }
    return { listingId: listing.id, watching: true };
  });
}

export async function unwatchListing(db: Db, person: Person, input: { listingId: string }) {
  await db.delete(watchlist).where(and(eq(watchlist.userId, person.id), eq(watchlist.listingId, input.listingId)));
  return { listingId: input.listingId, watching: false };
}
