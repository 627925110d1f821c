import { cancelPurchaseInput, myPurchasesInput, purchaseIdInput, reserveInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { cancelPurchase, completePurchase, myPurchases, purchaseView, reserveListing } from '../services/purchases.ts';
import { authedProcedure, buyerProcedure, sellerProcedure } from '../trpc.ts';

export const purchasesRouter = {
  reserve: buyerProcedure
    .input(reserveInput)
    .mutation(async ({ ctx, input }) => purchaseView(await reserveListing(ctx.db, ctx.user, input, ctx.now(), ctx.config.reservationTtlMs), 'buyer')),

  /** Either party may call off a live reservation; the listing goes back on sale. */
  cancel: authedProcedure
    .input(cancelPurchaseInput)
    .mutation(async ({ ctx, input }) => {
      const row = await cancelPurchase(ctx.db, ctx.user, input.purchaseId, input.reason, ctx.now());
      return purchaseView(row, row.buyerId === ctx.user.id ? 'buyer' : 'seller');
    }),

  /** The seller confirms the hand-over: the listing is sold and the buyer may rate the seller. */
  complete: sellerProcedure
    .input(purchaseIdInput)
    .mutation(async ({ ctx, input }) => purchaseView(await completePurchase(ctx.db, ctx.user, input.purchaseId, ctx.now()), 'seller')),

  mine: authedProcedure.input(myPurchasesInput).query(({ ctx, input }) => myPurchases(ctx.db, ctx.user, input)),
} satisfies TRPCRouterRecord;
