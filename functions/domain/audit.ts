import type { Deps } from './deps.js';
import type { Actor } from './actor.js';
import { actorLabel } from './actor.js';
import { authorize } from './permissions.js';
import { auditPut, listAuditByEntity, listRecentAudit } from '../../integrations/dynamodb/audit-repository.js';
import type { LabelledItem } from '../../integrations/dynamodb/transaction.js';
import { decodeKeyCursor, encodeCursor } from './paging.js';
import { keys } from '../../integrations/dynamodb/keys.js';
import { AuditEntrySchema, type AuditEntry } from '../../schemas/audit.js';

/** The audit trail of one record (or of everything), newest first. Admin only. */
export async function listAudit(deps: Deps, actor: Actor, q: { entityId?: string; limit: number; cursor?: string }): Promise<{ items: AuditEntry[]; nextCursor?: string }> {
  authorize(actor, 'audit.read');
  const start = decodeKeyCursor(q.cursor, keys.auditCursor(q.entityId));
  const page = q.entityId ? await listAuditByEntity(deps.table, q.entityId, q.limit, start) : await listRecentAudit(deps.table, q.limit, start);
  const items = page.items.map((i) => AuditEntrySchema.parse(i));
  return page.lastKey ? { items, nextCursor: encodeCursor(page.lastKey) } : { items };
}

/**
 * Through which door a change came in, for the `note` of its audit line: the sync and the
 * jobs name themselves in `actor`; a member card or a door check-in set the visit's channel.
 */
export function channelOf(actor: Actor, explicit?: string): string {
  if (explicit) return explicit;
  if (actor.role === 'system') return actor.id.split(':')[0] ?? actor.id;
  return 'api';
}

/**
 * An audit line (who, when, what, before/after) as a transaction item, so that it is
 * written with the change it records, or not at all.
 */
export function auditItem(
  deps: Deps,
  actor: Actor,
  e: { entityType: string; entityId: string; action: string; before?: unknown; after?: unknown; channel?: string; note?: string },
): LabelledItem {
  const note = [`canal : ${channelOf(actor, e.channel)}`, e.note].filter(Boolean).join(' · ');
  const entry: AuditEntry = {
    id: deps.newId(),
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    actor: actorLabel(actor),
    at: deps.now().toISOString(),
    ...(e.before !== undefined ? { before: e.before } : {}),
    ...(e.after !== undefined ? { after: e.after } : {}),
    note,
  };
  return { label: 'audit', item: auditPut(deps.table, entry) };
}
