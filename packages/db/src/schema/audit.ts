import { ROLES } from '@carparts/domain';
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { rowIdentity } from './common.ts';
import { users } from './users.ts';

/**
 * Append-only record of operator actions. Triggers in the migrations refuse UPDATE and DELETE, so not even a bug in
 * the API can rewrite history.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: rowIdentity.id,
    createdAt: rowIdentity.createdAt,
    actorId: text('actor_id')
      .notNull()
      .references(() => users.id),
    actorRole: text('actor_role', { enum: ROLES }).notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    reason: text('reason'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_created_idx').on(t.createdAt),
    index('audit_actor_idx').on(t.actorId, t.createdAt),
    index('audit_target_idx').on(t.targetId, t.createdAt),
    index('audit_action_idx').on(t.action, t.createdAt),
  ],
);
