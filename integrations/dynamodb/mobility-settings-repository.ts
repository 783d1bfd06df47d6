/**
 * Access patterns of the network mobility settings:
 * - getMobilitySettingsItem   GetItem pk=mob#settings, sk=mobility
 * - putMobilitySettingsItem   TransactWrite: the settings and their audit entry
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { stripKeys } from './query-all.js';
import { auditPut } from './audit-repository.js';
import type { AuditEntry } from '../../schemas/audit.js';

export async function getMobilitySettingsItem(t: TableRef): Promise<Record<string, unknown> | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.mobilitySettings(), ConsistentRead: true }));
  return out.Item ? stripKeys(out.Item) : undefined;
}

export async function putMobilitySettingsItem(t: TableRef, settings: Record<string, unknown>, audit: AuditEntry): Promise<void> {
  await t.doc.send(
    new TransactWriteCommand({
      TransactItems: [{ Put: { TableName: t.tableName, Item: { ...keys.mobilitySettings(), entity: 'mobility-settings', ...settings } } }, auditPut(t, audit)],
    }),
  );
}
