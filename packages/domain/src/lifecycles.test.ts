import { describe, expect, it } from 'vitest';
import { canReadInquiry, closes, inquiryParty, statusAfterMessage } from './inquiry-status.ts';
import { assertEditable, assertPhotosEditable, canSeeListing } from './listing-status.ts';
import { assertPurchaseTransition, canTransitionPurchase, purchaseParty } from './purchase-status.ts';

const now = new Date('2030-01-01T12:00:00Z');
const live = { status: 'reserved' as const, expiresAt: new Date(now.getTime() + 3_600_000) };
const lapsed = { status: 'reserved' as const, expiresAt: new Date(now.getTime() - 1) };

describe('the purchase lifecycle', () => {
  it('lets each actor make only its own moves', () => {
    expect(canTransitionPurchase('buyer', 'reserved', 'cancelled')).toBe(true);
    expect(canTransitionPurchase('buyer', 'reserved', 'completed')).toBe(false);
    expect(canTransitionPurchase('seller', 'reserved', 'completed')).toBe(true);
    expect(canTransitionPurchase('operator', 'reserved', 'completed')).toBe(false);
    expect(canTransitionPurchase('expiry', 'reserved', 'expired')).toBe(true);
    expect(canTransitionPurchase('expiry', 'reserved', 'cancelled')).toBe(false);
    for (const final of ['completed', 'cancelled', 'expired'] as const) {
      for (const actor of ['buyer', 'seller', 'operator', 'expiry'] as const) {
        expect(canTransitionPurchase(actor, final, 'cancelled')).toBe(false);
      }
    }
  });

  it('treats a reservation past its time as over for its parties, but not for an operator takedown', () => {
    expect(() => assertPurchaseTransition('seller', live, 'completed', now)).not.toThrow();
    expect(() => assertPurchaseTransition('seller', lapsed, 'completed', now)).toThrow('This reservation has expired');
    expect(() => assertPurchaseTransition('buyer', lapsed, 'cancelled', now)).toThrow('This reservation has expired');
    expect(() => assertPurchaseTransition('operator', lapsed, 'cancelled', now)).not.toThrow();
    expect(() => assertPurchaseTransition('buyer', { ...live, status: 'completed' }, 'cancelled', now)).toThrow('This purchase is already completed');
  });

  it('knows the parties of a deal', () => {
    const deal = { buyerId: 'b', sellerId: 's' };
    expect([purchaseParty(deal, 'b'), purchaseParty(deal, 's'), purchaseParty(deal, 'x')]).toEqual(['buyer', 'seller', null]);
  });
});

describe('the inquiry lifecycle', () => {
  const thread = { buyerId: 'b', sellerId: 's' };
  it('is answered by the seller, re-opened by the buyer, and takes nothing once closed', () => {
    expect(statusAfterMessage('open', 'seller')).toBe('replied');
    expect(statusAfterMessage('replied', 'buyer')).toBe('open');
    expect(statusAfterMessage('open', 'buyer')).toBe('open');
    expect(() => statusAfterMessage('closed', 'seller')).toThrow('This inquiry is closed');
  });

  it('closes once: closing a closed conversation changes nothing', () => {
    expect([closes('open'), closes('replied'), closes('closed')]).toEqual([true, true, false]);
  });

  it('is read by its two parties and operators only', () => {
    expect(inquiryParty(thread, 'b')).toBe('buyer');
    expect(canReadInquiry(thread, { id: 's', role: 'seller' })).toBe(true);
    expect(canReadInquiry(thread, { id: 'o', role: 'operator' })).toBe(true);
    expect(canReadInquiry(thread, { id: 'x', role: 'seller' })).toBe(false);
  });
});

describe('listing visibility and editability', () => {
  const listing = (status: 'active' | 'withdrawn' | 'sold', sellerSuspended = false) => ({ status, sellerId: 's', sellerSuspended });
  it('shows public listings of sellers in good standing to everyone, and everything to the owner and operators', () => {
    expect(canSeeListing(listing('active'), null)).toBe(true);
    expect(canSeeListing(listing('active', true), null)).toBe(false);
    expect(canSeeListing(listing('active', true), { id: 's', role: 'seller' })).toBe(true);
    expect(canSeeListing(listing('withdrawn'), { id: 'x', role: 'buyer' })).toBe(false);
    expect(canSeeListing(listing('withdrawn'), { id: 'o', role: 'operator' })).toBe(true);
  });

  it('keeps fields and photos editable while the listing is live, never once sold or removed', () => {
    expect(() => assertEditable('reserved')).not.toThrow();
    expect(() => assertEditable('sold')).toThrow('A sold listing can no longer be edited');
    expect(() => assertPhotosEditable('withdrawn')).not.toThrow();
    expect(() => assertPhotosEditable('removed')).toThrow('Photos of a removed listing cannot be changed');
  });
});
