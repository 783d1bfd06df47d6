/**
 * Access patterns of volunteer contributions and the valuation settings:
 * - getContributionItem         GetItem pk=contrib#<id>, sk=contrib#v1 (strongly consistent)
 * - listContributionsOfYear     Query gsi1 gsi1pk=contrib#year#<yyyy>, gsi1sk between dates
 * - listContributionKeysOfVolunteer   Query gsi2 gsi2pk=contrib#person#<id> or contrib#volunteer#<name> (export, erasure)
 * - listContributionIndexStateOfYear  Query gsi1 of one year, keys and owner only (the index backfill)
 * - setContributionVolunteerKey       UpdateItem gsi2pk/gsi2sk, conditioned on the version read (the index backfill)
 * - saveContributionItem        TransactWrite: the contribution (optimistic version check) and its audit entry
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import { auditPut } from './audit-repository.js';
import { TransactionConditionFailed, writeLabelledTransaction } from './transaction.js';
import { isConditionFailure } from './errors.js';
import type { AuditEntry } from '../../schemas/audit.js';

export class StaleContributionError extends Error {}

export async function getContributionItem(t: TableRef, id: string): Promise<Record<string, unknown> | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.contributionById(id), ConsistentRead: true }));
  return out.Item ? stripKeys(out.Item) : undefined;
}

/** A year's contributions between two days (inclusive), by date. One partition per year stays small (thousands). */
export async function listContributionsOfYear(t: TableRef, year: number, from = `${year}-01-01`, to = `${year}-12-31`): Promise<Record<string, unknown>[]> {
  const items = await queryAll(t, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.contributionsOfYear(year).gsi1pk, ':from': from, ':to': `${to}#\uffff` },
  });
  return items.map(stripKeys);
}

/** The keys of a volunteer's contributions (the caller reads each item by its key, strongly consistent: a GSI read may lag a write). */
export async function listContributionKeysOfVolunteer(t: TableRef, index: { gsi2pk: string }): Promise<{ pk: string; sk: string }[]> {
  const hits = await queryAll(t, { IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': index.gsi2pk }, ProjectionExpression: 'pk, sk' });
  return hits.map((h) => ({ pk: String(h.pk), sk: String(h.sk) }));
}

/** One year's contributions as the index backfill needs them: keys, owner, version. */
export async function listContributionIndexStateOfYear(t: TableRef, year: number): Promise<Record<string, unknown>[]> {
  return queryAll(t, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.contributionsOfYear(year).gsi1pk },
    ProjectionExpression: 'pk, sk, id, #d, personId, volunteerName, version, gsi2pk, gsi2sk',
    ExpressionAttributeNames: { '#d': 'date' },
  });
}

/** Writes the volunteer index of a contribution written before it existed; false when the item changed meanwhile (its new write carries the index). */
export async function setContributionVolunteerKey(t: TableRef, item: { id: string; version: number }, index: { gsi2pk: string; gsi2sk: string }): Promise<boolean> {
  try {
    await t.doc.send(
      new UpdateCommand({
        TableName: t.tableName,
        Key: keys.contributionById(item.id),
        UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk',
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':pk': index.gsi2pk, ':sk': index.gsi2sk, ':v': item.version },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/** `expectedVersion` 0: must not exist yet. */
export async function saveContributionItem(t: TableRef, record: Record<string, unknown> & { id: string; date: string; version: number }, expectedVersion: number, audit: AuditEntry): Promise<void> {
  const condition =
    expectedVersion === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } };
  try {
    await writeLabelledTransaction(t, [
      { label: 'contribution', item: { Put: { TableName: t.tableName, Item: { ...keys.contribution(record.id, record.date, record as { personId?: string; volunteerName?: string }), entity: 'contribution', ...record }, ...condition } } },
      { label: 'audit', item: auditPut(t, audit) },
    ]);
  } catch (err) {
    if (err instanceof TransactionConditionFailed && err.labels.includes('contribution')) throw new StaleContributionError('contribution changed concurrently', { cause: err });
    throw err;
  }
}


