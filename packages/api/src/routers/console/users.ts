import { consoleUsersInput, setUserRoleInput, suspendUserInput, userIdInput, verifySellerInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { consoleUserDetail, consoleUsers, setUserRole, suspendUser, verifySeller } from '../../services/accounts.ts';
import { operatorProcedure } from '../../trpc.ts';

export const consoleUsersRouter = {
  users: operatorProcedure.input(consoleUsersInput).query(({ ctx, input }) => consoleUsers(ctx.db, input)),
  user: operatorProcedure.input(userIdInput).query(({ ctx, input }) => consoleUserDetail(ctx.db, input.userId)),
  setUserRole: operatorProcedure.input(setUserRoleInput).mutation(({ ctx, input }) => setUserRole(ctx, input)),
  /** Suspends (or with `suspend: false` reinstates) an account; suspension ends all its sessions at once. */
  suspendUser: operatorProcedure.input(suspendUserInput).mutation(({ ctx, input }) => suspendUser(ctx, input)),
  /** Marks a seller as a verified business (or with `verified: false` takes the mark back); shown to buyers as a badge. */
  verifySeller: operatorProcedure.input(verifySellerInput).mutation(({ ctx, input }) => verifySeller(ctx, input)),
} satisfies TRPCRouterRecord;
