/**
 * Access patterns of the directory (places, resources, people):
 * - getDirectoryRecordById        GetItem  pk=dir#<type>, sk=<type>#v1#<id>
 * - listDirectoryRecordsByType    Query    pk=dir#<type> (strongly consistent, paged to the end)
 * - getDirectoryVersion           GetItem  pk=meta, sk=directory-version
 * - listDirectoryChangesSince     Query    pk=dir#changes, sk ≥ <ISO time> (strongly consistent)
 * - saveDirectoryRecord           TransactWrite: the record (optimistic version check),
 *                                 its audit entry, the directory version counter and a
 *                                 change-log copy that expires after CHANGE_LOG_DAYS.
 */
import { GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys, type DirectoryType } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import { TransactionConditionFailed, writeLabelledTransaction } from './transaction.js';
import type { AuditEntry } from '../../schemas/audit.js';
import { auditPut } from './audit-repository.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export async function getDirectoryRecordById(t: TableRef, type: DirectoryType, id: string): Promise<Record<string, unknown> | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.directoryRecord(type, id), ConsistentRead: true }));
  return out.Item ? stripKeys(out.Item) : undefined;
}

export async function listDirectoryRecordsByType(t: TableRef, type: DirectoryType): Promise<Record<string, unknown>[]> {
  const p = keys.directoryPartition(type);
  const items = await queryAll(t, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': p.pk, ':sk': p.skPrefix },
    ConsistentRead: true,
  });
  return items.map(stripKeys);
}

export async function getDirectoryVersion(t: TableRef): Promise<number> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.directoryVersion(), ConsistentRead: true, ProjectionExpression: 'version' }));
  return (out.Item?.version as number | undefined) ?? 0;
}

/** How long change-log copies are kept; older caches reload in full. */
export const CHANGE_LOG_DAYS = 8;

export interface DirectoryChange {
  type: DirectoryType;
  record: Record<string, unknown>;
}

export async function listDirectoryChangesSince(t: TableRef, sinceIso: string): Promise<DirectoryChange[]> {
  const items = await queryAll(t, {
    KeyConditionExpression: 'pk = :pk AND sk >= :since',
    ExpressionAttributeValues: { ':pk': keys.directoryChanges().pk, ':since': sinceIso },
    ConsistentRead: true,
  });
  return items.map((i) => ({ type: i.type as DirectoryType, record: i.record as Record<string, unknown> }));
}

export class StaleVersionError extends Error {}

/**
 * Writes a directory record with its audit entry and bumps the directory version,
 * all or nothing. `expectedVersion` 0 means "must not exist yet".
 * `extraItems` lets a caller add writes that must hold together with this one.
 */
export async function saveDirectoryRecord(
  t: TableRef,
  args: { type: DirectoryType; record: Record<string, unknown> & { id: string; version: number }; expectedVersion: number; audit: AuditEntry; extraItems?: TransactItem[] },
): Promise<void> {
  const { type, record, expectedVersion, audit } = args;
  const condition =
    expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } };
  try {
    await writeLabelledTransaction(t, [
      { label: 'record', item: { Put: { TableName: t.tableName, Item: { ...keys.directoryRecord(type, record.id), entity: type, ...record }, ...condition } } },
      { label: 'audit', item: auditPut(t, audit) },
      {
        label: 'change-log',
        item: {
          Put: {
            TableName: t.tableName,
            Item: {
              ...keys.directoryChange(String(record.updatedAt), type, record.id),
              entity: 'dir-change',
              type,
              record,
              ttl: Math.floor(Date.parse(String(record.updatedAt)) / 1000) + CHANGE_LOG_DAYS * 86_400,
            },
          },
        },
      },
      { label: 'directory-version', item: { Update: { TableName: t.tableName, Key: keys.directoryVersion(), UpdateExpression: 'ADD version :one', ExpressionAttributeValues: { ':one': 1 } } } },
      ...(args.extraItems ?? []).map((item, k) => ({ label: `extra-${k}`, item })),
    ]);
  } catch (err) {
    if (err instanceof TransactionConditionFailed && err.labels.includes('record')) throw new StaleVersionError('record changed concurrently', { cause: err });
    throw err;
  }
}
