/**
 * Access patterns of the communication kit:
 * - kitAssetItems / getKitAsset / listKitAssets   pk=kit, sk asset#v1#<id> (one partition, read whole)
 * - putKitUpload / getKitUpload / deleteKitUpload pk=kit#upload#<id> (expires with ttl)
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import { auditPut } from './audit-repository.js';
import type { LabelledItem } from './transaction.js';
import type { AuditEntry } from '../../schemas/audit.js';

/** The asset (conditioned on the version it replaces) and its audit entry. */
export function kitAssetItems(t: TableRef, asset: Record<string, unknown> & { id: string; version: number }, audit: AuditEntry): LabelledItem[] {
  return [
    {
      label: 'kit-asset',
      item: {
        Put: {
          TableName: t.tableName,
          Item: { ...keys.kitAsset(asset.id), entity: 'kit-asset', ...asset },
          ...(asset.version === 1 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :prev', ExpressionAttributeValues: { ':prev': asset.version - 1 } }),
        },
      },
    },
    { label: 'audit', item: auditPut(t, audit) },
  ];
}

export async function getKitAsset(t: TableRef, assetId: string): Promise<Record<string, unknown> | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.kitAsset(assetId), ConsistentRead: true }));
  return out.Item ? stripKeys(out.Item) : undefined;
}

export async function listKitAssets(t: TableRef): Promise<Record<string, unknown>[]> {
  const p = keys.kitAssets();
  return (await queryAll(t, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': p.pk, ':sk': p.skPrefix }, ConsistentRead: true })).map(stripKeys);
}

export async function putKitUpload(t: TableRef, upload: Record<string, unknown> & { uploadId: string; expiresAt: string }): Promise<void> {
  const ttl = Math.floor(Date.parse(upload.expiresAt) / 1000) + 86_400;
  await t.doc.send(new PutCommand({ TableName: t.tableName, Item: { ...keys.kitUpload(upload.uploadId), entity: 'kit-upload', ttl, ...upload } }));
}

export async function getKitUpload(t: TableRef, uploadId: string): Promise<Record<string, unknown> | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.kitUpload(uploadId), ConsistentRead: true }));
  return out.Item ? stripKeys(out.Item) : undefined;
}

/** Consumes an upload once: a second PUT with the same link finds nothing. */
export async function deleteKitUpload(t: TableRef, uploadId: string): Promise<boolean> {
  try {
    await t.doc.send(new DeleteCommand({ TableName: t.tableName, Key: keys.kitUpload(uploadId), ConditionExpression: 'attribute_exists(pk)' }));
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}
