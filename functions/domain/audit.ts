import type { Deps } from './deps.js';
import type { Actor } from './actor.js';
import { authorize } from './permissions.js';
import { listAuditByEntity, listRecentAudit } from '../../integrations/dynamodb/audit-repository.js';
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
