import type { PurchaseStatus } from './catalog.ts';
import { DomainError } from './errors.ts';

/**
 * Who ends a reservation, and how. The buyer may call it off; the seller may call it off or confirm the sale; an
 * operator's takedown of the listing calls it off; the expiry sweep lets it lapse. Nothing leaves a final state.
 */
export type PurchaseActor = 'buyer' | 'seller' | 'operator' | 'expiry';

const TRANSITIONS: Record<PurchaseActor, ReadonlyArray<readonly [PurchaseStatus, PurchaseStatus]>> = {
  buyer: [['reserved', 'cancelled']],
  seller: [
    ['reserved', 'cancelled'],
    ['reserved', 'completed'],
  ],
  operator: [['reserved', 'cancelled']],
  expiry: [['reserved', 'expired']],
};

export function canTransitionPurchase(actor: PurchaseActor, from: PurchaseStatus, to: PurchaseStatus): boolean {
  return TRANSITIONS[actor].some(([a, b]) => a === from && b === to);
}

/**
 * The one check before a purchase changes state. For its buyer and seller a reservation past its time has lapsed even
 * before the sweep has marked it, so neither confirms nor cancels a deal that is already over; an operator's takedown
 * calls off whatever reservation is still open.
 */
export function assertPurchaseTransition(actor: PurchaseActor, purchase: { status: PurchaseStatus; expiresAt: Date }, to: PurchaseStatus, now: Date): void {
  if ((actor === 'buyer' || actor === 'seller') && purchase.status === 'reserved' && purchase.expiresAt <= now) {
    throw new DomainError('PRECONDITION_FAILED', 'This reservation has expired');
  }
  if (!canTransitionPurchase(actor, purchase.status, to)) {
    throw new DomainError('PRECONDITION_FAILED', purchase.status === 'reserved' ? `A reservation cannot become ${to} this way` : `This purchase is already ${purchase.status}`);
  }
}

/** Which party of a purchase someone is, if any: the one rule for who may act on it and see it. */
export function purchaseParty(purchase: { buyerId: string; sellerId: string }, userId: string): 'buyer' | 'seller' | null {
  return purchase.buyerId === userId ? 'buyer' : purchase.sellerId === userId ? 'seller' : null;
}
