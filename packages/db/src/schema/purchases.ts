import { CURRENCY_CODES, FULFILMENTS, PURCHASE_STATUSES } from '@carparts/domain';
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { buyerColumn, sellerColumn, listingColumn } from './parties.ts';
import { rowIdentity, timestamp } from './common.ts';

import { users } from './users.ts';

export const purchases = sqliteTable(
  'purchases',
  {
    ...rowIdentity,
    ...listingColumn(),
    ...buyerColumn(),
    ...sellerColumn(),
    /** The price and currency at the moment of reservation; later edits of the listing do not change a deal. */
    priceCents: integer('price_cents').notNull(),
    currency: text('currency', { enum: CURRENCY_CODES }).notNull(),
    status: text('status', { enum: PURCHASE_STATUSES }).notNull().default('reserved'),
    expiresAt: timestamp('expires_at').notNull(),
    completedAt: timestamp('completed_at'),
    cancelledAt: timestamp('cancelled_at'),
    cancelledBy: text('cancelled_by').references(() => users.id),
    cancelReason: text('cancel_reason'),
    /** When the buyer was warned that the hold is about to lapse (once per reservation). */
    expiryWarnedAt: timestamp('expiry_warned_at'),
    /** Picked up or shipped, as the buyer chose at reservation, with the listing's terms of that moment. */
    fulfilment: text('fulfilment', { enum: FULFILMENTS }).notNull().default('pickup'),
    /** Shipping to the address below; null for pickup, or when the seller quotes it on request. */
    shippingCents: integer('shipping_cents'),
    coreChargeCents: integer('core_charge_cents'),
    handlingDays: integer('handling_days').notNull().default(2),
    /** The shipping address: shown to the buyer, this seller and operators only. */
    shipToName: text('ship_to_name'),
    shipToLine1: text('ship_to_line1'),
    shipToLine2: text('ship_to_line2'),
    shipToPostalCode: text('ship_to_postal_code'),
    shipToCity: text('ship_to_city'),
    shipToCountry: text('ship_to_country'),
  },
  (t) => [
    uniqueIndex('purchases_one_live_reservation_per_listing').on(t.partListingId).where(sql`${t.status} = 'reserved'`),
    index('purchases_buyer_idx').on(t.buyerId, t.status, t.createdAt),
    index('purchases_seller_idx').on(t.sellerId, t.status, t.createdAt),
    index('purchases_listing_idx').on(t.partListingId, t.createdAt),
    index('purchases_expiry_idx').on(t.status, t.expiresAt),
    index('purchases_created_idx').on(t.createdAt),
    /** The purchases still holding a shipping address, for the sweep that forgets them once they are no longer needed. */
    index('purchases_address_kept_idx').on(t.status, t.updatedAt).where(sql`${t.shipToName} IS NOT NULL`),
  ],
);
