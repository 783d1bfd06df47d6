/**
 * Access patterns of the directory (places, resources, people):
 * - getDirectoryRecordById        GetItem  pk=dir#<type>, sk=<type>#v1#<id>
 * - listDirectoryRecordsByType    Query    pk=dir#<type> (strongly consistent, paged to the end)
 * - getDirectoryRecordsByIds      BatchGet pk=dir#<type>, sk=<type>#v1#<id> (the records of a result page)
 * - getDirectoryVersion           GetItem  pk=meta, sk=directory-version
 * - listDirectoryChangesAfter     Query    pk=dir#changelog, sk > seq#<n> (strongly consistent)
 * - saveDirectoryRecord           UpdateItem ADD 1 on the counter (takes number n), then
 *                                 TransactWrite: the record (optimistic version check), its
 *                                 audit entry and the change-log copy seq#<n> (condition:
 *                                 not there yet), which expires after CHANGE_LOG_DAYS.
 * - closeSequenceNumber           PutItem seq#<n> "none" (condition: not there yet)
 */
import { BatchGetCommand, GetCommand, PutCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './errors.js';
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

/** Records by id, 100 a request (strongly consistent); ids not found are left out. */
export async function getDirectoryRecordsByIds(t: TableRef, type: DirectoryType, ids: string[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    type Request = Record<string, { Keys: Record<string, unknown>[]; ConsistentRead?: boolean }>;
    let request: Request | undefined = { [t.tableName]: { Keys: ids.slice(i, i + 100).map((id) => keys.directoryRecord(type, id)), ConsistentRead: true } };
    for (let attempt = 0; request && Object.keys(request).length; attempt++) {
      if (attempt >= 10) throw new Error('directory records not read: DynamoDB kept them unprocessed');
      const res = await t.doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of res.Responses?.[t.tableName] ?? []) out.push(stripKeys(item));
      request = res.UnprocessedKeys as Request | undefined;
      if (request && Object.keys(request).length) await new Promise((ok) => setTimeout(ok, 20 * 2 ** attempt));
    }
  }
  return out;
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

/** How long change-log copies are kept; a cache further behind reloads in full. */
export const CHANGE_LOG_DAYS = 8;

export interface DirectoryChange {
  /** The sequence number the write took (1, 2, 3…). */
  seq: number;
  /** `none`: a number taken by a write that did not happen (refused, or given up on). */
  type: DirectoryType | 'none';
  record: Record<string, unknown>;
  /** When the copy was written (server clock, ISO). */
  at: string;
}

/** The change-log copies after sequence `seq`, in order (strongly consistent). */
export async function listDirectoryChangesAfter(t: TableRef, seq: number): Promise<DirectoryChange[]> {
  const k = keys.directoryChangesAfter(seq);
  const items = await queryAll(t, {
    KeyConditionExpression: 'pk = :pk AND sk > :after',
    ExpressionAttributeValues: { ':pk': k.pk, ':after': k.skAfter },
    ConsistentRead: true,
  });
  return items.map((i) => ({ seq: i.seq as number, type: i.type as DirectoryChange['type'], record: (i.record ?? {}) as Record<string, unknown>, at: String(i.at) }));
}

/** Takes the next sequence number: one atomic ADD, which never conflicts with another writer. */
async function takeSequenceNumber(t: TableRef): Promise<number> {
  const out = await t.doc.send(
    new UpdateCommand({ TableName: t.tableName, Key: keys.directoryVersion(), UpdateExpression: 'ADD version :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' }),
  );
  return out.Attributes!.version as number;
}

function changeLogItem(seq: number, type: DirectoryChange['type'], record?: Record<string, unknown>) {
  return { ...keys.directoryChange(seq), entity: 'dir-change', seq, type, ...(record ? { record } : {}), at: new Date().toISOString(), ttl: Math.floor(Date.now() / 1000) + CHANGE_LOG_DAYS * 86_400 };
}

/**
 * Marks a sequence number as taken by no write, unless its write is there already
 * (then nothing changes). Used by a writer whose write failed, and by a reader giving
 * up on a number left open for long (a writer that crashed): a write that arrives
 * later finds the mark and takes another number.
 */
export async function closeSequenceNumber(t: TableRef, seq: number): Promise<void> {
  try {
    await t.doc.send(new PutCommand({ TableName: t.tableName, Item: changeLogItem(seq, 'none'), ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}

export class StaleVersionError extends Error {}

const MAX_SEQUENCE_ATTEMPTS = 5;

/**
 * Writes a directory record with its audit entry and its change-log copy, all or
 * nothing. `expectedVersion` 0 means "must not exist yet". `extraItems` lets a caller
 * add writes that must hold together with this one.
 *
 * The write first takes a sequence number from the version counter (atomic ADD), then
 * its transaction puts the change-log copy under that number (condition: still free).
 * Readers thus catch up with "every write after n", gap-free once settled, without
 * clocks; and the transactions of two writers share no item, so they never collide.
 */
export async function saveDirectoryRecord(
  t: TableRef,
  args: { type: DirectoryType; record: Record<string, unknown> & { id: string; version: number }; expectedVersion: number; audit: AuditEntry; extraItems?: TransactItem[] },
): Promise<{ seq: number }> {
  const { type, record, expectedVersion, audit } = args;
  const condition =
    expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } };
  for (let attempt = 1; ; attempt++) {
    const seq = await takeSequenceNumber(t);
    try {
      await writeLabelledTransaction(t, [
        { label: 'record', item: { Put: { TableName: t.tableName, Item: { ...keys.directoryRecord(type, record.id), entity: type, ...record }, ...condition } } },
        { label: 'audit', item: auditPut(t, audit) },
        { label: 'change-log', item: { Put: { TableName: t.tableName, Item: changeLogItem(seq, type, record), ConditionExpression: 'attribute_not_exists(pk)' } } },
        ...(args.extraItems ?? []).map((item, k) => ({ label: `extra-${k}`, item })),
      ]);
      return { seq };
    } catch (err) {
      const closedByReader = err instanceof TransactionConditionFailed && err.labels.length === 1 && err.labels[0] === 'change-log';
      if (closedByReader && attempt < MAX_SEQUENCE_ATTEMPTS) continue;
      // Readers must not wait for this number.
      await closeSequenceNumber(t, seq).catch(() => undefined);
      if (err instanceof TransactionConditionFailed && err.labels.includes('record')) throw new StaleVersionError('record changed concurrently', { cause: err });
      throw err;
    }
  }
}

export interface DirectoryArtifactPointer {
  /** The index object (what a new instance reads). */
  key: string;
  /** The resources' full records (read only by what needs them all); absent in the first format. */
  recordsKey?: string;
  seq: number;
  bytes: number;
  at: string;
}

/** The current index artifact, if any (eventually consistent read: a slightly older artifact is caught up from the change log). */
export async function getDirectoryArtifactPointer(t: TableRef): Promise<DirectoryArtifactPointer | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.directoryArtifact() }));
  return out.Item ? (stripKeys(out.Item) as unknown as DirectoryArtifactPointer) : undefined;
}

/** Points new instances at an artifact, unless a newer one is already pointed at (one of the first format is replaced). */
export async function setDirectoryArtifactPointer(t: TableRef, p: DirectoryArtifactPointer): Promise<boolean> {
  try {
    await t.doc.send(
      new PutCommand({ TableName: t.tableName, Item: { ...keys.directoryArtifact(), entity: 'dir-artifact', ...p }, ConditionExpression: 'attribute_not_exists(pk) OR seq < :seq OR attribute_not_exists(recordsKey)', ExpressionAttributeValues: { ':seq': p.seq } }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}
