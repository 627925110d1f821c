import type { SessionUser } from '@carparts/auth';
import { auditLog, compatibilityLogs, fitmentReports, inquiries, partListings, users, type DbOrTx } from '@carparts/db';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { ApiContext } from '../context.ts';
import { timeOrdered, toPage } from './paging.ts';

/** What an operator's action needs: the database, the request it came in and the operator. */
export type OperatorCtx = Pick<ApiContext, 'db' | 'meta' | 'now'> & { user: SessionUser };

export interface AuditEntry {
  action: string;
  targetType: 'listing' | 'user' | 'inquiry' | 'fitment_log' | 'fitment_report';
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

export async function auditEntries(db: DbOrTx, input: { actorId?: string; action?: string; targetId?: string; sort?: 'newest' | 'oldest'; cursor?: string; limit: number }) {
  const paging = timeOrdered(auditLog.createdAt, auditLog.id, input.cursor, input.sort);
  const rows = await db
    .select({ entry: auditLog, actorName: users.displayName, actorUsername: users.username })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        input.actorId ? eq(auditLog.actorId, input.actorId) : undefined,
        input.action ? like(auditLog.action, `${input.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
        input.targetId ? eq(auditLog.targetId, input.targetId) : undefined,
        paging.after,
      ),
    )
    .orderBy(...paging.orderBy)
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit, (r) => ({ time: r.entry.createdAt, id: r.entry.id }), paging.order);
  const labels = await auditTargetLabels(db, page.items.map((r) => r.entry));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      ...r.entry,
      actorDisplayName: r.actorName,
      actorUsername: r.actorUsername,
      /** What the target is called now: a listing's title, a person's name; null when it no longer exists. */
      targetLabel: labels.get(r.entry.targetId) ?? null,
    })),
  };
}

/** The names of a page of audit targets, one query per kind of target. */
async function auditTargetLabels(db: DbOrTx, entries: { targetType: string; targetId: string }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(entries.filter((e) => e.targetType === type).map((e) => e.targetId))];
  const [listingRows, userRows, inquiryRows, logRows, reportRows] = await Promise.all([
    ids('listing').length ? db.select({ id: partListings.id, label: partListings.title }).from(partListings).where(inArray(partListings.id, ids('listing'))) : [],
    ids('user').length
      ? db.select({ id: users.id, label: sql<string>`${users.displayName} || ' (' || ${users.username} || ')'` }).from(users).where(inArray(users.id, ids('user')))
      : [],
    ids('inquiry').length
      ? db
          .select({ id: inquiries.id, label: sql<string>`'Question about ' || ${partListings.title}` })
          .from(inquiries)
          .innerJoin(partListings, eq(partListings.id, inquiries.partListingId))
          .where(inArray(inquiries.id, ids('inquiry')))
      : [],
    ids('fitment_log').length
      ? db
          .select({ id: compatibilityLogs.id, label: sql<string>`'Fitment check on ' || ${partListings.title}` })
          .from(compatibilityLogs)
          .innerJoin(partListings, eq(partListings.id, compatibilityLogs.partListingId))
          .where(inArray(compatibilityLogs.id, ids('fitment_log')))
      : [],
    ids('fitment_report').length
      ? db
          .select({ id: fitmentReports.id, label: sql<string>`'Fitment report on ' || ${partListings.title}` })
          .from(fitmentReports)
          .innerJoin(partListings, eq(partListings.id, fitmentReports.partListingId))
          .where(inArray(fitmentReports.id, ids('fitment_report')))
      : [],
  ]);
  return new Map([...listingRows, ...userRows, ...inquiryRows, ...logRows, ...reportRows].map((r) => [r.id, r.label]));
}

