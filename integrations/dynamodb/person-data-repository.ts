/**
 * Access patterns of a person's data request (export, erasure) and of the retention purge.
 * Every read is a Query or a GetItem on a partition named by the person's keys:
 * - listPersonPartition     Query pk=mob#person#<personId> (passes, visit copies)
 * - listAuditOfEntity       Query pk=audit#<entityId> (whole partition)
 * - getLedgerEntryItem      GetItem ledger#<month> / entry#<date>#<id>
 * - listChangesOfRecord     Query pk=dir#changelog, filtered on the record's id (the change
 *                           log is short-lived: 8 days of writes)
 * - listIdempotencyExpiring Query gsi2 gsi2pk=mob#idem#by-expiry, gsi2sk < <ttl>#
 * - listAuditIdsBefore      Query gsi1 gsi1pk=audit, gsi1sk between <mark> and <bound>
 * Free texts that may name the person (erasure), found from the person's places, never by a Scan:
 * - listPartitionItems      Query pk=<pk> (optionally begins_with sk): kit assets, tokens, a proposal with its votes
 * - listIndexItems          Query gsi1/gsi2 on one key (coordination visits and events of a place, every proposal)
 * - listManualEntryCopies   Query pk=ledger#account#<account>, filtered on kind = manual
 * Writes replace attributes in place (SET/REMOVE), conditioned on the item still existing;
 * `replaceAttributesAudited` does it for several items with their audit line in one transaction.
 */
import { BatchWriteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';
import { isConditionFailure } from './errors.js';
import { auditPut } from './audit-repository.js';
import { writeLabelledTransaction, type LabelledItem } from './transaction.js';
import type { AuditEntry } from '../../schemas/audit.js';

export type Key = { pk: string; sk: string };
export type RawItem = Record<string, unknown> & Key;

export async function listPersonPartition(t: TableRef, personId: string): Promise<RawItem[]> {
  const pk = `mob#person#${personId}`;
  return (await queryAll(t, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true })) as RawItem[];
}

export async function listAuditOfEntity(t: TableRef, entityId: string): Promise<RawItem[]> {
  const p = keys.auditPartition(entityId);
  return (await queryAll(t, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': p.pk, ':sk': p.skPrefix }, ConsistentRead: true })) as RawItem[];
}

export async function getItem(t: TableRef, key: Key): Promise<RawItem | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: key, ConsistentRead: true }));
  return out.Item as RawItem | undefined;
}

export async function listChangesOfRecord(t: TableRef, recordId: string): Promise<RawItem[]> {
  return (await queryAll(t, {
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: '#r.#id = :id',
    ExpressionAttributeNames: { '#r': 'record', '#id': 'id' },
    ExpressionAttributeValues: { ':pk': keys.directoryChange(0).pk, ':id': recordId },
    ConsistentRead: true,
  })) as RawItem[];
}

export async function listPartitionItems(t: TableRef, pk: string, skPrefix?: string): Promise<RawItem[]> {
  return (await queryAll(t, {
    KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :sk)' : 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':sk': skPrefix } : {}) },
    ConsistentRead: true,
  })) as RawItem[];
}

/** Every item under one index key (the indexes project every attribute; eventually consistent). */
export async function listIndexItems(t: TableRef, index: { gsi1pk: string } | { gsi2pk: string }): Promise<RawItem[]> {
  const [name, value] = 'gsi1pk' in index ? ['gsi1', index.gsi1pk] : ['gsi2', index.gsi2pk];
  return (await queryAll(t, { IndexName: name, KeyConditionExpression: `${name}pk = :pk`, ExpressionAttributeValues: { ':pk': value } })) as RawItem[];
}

/** The copies of the manual entries of one account (their memo is typed by a manager). */
export async function listManualEntryCopies(t: TableRef, account: string): Promise<RawItem[]> {
  return (await queryAll(t, {
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: '#k = :manual',
    ExpressionAttributeNames: { '#k': 'kind' },
    ExpressionAttributeValues: { ':pk': keys.ledgerAccount(account).pk, ':manual': 'manual' },
    ConsistentRead: true,
  })) as RawItem[];
}

function updateItem(t: TableRef, key: Key, attrs: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  Object.entries(attrs).forEach(([name, value], i) => {
    names[`#a${i}`] = name;
    if (value === undefined) removes.push(`#a${i}`);
    else {
      values[`:v${i}`] = value;
      sets.push(`#a${i} = :v${i}`);
    }
  });
  const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
  return {
    expression,
    input: {
      TableName: t.tableName,
      Key: { pk: key.pk, sk: key.sk },
      UpdateExpression: expression,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    },
  };
}

/** Several items' attributes replaced, with the audit line that says so, all or nothing. */
export async function replaceAttributesAudited(t: TableRef, changes: { key: Key; attrs: Record<string, unknown> }[], audit: AuditEntry): Promise<void> {
  const items: LabelledItem[] = changes.map((c) => ({ label: 'item', item: { Update: updateItem(t, c.key, c.attrs).input } }));
  await writeLabelledTransaction(t, [...items, { label: 'audit', item: auditPut(t, audit) }]);
}

/**
 * Replaces some attributes of an existing item (`undefined` removes one). Returns false
 * when the item is gone (expired, deleted meanwhile): there is then nothing left to scrub.
 */
export async function replaceAttributes(t: TableRef, key: Key, attrs: Record<string, unknown>): Promise<boolean> {
  const u = updateItem(t, key, attrs);
  if (!u.expression) return true;
  try {
    await t.doc.send(new UpdateCommand(u.input));
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/** One page (up to `limit`) of idempotency records expiring before `ttl`, keys only. */
export async function listIdempotencyExpiring(t: TableRef, ttl: number, limit: number): Promise<Key[]> {
  const k = keys.idempotencyExpiringBefore(ttl);
  const out = await t.doc.send(
    new QueryCommand({
      TableName: t.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before',
      ExpressionAttributeValues: { ':pk': k.gsi2pk, ':before': k.gsi2skBefore },
      ProjectionExpression: 'pk, sk',
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => ({ pk: String(i.pk), sk: String(i.sk) }));
}

/** Deletes items by key, 25 per request, retrying what DynamoDB leaves unprocessed. */
export async function deleteItems(t: TableRef, itemKeys: Key[]): Promise<void> {
  for (let i = 0; i < itemKeys.length; i += 25) {
    let requests: Record<string, unknown>[] | undefined = itemKeys.slice(i, i + 25).map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } }));
    for (let attempt = 0; requests?.length && attempt < 8; attempt++) {
      const out = await t.doc.send(new BatchWriteCommand({ RequestItems: { [t.tableName]: requests as never } }));
      requests = out.UnprocessedItems?.[t.tableName] as Record<string, unknown>[] | undefined;
      if (requests?.length) await new Promise((ok) => setTimeout(ok, 50 * 2 ** attempt));
    }
    if (requests?.length) throw new Error(`retention purge: ${requests.length} deletions left unprocessed`);
  }
}

/** Audit lines with an id in [from, to), oldest first, one page. */
export async function listAuditIdsBetween(t: TableRef, from: string, to: string, limit: number, start?: Record<string, unknown>) {
  const out = await t.doc.send(
    new QueryCommand({
      TableName: t.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.auditAll().gsi1pk, ':from': from, ':to': to },
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  return { items: (out.Items ?? []) as RawItem[], lastKey: out.LastEvaluatedKey };
}

/** Every copy of the entries of one account (pk=ledger#account#<account>). */
export async function listAccountEntryItems(t: TableRef, account: string): Promise<RawItem[]> {
  return (await queryAll(t, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.ledgerAccount(account).pk }, ConsistentRead: true })) as RawItem[];
}
