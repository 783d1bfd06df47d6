/**
 * Access patterns of mobility passes:
 * - listPassesOfPerson   Query pk=mob#person#<personId>, sk begins_with pass#
 * - listAllPasses        Query gsi1 gsi1pk=mob#passes (admin overview)
 * - getPassUsage         GetItem pk=mob#pass#<passId>, sk=usage#<period>
 * - listPassUsage        Query pk=mob#pass#<passId> (days used per period)
 * - passPutItem          a transaction item (written with the purchase's journal entry)
 * The usage counters are updated by the visit transactions (visit-repository.ts).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import type { LabelledItem } from './transaction.js';
import type { Pass } from '../../schemas/pass.js';

export async function listPassesOfPerson(t: TableRef, personId: string): Promise<Record<string, unknown>[]> {
  const p = keys.passesOfPerson(personId);
  const items = await queryAll(t, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': p.pk, ':sk': p.skPrefix },
    ConsistentRead: true,
  });
  return items.map(stripKeys);
}

export async function listAllPasses(t: TableRef): Promise<Record<string, unknown>[]> {
  const items = await queryAll(t, { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.allPasses().gsi1pk } });
  return items.map(stripKeys);
}

export async function getPassUsage(t: TableRef, passId: string, period: string): Promise<number> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.passUsage(passId, period), ConsistentRead: true }));
  return (out.Item?.usedDays as number | undefined) ?? 0;
}

export async function listPassUsage(t: TableRef, passId: string): Promise<{ period: string; usedDays: number }[]> {
  const p = keys.passUsagePartition(passId);
  const items = await queryAll(t, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': p.pk, ':sk': p.skPrefix },
    ConsistentRead: true,
  });
  return items.map((i) => ({ period: String(i.sk).slice(p.skPrefix.length), usedDays: Number(i.usedDays ?? 0) }));
}

export function passPutItem(t: TableRef, pass: Pass): LabelledItem {
  return {
    label: 'pass',
    item: { Put: { TableName: t.tableName, Item: { ...keys.pass(pass.personId, pass.id), entity: 'pass', ...pass }, ConditionExpression: 'attribute_not_exists(pk)' } },
  };
}
