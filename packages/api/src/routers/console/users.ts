import { consoleUsersInput, setUserRoleInput, suspendUserInput, userIdInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { consoleUserDetail, consoleUsers, setUserRole, suspendUser } from '../../services/accounts.ts';
import { operatorProcedure } from '../../trpc.ts';

export const consoleUsersRouter = {
  users: operatorProcedure.input(consoleUsersInput).query(({ ctx, input }) => consoleUsers(ctx.db, input)),
  user: operatorProcedure.input(userIdInput).query(({ ctx, input }) => consoleUserDetail(ctx.db, input.userId)),
  setUserRole: operatorProcedure.input(setUserRoleInput).mutation(({ ctx, input }) => setUserRole(ctx, input)),
  /** Suspends (or with `suspend: false` reinstates) an account; suspension ends all its sessions at once. */
  suspendUser: operatorProcedure.input(suspendUserInput).mutation(({ ctx, input }) => suspendUser(ctx, input)),
} satisfies TRPCRouterRecord;
