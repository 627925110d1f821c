import { userIdInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { sellerProfile } from '../services/accounts.ts';
import { publicProcedure } from '../trpc.ts';

export const usersRouter = {
  /** A seller's public profile: name, member since, ratings summary, response rate, active listings. */
  profile: publicProcedure.input(userIdInput).query(({ ctx, input }) => sellerProfile(ctx.db, input.userId, ctx.now())),
} satisfies TRPCRouterRecord;
