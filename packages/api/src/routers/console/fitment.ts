import { consoleFitmentInput, consoleFitmentReportsInput, resolveFitmentReportInput, reviewFitmentInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { consoleFitmentLogs, consoleFitmentReports, fitmentProblemsByListing, resolveFitmentReport, reviewFitmentLog } from '../../services/fitment.ts';
import { operatorProcedure } from '../../trpc.ts';

export const consoleFitmentRouter = {
  fitmentLogs: operatorProcedure.input(consoleFitmentInput).query(({ ctx, input }) => consoleFitmentLogs(ctx.db, input)),
  fitmentProblems: operatorProcedure
    .input(z.strictObject({ limit: z.int().min(1).max(50).default(20) }))
    .query(({ ctx, input }) => fitmentProblemsByListing(ctx.db, input.limit)),
  reviewFitmentLog: operatorProcedure.input(reviewFitmentInput).mutation(({ ctx, input }) => reviewFitmentLog(ctx, input.logId, input.note)),
  /** Buyers' "did not fit" reports for vehicles the seller's rows claimed: the contradictions to resolve. */
  fitmentReports: operatorProcedure.input(consoleFitmentReportsInput).query(({ ctx, input }) => consoleFitmentReports(ctx.db, input)),
  resolveFitmentReport: operatorProcedure.input(resolveFitmentReportInput).mutation(({ ctx, input }) => resolveFitmentReport(ctx, input.reportId, input.note)),
} satisfies TRPCRouterRecord;
