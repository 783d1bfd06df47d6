/**
 * The network's settings documents (mobility, governance, valuation…), one item each:
 * - getSettingsItem   GetItem on the settings' key, strongly consistent
 * - putSettingsItem   TransactWrite: the settings and their audit entry, together or not at all
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { stripKeys } from './query-all.js';
import { auditPut } from './audit-repository.js';
import { writeLabelledTransaction } from './transaction.js';
import type { AuditEntry } from '../../schemas/audit.js';

export type SettingsKey = { pk: string; sk: string };

export async function getSettingsItem(t: TableRef, key: SettingsKey): Promise<Record<string, unknown> | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: key, ConsistentRead: true }));
  return out.Item ? stripKeys(out.Item) : undefined;
}

export async function putSettingsItem(t: TableRef, key: SettingsKey, entity: string, settings: Record<string, unknown>, audit: AuditEntry): Promise<void> {
  await writeLabelledTransaction(t, [
    { label: 'settings', item: { Put: { TableName: t.tableName, Item: { ...key, entity, ...settings } } } },
    { label: 'audit', item: auditPut(t, audit) },
  ]);
}
