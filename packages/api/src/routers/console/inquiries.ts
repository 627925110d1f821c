import { DomainError, consoleCloseInquiryInput, consoleInquiriesInput, inquiryIdInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { closeInquiryAsOperator, inquiryThreads } from '../../services/inquiries.ts';
import { operatorProcedure } from '../../trpc.ts';

export const consoleInquiriesRouter = {
  /** All threads, newest activity first; `olderThanHours` with status open surfaces the unanswered ones. */
  inquiries: operatorProcedure.input(consoleInquiriesInput).query(({ ctx, input }) =>
    inquiryThreads(
      ctx.db,
      {
        status: input.status,
        listingId: input.listingId,
        olderThan: input.olderThanHours === undefined ? undefined : new Date(ctx.now().getTime() - input.olderThanHours * 3_600_000),
      },
      input,
    ),
  ),
  inquiry: operatorProcedure.input(inquiryIdInput).query(async ({ ctx, input }) => {
    const { items } = await inquiryThreads(ctx.db, { inquiryId: input.inquiryId }, { limit: 1 });
    if (!items[0]) throw new DomainError('NOT_FOUND', 'Inquiry not found');
    return items[0];
  }),
  closeInquiry: operatorProcedure.input(consoleCloseInquiryInput).mutation(({ ctx, input }) => closeInquiryAsOperator(ctx, input.inquiryId, input.reason)),
} satisfies TRPCRouterRecord;
