/**
 * Access patterns of the audit trail:
 * - auditPut                (a transaction item, written with the change it records)
 * - listAuditByEntity       Query pk=audit#<entityId>, newest first
 * - listRecentAudit         Query gsi1 gsi1pk=audit, newest first
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { stripKeys } from './query-all.js';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../schemas/audit.js';

export function auditPut(t: TableRef, entry: AuditEntry) {
  return { Put: { TableName: t.tableName, Item: { ...keys.audit(entry.entityId, entry.id), entity: 'audit', ...entry } } };
}

/** For audit entries that are not part of a bigger transaction (sync conflicts…). */
export async function putAuditEntry(t: TableRef, entry: AuditEntry): Promise<void> {
  await t.doc.send(new PutCommand(auditPut(t, entry).Put));
}

export async function listAuditByEntity(t: TableRef, entityId: string, limit: number, cursor?: Record<string, unknown>) {
  const p = keys.auditPartition(entityId);
  const out = await t.doc.send(
    new QueryCommand({
      TableName: t.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': p.pk, ':sk': p.skPrefix },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: cursor,
    }),
  );
  return { items: (out.Items ?? []).map(stripKeys), lastKey: out.LastEvaluatedKey };
}

export async function listRecentAudit(t: TableRef, limit: number, cursor?: Record<string, unknown>) {
  const out = await t.doc.send(
    new QueryCommand({
      TableName: t.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditAll().gsi1pk },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: cursor,
    }),
  );
  return { items: (out.Items ?? []).map(stripKeys), lastKey: out.LastEvaluatedKey };
}
