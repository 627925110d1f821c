import { fitmentCheckInput, fitmentReportInput, myFitmentInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { checkFitment, myFitmentLogs, myFitmentReports, openReportsOnSellersListings, previewFitment, reportFitment } from '../services/fitment.ts';
import { buyerProcedure, publicProcedure, sellerProcedure } from '../trpc.ts';

export const fitmentRouter = {
  check: buyerProcedure.input(fitmentCheckInput).mutation(({ ctx, input }) => {
    const { listingId, ...vehicle } = input;
    return checkFitment(ctx.db, ctx.user, listingId, vehicle, ctx.now());
  }),

  /**
   * The same verdict, recorded nowhere: for anyone, signed in or not. A mutation although it changes nothing, so that
   * the VIN fragment travels in the request body and never in a URL, a proxy's access log or the browser history.
   */
  preview: publicProcedure.input(fitmentCheckInput).mutation(({ ctx, input }) => {
    const { listingId, ...vehicle } = input;
    return previewFitment(ctx.db, ctx.user, listingId, vehicle);
  }),

  mine: buyerProcedure.input(myFitmentInput).query(({ ctx, input }) => myFitmentLogs(ctx.db, ctx.user.id, input)),

  /** After a completed purchase, once: "it fit my vehicle" or "it did not". */
  report: buyerProcedure.input(fitmentReportInput).mutation(({ ctx, input }) => reportFitment(ctx.db, ctx.user, input, ctx.now())),

  /** The caller's own reports, to show which purchases they have reported on. */
  myReports: buyerProcedure.query(({ ctx }) => myFitmentReports(ctx.db, ctx.user.id)),

  /** Buyers' open "did not fit" reports on the caller's listings, for vehicles their rows claim: what the seller is told. */
  reportsOnMyListings: sellerProcedure.query(({ ctx }) => openReportsOnSellersListings(ctx.db, ctx.user.id)),
} satisfies TRPCRouterRecord;
