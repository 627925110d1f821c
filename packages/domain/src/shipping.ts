import type { PartCategory } from './catalog.ts';
import { countryName } from './geo.ts';

/** How a part gets from the seller to the buyer: picked up, or shipped at a price per destination zone. */

export const SHIPPING_MODES = ['none', 'priced', 'quote'] as const;
export type ShippingMode = (typeof SHIPPING_MODES)[number];
export const SHIPPING_MODE_LABELS: Record<ShippingMode, string> = {
  none: 'No shipping',
  priced: 'Ships at a set price',
  quote: 'Ships — price quoted on request',
};

export const FULFILMENTS = ['pickup', 'shipping'] as const;
export type Fulfilment = (typeof FULFILMENTS)[number];

/** Parts too large or heavy for a parcel: the form offers "freight only" for them from the start. */
export const BULKY_CATEGORIES: readonly PartCategory[] = ['engine', 'transmission', 'drivetrain', 'body_panels'];

export const MAX_HANDLING_DAYS = 30;
export const MAX_SHIP_COUNTRIES = 60;

/** What a listing says about getting the part; `country` is where the part is (null when the seller gave no location). */
export type Logistics = {
  country: string | null;
  pickupAvailable: boolean;
  shippingMode: ShippingMode;
  shipDomesticCents: number | null;
  /** The countries of the seller's own list, at one price. */
  shipCountries: string[];
  shipCountriesCents: number | null;
  shipWorldwideCents: number | null;
};

export type ShippingZone = 'domestic' | 'listed' | 'worldwide';
/** A price for one destination; null `priceCents` means the seller quotes it on request. */
export type ShippingOffer = { zone: ShippingZone | 'quote'; priceCents: number | null };

/**
 * What shipping to `country` costs, or null when the part does not go there. The nearest zone that applies wins: the
 * seller's own country, then the seller's list of countries, then worldwide. "Quote on request" ships anywhere at a
 * price the seller names. The search's "ships to" filter is this rule in SQL; a test holds the two together.
 */
export function shippingTo(listing: Logistics, country: string): ShippingOffer | null {
  if (listing.shippingMode === 'none') return null;
  if (listing.shippingMode === 'quote') return { zone: 'quote', priceCents: null };
  if (listing.country === country && listing.shipDomesticCents !== null) return { zone: 'domestic', priceCents: listing.shipDomesticCents };
  if (listing.shipCountriesCents !== null && listing.shipCountries.includes(country)) return { zone: 'listed', priceCents: listing.shipCountriesCents };
  if (listing.shipWorldwideCents !== null && listing.country !== country) return { zone: 'worldwide', priceCents: listing.shipWorldwideCents };
  return null;
}

/** The zones of a listing as a buyer reads them ("Germany, France: 25.00"), with money formatted by the caller. */
export function shippingZones(listing: Logistics): { label: string; priceCents: number }[] {
  if (listing.shippingMode !== 'priced') return [];
  const zones: { label: string; priceCents: number }[] = [];
  if (listing.shipDomesticCents !== null) zones.push({ label: listing.country ? `Within ${countryName(listing.country) ?? listing.country}` : 'Within the country', priceCents: listing.shipDomesticCents });
  if (listing.shipCountriesCents !== null && listing.shipCountries.length) {
    zones.push({ label: listing.shipCountries.map((c) => countryName(c) ?? c).join(', '), priceCents: listing.shipCountriesCents });
  }
  if (listing.shipWorldwideCents !== null) zones.push({ label: 'Anywhere else', priceCents: listing.shipWorldwideCents });
  return zones;
}

/** The part, its refundable core charge and shipping; null when shipping is still to be quoted. */
export function purchaseTotal(p: { priceCents: number; coreChargeCents: number | null; fulfilment: Fulfilment; shippingCents: number | null }): number | null {
  if (p.fulfilment === 'shipping' && p.shippingCents === null) return null;
  return p.priceCents + (p.coreChargeCents ?? 0) + (p.fulfilment === 'shipping' ? (p.shippingCents ?? 0) : 0);
}

/**
 * What happens next in a reservation, for the party reading it: the one place the storefront, the API and the
 * emails take these words from.
 */
export function nextSteps(
  purchase: { status: 'reserved' | 'completed' | 'cancelled' | 'expired'; fulfilment: Fulfilment; shippingCents: number | null; handlingDays: number },
  party: 'buyer' | 'seller',
): string[] {
  if (purchase.status !== 'reserved') return [];
  const quote = purchase.fulfilment === 'shipping' && purchase.shippingCents === null;
  if (purchase.fulfilment === 'pickup') {
    return party === 'buyer'
      ? ['Arrange a time to collect the part with the seller (their phone number is below, or send a message).', 'Pay the seller when you collect it and check the part before you take it.', 'The seller confirms the sale once you have it; you can then rate them.']
      : ['Agree a time for the buyer to collect the part (their phone number is below, or send a message).', 'Have the part ready at the pickup address; take payment when they collect it.', 'Confirm the sale here once the buyer has the part.'];
  }
  return party === 'buyer'
    ? [
        quote ? 'The seller will tell you the shipping price; agree it before you pay.' : 'The seller will confirm the total and how to pay.',
        `Once paid, the seller ships within ${purchase.handlingDays} working day${purchase.handlingDays === 1 ? '' : 's'} to the address you gave.`,
        'The seller confirms the sale when the part is on its way; rate them once it arrives.',
      ]
    : [
        quote ? 'Quote the shipping price to the buyer (send a message), and agree payment.' : 'Confirm the total with the buyer and agree payment.',
        `Ship within ${purchase.handlingDays} working day${purchase.handlingDays === 1 ? '' : 's'} to the address below.`,
        'Confirm the sale here once the part is on its way.',
      ];
}
