/**
 * Access patterns of volunteer contributions and the valuation settings:
 * - getContributionItem         GetItem pk=contrib#<id>, sk=contrib#v1 (strongly consistent)
 * - listContributionsOfYear     Query gsi1 gsi1pk=contrib#year#<yyyy>, gsi1sk between dates
 * - saveContributionItem        TransactWrite: the contribution (optimistic version check) and its audit entry
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import { auditPut } from './audit-repository.js';
import { TransactionConditionFailed, writeLabelledTransaction } from './transaction.js';
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

/** `expectedVersion` 0: must not exist yet. */
export async function saveContributionItem(t: TableRef, record: Record<string, unknown> & { id: string; date: string; version: number }, expectedVersion: number, audit: AuditEntry): Promise<void> {
  const condition =
    expectedVersion === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } };
  try {
    await writeLabelledTransaction(t, [
      { label: 'contribution', item: { Put: { TableName: t.tableName, Item: { ...keys.contribution(record.id, record.date), entity: 'contribution', ...record }, ...condition } } },
      { label: 'audit', item: auditPut(t, audit) },
    ]);
  } catch (err) {
    if (err instanceof TransactionConditionFailed && err.labels.includes('contribution')) throw new StaleContributionError('contribution changed concurrently', { cause: err });
    throw err;
  }
}


