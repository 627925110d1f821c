import { CONDITIONS, PART_CATEGORIES } from './catalog.ts';
import type { SavedSearchQuery } from './inputs.ts';
import { DEFAULT_CURRENCY, formatMajorUnits, formatPrice } from './money.ts';
import { countryName } from './geo.ts';

/** How many searches one person may save, and how many listings watch. */
export const MAX_SAVED_SEARCHES = 20;
export const MAX_WATCHED_LISTINGS = 200;
/** A saved search is checked for new listings at most this often, so its person is told at most daily. */
export const SAVED_SEARCH_INTERVAL_MS = 24 * 3_600_000;

/** A saved search in words, for its list and its notifications: "alternator · VW Golf 2012 · Electrical · under $80". */
export function describeSavedSearch(query: SavedSearchQuery): string {
  const currency = query.currency ?? DEFAULT_CURRENCY;
  const parts = [
    query.q && `“${query.q}”`,
    query.partNumber && `part number ${query.partNumber}`,
    [query.make, query.model, query.year].filter((v) => v !== undefined).join(' '),
    query.partCategory && PART_CATEGORIES[query.partCategory],
    query.conditions?.length && query.conditions.map((c) => CONDITIONS[c]).join(' or '),
    query.minPriceCents !== undefined && query.maxPriceCents !== undefined
      ? `${formatPrice(query.minPriceCents, currency)}–${formatPrice(query.maxPriceCents, currency)}`
      : query.minPriceCents !== undefined
        ? `from ${formatPrice(query.minPriceCents, currency)}`
        : query.maxPriceCents !== undefined
          ? `up to ${formatPrice(query.maxPriceCents, currency)}`
          : '',
    query.sellerId && 'from one seller',
    query.withWarranty && 'with a warranty',
    query.returnsAccepted && 'returns accepted',
    query.withinKm !== undefined && `within ${query.withinKm.toLocaleString('en-US')} km`,
    query.shipsTo && `ships to ${countryName(query.shipsTo) ?? query.shipsTo}`,
    query.pickupOnly && 'pickup',
  ];
  return parts.filter(Boolean).join(' · ') || 'All parts';
}

/** The storefront's address of a saved search's results, newest first (what is new is what the person is told of). */
export function savedSearchPath(query: SavedSearchQuery): string {
  const params = new URLSearchParams();
  const set = (name: string, value: string | number | undefined) => value !== undefined && value !== '' && params.set(name, String(value));
  set('q', query.q);
  set('pn', query.partNumber);
  set('make', query.make);
  set('model', query.model);
  set('year', query.year);
  set('category', query.partCategory);
  for (const condition of query.conditions ?? []) params.append('condition', condition);
  const currency = query.currency ?? DEFAULT_CURRENCY;
  if (query.currency) set('currency', query.currency);
  if (query.minPriceCents !== undefined) set('min', formatMajorUnits(query.minPriceCents, currency));
  if (query.maxPriceCents !== undefined) set('max', formatMajorUnits(query.maxPriceCents, currency));
  set('seller', query.sellerId);
  if (query.withWarranty) params.set('warranty', '1');
  if (query.returnsAccepted) params.set('returns', '1');
  set('near', query.nearPlaceId);
  set('km', query.withinKm);
  set('shipsTo', query.shipsTo);
  if (query.pickupOnly) params.set('pickup', '1');
  params.set('sort', 'newest');
  return `/?${params}`;
}

/** What a change to a watched listing means to those who watch it, or null when it is nothing they asked to hear. */
export function watchedChange(event: { type: string; data: Record<string, unknown> }): 'price_drop' | 'reserved' | 'sold' | null {
  if (event.type === 'purchase.reserved') return 'reserved';
  if (event.type === 'purchase.completed') return 'sold';
  if (event.type === 'listing.updated') {
    const { priceCents, previousPriceCents, currency, previousCurrency } = event.data;
    return typeof priceCents === 'number' && typeof previousPriceCents === 'number' && currency === previousCurrency && priceCents < previousPriceCents ? 'price_drop' : null;
  }
  return null;
}
