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
 * - saveDirectoryRecords          UpdateItem ADD k on the counter (takes n-k+1..n), then ONE
 *                                 TransactWrite of up to 25 records, each with its audit entry,
 *                                 its change-log copy and its caller's items (a first sync's creations)
 * - closeSequenceNumber           PutItem seq#<n> "none" (condition: not there yet)
 */
import { BatchGetCommand, GetCommand, PutCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './errors.js';
import type { TableRef } from './client.js';
import { keys, type DirectoryType } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import { TransactionConditionFailed, writeLabelledTransaction, type LabelledItem } from './transaction.js';
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

/** Takes the next `count` sequence numbers (answers the last): one atomic ADD, which never conflicts with another writer. */
async function takeSequenceNumber(t: TableRef, count = 1): Promise<number> {
  const out = await t.doc.send(
    new UpdateCommand({ TableName: t.tableName, Key: keys.directoryVersion(), UpdateExpression: 'ADD version :n', ExpressionAttributeValues: { ':n': count }, ReturnValues: 'UPDATED_NEW' }),
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

export interface RecordWrite {
  type: DirectoryType;
  record: Record<string, unknown> & { id: string; version: number };
  /** 0: must not exist yet; otherwise the version the stored record must still have. */
  expectedVersion: number;
  audit: AuditEntry;
  /** Writes that must hold together with this one (the sync's row state). */
  extraItems?: TransactItem[];
}

/** The labelled items of one record write under sequence number `seq`; `tag` tells records of a group apart. */
function recordItems(t: TableRef, w: RecordWrite, seq: number, tag = ''): LabelledItem[] {
  const condition =
    w.expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': w.expectedVersion } };
  return [
    { label: `record${tag}`, item: { Put: { TableName: t.tableName, Item: { ...keys.directoryRecord(w.type, w.record.id), entity: w.type, ...w.record }, ...condition } } },
    { label: `audit${tag}`, item: auditPut(t, w.audit) },
    { label: `change-log${tag}`, item: { Put: { TableName: t.tableName, Item: changeLogItem(seq, w.type, w.record), ConditionExpression: 'attribute_not_exists(pk)' } } },
    ...(w.extraItems ?? []).map((item, k) => ({ label: `extra-${k}${tag}`, item })),
  ];
}

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
export async function saveDirectoryRecord(t: TableRef, w: RecordWrite): Promise<{ seq: number }> {
  for (let attempt = 1; ; attempt++) {
    const seq = await takeSequenceNumber(t);
    try {
      await writeLabelledTransaction(t, recordItems(t, w, seq));
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

/** A transaction holds at most 100 items and 4 MB: a group stays well under both. */
const GROUP_MAX_RECORDS = 25;
const GROUP_MAX_ITEMS = 100;
const GROUP_MAX_BYTES = 3_000_000;

/** An item's table key, so that a group never names one item twice (DynamoDB refuses that transaction). */
function itemKey(i: TransactItem): string {
  const op = (i.Put ?? i.Update ?? i.Delete ?? i.ConditionCheck) as { TableName?: string; Item?: Record<string, unknown>; Key?: Record<string, unknown> };
  const k = op.Key ?? op.Item ?? {};
  return `${op.TableName}\u0000${String(k.pk)}\u0000${String(k.sk)}`;
}

/** Splits writes into groups a single transaction can take, in order. */
function groupsOf(t: TableRef, writes: RecordWrite[]): RecordWrite[][] {
  const groups: RecordWrite[][] = [];
  let group: RecordWrite[] = [];
  let items = 0;
  let bytes = 0;
  let seen = new Set<string>();
  for (const w of writes) {
    const labelled = recordItems(t, w, 0);
    const its = labelled.map((l) => l.item);
    const size = Buffer.byteLength(JSON.stringify(its));
    // The change-log copies get distinct numbers once the group's numbers are taken.
    const ks = labelled.filter((l) => l.label !== 'change-log').map((l) => itemKey(l.item));
    if (group.length && (group.length >= GROUP_MAX_RECORDS || items + its.length > GROUP_MAX_ITEMS || bytes + size > GROUP_MAX_BYTES || ks.some((k) => seen.has(k)))) {
      groups.push(group);
      group = [];
      items = 0;
      bytes = 0;
      seen = new Set();
    }
    group.push(w);
    items += its.length;
    bytes += size;
    for (const k of ks) seen.add(k);
  }
  if (group.length) groups.push(group);
  return groups;
}

export type RecordWriteOutcome = { ok: true; seq: number } | { ok: false; error: unknown };

/**
 * Several record writes (a first sync's creations): each group of up to 25 takes its
 * sequence numbers with one ADD and commits in one transaction, all or nothing, so a
 * reader sees the group's numbers filled together, gap-free as with single writes.
 * When a group's transaction fails on a condition (a record that exists or changed, a
 * number a reader closed), its numbers are closed (nothing under them was written,
 * readers must not wait) and its writes are saved one by one: one bad write never holds
 * back the others, and it is answered exactly as saveDirectoryRecord answers it
 * (StaleVersionError, …). Any other failure is thrown, its numbers closed.
 */
export async function saveDirectoryRecords(t: TableRef, writes: RecordWrite[]): Promise<RecordWriteOutcome[]> {
  const one = async (w: RecordWrite): Promise<RecordWriteOutcome> => {
    try {
      return { ok: true, ...(await saveDirectoryRecord(t, w)) };
    } catch (error) {
      return { ok: false, error };
    }
  };
  const out: RecordWriteOutcome[] = [];
  for (const group of groupsOf(t, writes)) {
    if (group.length === 1) {
      out.push(await one(group[0]!));
      continue;
    }
    const last = await takeSequenceNumber(t, group.length);
    const first = last - group.length + 1;
    try {
      await writeLabelledTransaction(t, group.flatMap((w, i) => recordItems(t, w, first + i, `#${i}`)));
      group.forEach((_, i) => out.push({ ok: true, seq: first + i }));
      continue;
    } catch (err) {
      await Promise.all(group.map((_, i) => closeSequenceNumber(t, first + i).catch(() => undefined)));
      if (!(err instanceof TransactionConditionFailed)) throw err;
    }
    for (const w of group) out.push(await one(w));
  }
  return out;
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
