import { auditLogInput, statsInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { auditEntries } from '../../services/audit.ts';
import { marketplaceStats } from '../../services/stats.ts';
import { operatorProcedure } from '../../trpc.ts';

export const consoleAuditRouter = {
  auditLog: operatorProcedure.input(auditLogInput).query(({ ctx, input }) => auditEntries(ctx.db, input)),
  stats: operatorProcedure.input(statsInput).query(({ ctx, input }) => marketplaceStats(ctx.db, input.window, ctx.now())),
} satisfies TRPCRouterRecord;
