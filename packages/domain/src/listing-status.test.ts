import { describe, expect, it } from 'vitest';
import { LISTING_STATUSES, canTransition } from './listing-status.ts';

describe('listing status machine', () => {
  it('allows exactly the documented moves', () => {
    const allowed = new Set<string>();
    for (const actor of ['seller', 'purchase', 'operator'] as const)
      for (const from of LISTING_STATUSES) for (const to of LISTING_STATUSES) if (canTransition(actor, from, to)) allowed.add(`${actor}:${from}->${to}`);
    expect([...allowed].sort()).toEqual(
      [
        'seller:active->withdrawn',
        'seller:withdrawn->active',
        'purchase:active->reserved',
        'purchase:reserved->active',
        'purchase:reserved->sold',
        'operator:active->removed',
        'operator:reserved->removed',
        'operator:withdrawn->removed',
        'operator:removed->active',
      ].sort(),
    );
  });

  it('never lets anyone leave sold', () => {
    for (const actor of ['seller', 'purchase', 'operator'] as const)
      for (const to of LISTING_STATUSES) expect(canTransition(actor, 'sold', to)).toBe(false);
  });
});
