import { consoleFitmentInput, reviewFitmentInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { consoleFitmentLogs, fitmentProblemsByListing, reviewFitmentLog } from '../../services/fitment.ts';
import { operatorProcedure } from '../../trpc.ts';

export const consoleFitmentRouter = {
  fitmentLogs: operatorProcedure.input(consoleFitmentInput).query(({ ctx, input }) => consoleFitmentLogs(ctx.db, input)),
  fitmentProblems: operatorProcedure
    .input(z.strictObject({ limit: z.int().min(1).max(50).default(20) }))
    .query(({ ctx, input }) => fitmentProblemsByListing(ctx.db, input.limit)),
  reviewFitmentLog: operatorProcedure.input(reviewFitmentInput).mutation(({ ctx, input }) => reviewFitmentLog(ctx, input.logId, input.note)),
} satisfies TRPCRouterRecord;
