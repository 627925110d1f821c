import { createRatingInput, ratingsForSellerInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { rateSeller, ratingsForSeller } from '../services/ratings.ts';
import { buyerProcedure, publicProcedure } from '../trpc.ts';

export const ratingsRouter = {
  create: buyerProcedure.input(createRatingInput).mutation(({ ctx, input }) => rateSeller(ctx.db, ctx.user, input, ctx.now())),
  forSeller: publicProcedure.input(ratingsForSellerInput).query(({ ctx, input }) => ratingsForSeller(ctx.db, input)),
} satisfies TRPCRouterRecord;
