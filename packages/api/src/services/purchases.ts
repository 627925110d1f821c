import type { SessionUser } from '@carparts/auth';
import { isUniqueViolation, purchases, readerOf, sellerRatings, users, type Db, type DbOrTx } from '@carparts/db';
import {
  DomainError,
  LIMITS,
  assertPurchaseTransition,
  assertTransition,
  canSeeListing,
  canTransitionPurchase,
  purchaseParty,
  countryName,
  nextSteps,
  purchaseTotal,
  shippingTo,
  type ReserveInput,
  type ShippingAddress,
  type PurchaseActor,
  type PurchaseStatus,
} from '@carparts/domain';
import { and, count, eq, gt, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { findListingRow, transitionListing, type ListingWithSeller } from './listing-rows.ts';
import { listingCards, logisticsOf } from './listing-views.ts';
import { timeOrdered, toPage } from './paging.ts';

type Actor = Pick<SessionUser, 'id' | 'role'>;
export type PurchaseRow = typeof purchases.$inferSelect;

/** Gives a listing back when its reservation ends without a sale: the purchase-driven move of the listing machine. */
async function releaseListing(tx: DbOrTx, listingId: string, now: Date) {
  assertTransition('purchase', 'reserved', 'active');
  await transitionListing(tx, listingId, 'reserved', 'active', now);
}

/** Lapses every reservation past its time and puts its listing back on sale. Idempotent; safe to run anywhere. */
export async function expireReservations(db: Db, now: Date, listingId?: string): Promise<number> {
  if (!canTransitionPurchase('expiry', 'reserved', 'expired')) return 0;
  return db.transaction(async (tx) => {
    const stale = await tx
      .select({ id: purchases.id, listingId: purchases.partListingId })
      .from(purchases)
      .where(and(eq(purchases.status, 'reserved'), lte(purchases.expiresAt, now), listingId ? eq(purchases.partListingId, listingId) : undefined));
    for (const purchase of stale) {
      const [lapsed] = await tx
        .update(purchases)
        .set({ status: 'expired', updatedAt: now })
        .where(and(eq(purchases.id, purchase.id), eq(purchases.status, 'reserved')))
        .returning({ id: purchases.id });
      if (lapsed) await releaseListing(tx, purchase.listingId, now);
    }
    return stale.length;
  });
}

/**
 * Warns each buyer once that their reservation lapses within `leadMs` (an outbox event, `purchase.expiring`, written
 * by the same statement). Idempotent; returns how many were warned.
 */
export async function warnExpiringReservations(db: Db, now: Date, leadMs: number): Promise<number> {
  const result = await db
    .update(purchases)
    .set({ expiryWarnedAt: now })
    .where(and(eq(purchases.status, 'reserved'), isNull(purchases.expiryWarnedAt), gt(purchases.expiresAt, now), lte(purchases.expiresAt, new Date(now.getTime() + leadMs))));
  return result.rowsAffected;
}

/**
 * How the buyer gets the part, checked against what the listing offers: pickup where it is offered (the default), or
 * shipping to a country it goes to, at that zone's price (null: the seller quotes it).
 */
function fulfilmentOf(listing: ListingWithSeller, input: Pick<ReserveInput, 'fulfilment' | 'shipTo'>) {
  const fulfilment = input.fulfilment ?? (listing.pickupAvailable ? 'pickup' : null);
  if (fulfilment === null) {
    throw new DomainError('BAD_REQUEST', 'fulfilment: this part is not offered for pickup; choose shipping and give an address', { fulfilment: ['This part is not offered for pickup: choose shipping and give an address'] });
  }
  if (fulfilment === 'pickup') {
    if (!listing.pickupAvailable) throw new DomainError('BAD_REQUEST', 'fulfilment: this part is not offered for pickup', { fulfilment: ['This part is not offered for pickup'] });
    return { fulfilment, shippingCents: null, address: null };
  }
  const address = input.shipTo!;
  const offer = shippingTo(logisticsOf(listing), address.country);
  if (!offer) {
    const where = countryName(address.country) ?? address.country;
    throw new DomainError('BAD_REQUEST', `shipTo.country: this part does not ship to ${where}`, { 'shipTo.country': [`This part does not ship to ${where}`] });
  }
  return { fulfilment, shippingCents: offer.priceCents, address };
}

export async function reserveListing(db: Db, buyer: Actor, input: Pick<ReserveInput, 'listingId' | 'fulfilment' | 'shipTo'>, now: Date, ttlMs: number) {
  const { listingId } = input;
  await expireReservations(db, now, listingId);
  try {
    return await db.transaction(async (tx) => {
      // counted inside the write transaction: concurrent or batched reserves by one buyer see each other's rows
      const [held] = await tx
        .select({ n: count() })
        .from(purchases)
        .where(and(eq(purchases.buyerId, buyer.id), eq(purchases.status, 'reserved')));
      if ((held?.n ?? 0) >= LIMITS.activeReservationsPerBuyer) {
        throw new DomainError('TOO_MANY_REQUESTS', `You can hold at most ${LIMITS.activeReservationsPerBuyer} reservations at once`);
      }
      const listing = await findListingRow(tx, listingId);
      if (!listing || !canSeeListing(listing, buyer)) throw new DomainError('NOT_FOUND', 'Listing not found');
      if (listing.sellerId === buyer.id) throw new DomainError('FORBIDDEN', 'You cannot reserve your own listing');
      if (listing.status !== 'active') {
        throw new DomainError('CONFLICT', listing.status === 'sold' ? 'This part has already been sold' : 'Someone else has just reserved this part');
      }
      const how = fulfilmentOf(listing, input);
      assertTransition('purchase', 'active', 'reserved');
      // the conditional update is the lock: of two buyers racing, only one sees the row still active
      const reserved = await transitionListing(tx, listingId, 'active', 'reserved', now);
      if (!reserved) throw new DomainError('CONFLICT', 'Someone else has just reserved this part');
      const [purchase] = await tx
        .insert(purchases)
        .values({
          partListingId: listing.id,
          buyerId: buyer.id,
          sellerId: listing.sellerId,
          priceCents: listing.priceCents,
          currency: listing.currency,
          status: 'reserved',
          expiresAt: new Date(now.getTime() + ttlMs),
          createdAt: now,
          updatedAt: now,
          fulfilment: how.fulfilment,
          shippingCents: how.shippingCents,
          coreChargeCents: listing.coreChargeCents,
          handlingDays: listing.handlingDays,
          ...shipToColumns(how.address),
        })
        .returning();
      return purchase!;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'purchases')) throw new DomainError('CONFLICT', 'Someone else has just reserved this part');
    throw error;
  }
}

/** A purchase the actor is a party to (as buyer or seller), else NOT_FOUND exactly as for a missing one. */
export async function purchaseOfParty(db: DbOrTx, actor: Actor, purchaseId: string, as?: 'buyer' | 'seller') {
  const purchase = await db.query.purchases.findFirst({ where: eq(purchases.id, purchaseId) });
  const party = purchase && purchaseParty(purchase, actor.id);
  if (!purchase || !party || (as && party !== as)) throw new DomainError('NOT_FOUND', 'Purchase not found');
  return { purchase, party };
}

/** Moves one purchase through its machine, only if it is still in the status the caller saw. */
async function transitionPurchase(tx: DbOrTx, by: PurchaseActor, purchase: PurchaseRow, to: PurchaseStatus, now: Date, extra: Partial<PurchaseRow> = {}) {
  assertPurchaseTransition(by, purchase, to, now);
  const [row] = await tx
    .update(purchases)
    .set({ ...extra, status: to, updatedAt: now })
    .where(and(eq(purchases.id, purchase.id), eq(purchases.status, purchase.status)))
    .returning();
  if (!row) throw new DomainError('CONFLICT', 'This purchase changed meanwhile; reload and try again');
  return row;
}

/** Either party calls the reservation off; the part goes back on sale. */
export async function cancelPurchase(db: Db, actor: Actor, purchaseId: string, reason: string | undefined, now: Date) {
  const { purchase: seen } = await purchaseOfParty(db, actor, purchaseId);
  await expireReservations(db, now, seen.partListingId);
  return db.transaction(async (tx) => {
    const { purchase, party } = await purchaseOfParty(tx, actor, purchaseId);
    const row = await transitionPurchase(tx, party, purchase, 'cancelled', now, { cancelledAt: now, cancelledBy: actor.id, cancelReason: reason ?? null });
    await releaseListing(tx, purchase.partListingId, now);
    return row;
  });
}

/**
 * An operator's takedown of a listing calls off its live reservation (inside the takedown's transaction). The listing
 * itself moves on by the operator's own transition, so it is not given back here.
 */
export async function cancelReservationOfRemovedListing(tx: DbOrTx, operator: Actor, listingId: string, now: Date) {
  const live = await tx.query.purchases.findFirst({ where: and(eq(purchases.partListingId, listingId), eq(purchases.status, 'reserved')) });
  if (!live) return null;
  return transitionPurchase(tx, 'operator', live, 'cancelled', now, {
    cancelledAt: now,
    cancelledBy: operator.id,
    cancelReason: 'The listing was removed by the marketplace',
  });
}

export async function completePurchase(db: Db, seller: Actor, purchaseId: string, now: Date) {
  const { purchase: seen } = await purchaseOfParty(db, seller, purchaseId, 'seller');
  await expireReservations(db, now, seen.partListingId);
  return db.transaction(async (tx) => {
    const { purchase } = await purchaseOfParty(tx, seller, purchaseId, 'seller');
    const row = await transitionPurchase(tx, 'seller', purchase, 'completed', now, { completedAt: now });
    assertTransition('purchase', 'reserved', 'sold');
    const sold = await transitionListing(tx, purchase.partListingId, 'reserved', 'sold', now);
    if (!sold) throw new DomainError('PRECONDITION_FAILED', 'The listing is no longer reserved for this purchase');
    return row;
  });
}

/** How long a shipping address is kept once its reservation was called off or lapsed (for questions about it). */
export const ADDRESS_KEPT_AFTER_CANCEL_MS = 30 * 24 * 3_600_000;
/** How long once the sale completed: the longest warranty a listing offers (a year), and a month for a claim to arrive. */
export const ADDRESS_KEPT_AFTER_SALE_MS = 395 * 24 * 3_600_000;

/**
 * Forgets the shipping addresses no deal needs any more (a purchase's last change older than the periods above); the
 * rest of the purchase stays. Returns how many were forgotten.
 */
export async function forgetShippingAddresses(db: Db, now: Date): Promise<number> {
  const noLongerNeeded = and(
    isNotNull(purchases.shipToName),
    or(
      and(inArray(purchases.status, ['cancelled', 'expired']), lte(purchases.updatedAt, new Date(now.getTime() - ADDRESS_KEPT_AFTER_CANCEL_MS))),
      and(eq(purchases.status, 'completed'), lte(purchases.updatedAt, new Date(now.getTime() - ADDRESS_KEPT_AFTER_SALE_MS))),
    ),
  );
  // most sweeps find none: a read says so without taking the write lock
  const [any] = await readerOf(db).select({ id: purchases.id }).from(purchases).where(noLongerNeeded).limit(1);
  if (!any) return 0;
  const forgotten = await db.update(purchases).set(shipToColumns(null)).where(noLongerNeeded).returning({ id: purchases.id });
  return forgotten.length;
}

/** A shipping address as a purchase's columns (all null for pickup). */
export const shipToColumns = (address: ShippingAddress | null) => ({
  shipToName: address?.name ?? null,
  shipToLine1: address?.line1 ?? null,
  shipToLine2: address?.line2 ?? null,
  shipToPostalCode: address?.postalCode.toUpperCase() ?? null,
  shipToCity: address?.city ?? null,
  shipToCountry: address?.country ?? null,
});

/** The address a purchase ships to, from its columns; null for pickup. */
function shipToOf(p: PurchaseRow) {
  if (p.fulfilment !== 'shipping' || !p.shipToName || !p.shipToLine1 || !p.shipToPostalCode || !p.shipToCity || !p.shipToCountry) return null;
  return { name: p.shipToName, line1: p.shipToLine1, line2: p.shipToLine2, postalCode: p.shipToPostalCode, city: p.shipToCity, country: p.shipToCountry };
}

/**
 * A purchase as its parties and operators see it (no one else is ever shown one): the terms of the deal, its total,
 * the shipping address, and what each side does next (`nextSteps`, for the party reading it; both for operators).
 * The seller and operators see the buyer's address only while the deal is live or once it is completed: a cancelled
 * or lapsed reservation keeps it from them; the buyer always sees their own.
 */
export function purchaseView(p: PurchaseRow, reader: 'buyer' | 'seller' | 'operator' = 'buyer') {
  const steps = (party: 'buyer' | 'seller') => nextSteps(p, party);
  return {
    id: p.id,
    listingId: p.partListingId,
    buyerId: p.buyerId,
    sellerId: p.sellerId,
    priceCents: p.priceCents,
    currency: p.currency,
    status: p.status,
    expiresAt: p.expiresAt,
    completedAt: p.completedAt,
    cancelledAt: p.cancelledAt,
    cancelReason: p.cancelReason,
    createdAt: p.createdAt,
    fulfilment: p.fulfilment,
    /** Shipping at the listing's price for the address's zone; null for pickup, or when the seller quotes it. */
    shippingCents: p.shippingCents,
    /** Refunded when the old part goes back to the seller. */
    coreChargeCents: p.coreChargeCents,
    /** Part + core charge + shipping; null while shipping is still to be quoted. */
    totalCents: purchaseTotal(p),
    handlingDays: p.handlingDays,
    shipTo: reader === 'buyer' || p.status === 'reserved' || p.status === 'completed' ? shipToOf(p) : null,
    nextSteps: reader === 'operator' ? { buyer: steps('buyer'), seller: steps('seller') } : { [reader]: steps(reader) },
  };
}

const counterpart = alias(users, 'counterpart');

/**
 * My purchases (as buyer) or sales (as seller), with the other party's public name — and their phone number while
 * the deal is live, so buyer and seller can arrange the hand-over.
 */
export async function myPurchases(db: DbOrTx, actor: Actor, input: { as: 'buyer' | 'seller'; status?: PurchaseStatus; cursor?: string; limit: number }) {
  const mine = input.as === 'buyer' ? purchases.buyerId : purchases.sellerId;
  const other = input.as === 'buyer' ? purchases.sellerId : purchases.buyerId;
  const paging = timeOrdered(purchases.createdAt, purchases.id, input.cursor);
  const rows = await db
    .select({ purchase: purchases, other: { id: counterpart.id, displayName: counterpart.displayName, username: counterpart.username, phoneNumber: counterpart.phoneNumber } })
    .from(purchases)
    .innerJoin(counterpart, eq(counterpart.id, other))
    .where(and(eq(mine, actor.id), input.status ? eq(purchases.status, input.status) : undefined, paging.after))
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit, (r) => ({ time: r.purchase.createdAt, id: r.purchase.id }), paging.order);
  const [cardList, ratings] = await Promise.all([
    listingCards(db, page.items.map((r) => r.purchase.partListingId)),
    page.items.length
      ? db.select({ purchaseId: sellerRatings.purchaseId, rating: sellerRatings.rating }).from(sellerRatings).where(inArray(sellerRatings.purchaseId, page.items.map((r) => r.purchase.id)))
      : Promise.resolve([]),
  ]);
  const cards = new Map(cardList.map((c) => [c.id, c]));
  const ratingByPurchase = new Map(ratings.map((r) => [r.purchaseId, r.rating]));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ purchase, other: o }) => ({
      ...purchaseView(purchase, input.as),
      listing: cards.get(purchase.partListingId) ?? null,
      /** The buyer's rating of this purchase, once given. */
      rating: ratingByPurchase.get(purchase.id) ?? null,
      counterpart: {
        id: o.id,
        displayName: o.displayName,
        username: o.username,
        phoneNumber: purchase.status === 'reserved' ? o.phoneNumber : null,
      },
    })),
  };
}

