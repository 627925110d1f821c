import { createInquiryInput, getInquiryInput, inquiryIdInput, myInquiriesInput, replyInquiryInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { askSeller, closeInquiry, inquiryThread, inquiryThreads, readableInquiry, replyToInquiry } from '../services/inquiries.ts';
import { authedProcedure, buyerProcedure } from '../trpc.ts';

export const inquiriesRouter = {
  create: buyerProcedure.input(createInquiryInput).mutation(({ ctx, input }) => askSeller(ctx.db, ctx.user, input.listingId, input.message, ctx.now())),

  reply: authedProcedure.input(replyInquiryInput).mutation(({ ctx, input }) => replyToInquiry(ctx.db, ctx.user, input.inquiryId, input.message, ctx.now())),

  /** For its two parties; operators close through console.closeInquiry, which needs a reason and is audited. */
  close: authedProcedure.input(inquiryIdInput).mutation(({ ctx, input }) => closeInquiry(ctx.db, ctx.user, input.inquiryId, ctx.now())),

  /** One thread with a page of its replies, oldest first: for its buyer, its seller and operators. */
  get: authedProcedure.input(getInquiryInput).query(async ({ ctx, input }) => {
    const inquiry = await readableInquiry(ctx.db, ctx.user, input.inquiryId);
    return inquiryThread(ctx.db, inquiry.id, input);
  }),

  mine: authedProcedure.input(myInquiriesInput).query(({ ctx, input }) =>
    inquiryThreads(
      ctx.db,
      { ...(input.as === 'buyer' ? { buyerId: ctx.user.id } : { sellerId: ctx.user.id }), status: input.status, listingId: input.listingId },
      input,
    ),
  ),
} satisfies TRPCRouterRecord;
