import { auditLog, type DbOrTx } from '@carparts/db';
import type { ApiContext } from '../context.ts';

export interface AuditEntry {
  action: string;
  targetType: 'listing' | 'user' | 'inquiry' | 'fitment_log';
  targetId: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Records an operator action. Call it with the transaction that performs the action: if the audit row cannot be
 * written, the action does not happen either.
 */
export async function recordAudit(tx: DbOrTx, ctx: Pick<ApiContext, 'meta' | 'now'> & { user: { id: string; role: 'buyer' | 'seller' | 'operator' } }, entry: AuditEntry) {
  await tx.insert(auditLog).values({
    actorId: ctx.user.id,
    actorRole: ctx.user.role,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    reason: entry.reason ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: ctx.meta.requestId,
    ip: ctx.meta.clientAddress,
    createdAt: ctx.now(),
  });
}
