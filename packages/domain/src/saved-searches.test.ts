import { describe, expect, it } from 'vitest';
import { describeSavedSearch, savedSearchPath, watchedChange } from './saved-searches.ts';

describe('watchedChange', () => {
  const updated = (data: Record<string, unknown>) => watchedChange({ type: 'listing.updated', data });
  it('is a price drop only when the price falls in the same currency', () => {
    expect(updated({ priceCents: 900, previousPriceCents: 1_000, currency: 'EUR', previousCurrency: 'EUR' })).toBe('price_drop');
    expect(updated({ priceCents: 1_100, previousPriceCents: 1_000, currency: 'EUR', previousCurrency: 'EUR' })).toBeNull();
    expect(updated({ priceCents: 900, previousPriceCents: 1_000, currency: 'USD', previousCurrency: 'EUR' })).toBeNull();
    // an edit of the title alone carries the same price
    expect(updated({ priceCents: 1_000, previousPriceCents: 1_000, currency: 'EUR', previousCurrency: 'EUR' })).toBeNull();
  });
  it('follows the deal, not the listing status', () => {
    expect(watchedChange({ type: 'purchase.reserved', data: {} })).toBe('reserved');
    expect(watchedChange({ type: 'purchase.completed', data: {} })).toBe('sold');
    expect(watchedChange({ type: 'listing.status_changed', data: { to: 'sold' } })).toBeNull();
  });
});

describe('a saved search', () => {
  it('reads as words and opens as the storefront search it was, newest first', () => {
    const query = { q: 'caliper', make: 'VW', model: 'Golf', year: 2012, partCategory: 'brakes' as const, minPriceCents: 2_000, maxPriceCents: 8_050, currency: 'EUR' as const };
    expect(describeSavedSearch(query)).toBe('“caliper” · VW Golf 2012 · Brakes · €20.00–€80.50');
    expect(savedSearchPath(query)).toBe('/?q=caliper&make=VW&model=Golf&year=2012&category=brakes&currency=EUR&min=20.00&max=80.50&sort=newest');
    expect(describeSavedSearch({ maxPriceCents: 5_000 })).toBe('up to $50.00');
  });
  it('keeps where it searched: the place, the distance, the country shipped to and pickup', () => {
    const query = { q: 'mirror', nearPlaceId: 2996944, withinKm: 50, shipsTo: 'DE', pickupOnly: true };
    expect(describeSavedSearch(query)).toBe('“mirror” · within 50 km · ships to Germany · pickup');
    expect(savedSearchPath(query)).toBe('/?q=mirror&near=2996944&km=50&shipsTo=DE&pickup=1&sort=newest');
  });
});
