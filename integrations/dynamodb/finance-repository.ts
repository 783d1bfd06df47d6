/**
 * Access patterns of the network's finances:
 * - membershipItem / getMembershipCampaign / listMembershipsOfYear   pk=fin#memberships#<YYYY>
 *   (the campaign and one item per place: the fee and the amount already posted, so a
 *   rerun posts only a difference and a concurrent rerun fails its condition)
 * - budgetLineItems / getBudgetLine / listBudgetLinesOfYear          pk=fin#lines#<YYYY>, sk line#<date>#<id>
 *   (a pointer item fin#line#<id> gives a line's year for PATCH)
 * - putYearBudget / getYearBudget                                    pk=fin#budget#<YYYY>
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import type { LabelledItem } from './transaction.js';

export interface MembershipItem {
  placeId: string;
  feeCents: number;
  postedCents: number;
  entryIds: string[];
  updatedAt: string;
}

/** Writes the place's membership item, only if nobody posted for it since `previousPostedCents` was read. */
export function membershipItem(t: TableRef, year: string, m: MembershipItem, previousPostedCents: number | undefined): LabelledItem {
  return {
    label: 'membership',
    item: {
      Put: {
        TableName: t.tableName,
        Item: { ...keys.membership(year, m.placeId), entity: 'membership', year, ...m },
        ...(previousPostedCents === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'postedCents = :prev', ExpressionAttributeValues: { ':prev': previousPostedCents } }),
      },
    },
  };
}

export async function putMembershipCampaign(t: TableRef, year: string, campaign: Record<string, unknown>): Promise<void> {
  await t.doc.send(new PutCommand({ TableName: t.tableName, Item: { ...keys.membershipCampaign(year), entity: 'membership-campaign', year, ...campaign } }));
}

export async function getMembershipCampaign(t: TableRef, year: string): Promise<Record<string, unknown> | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.membershipCampaign(year), ConsistentRead: true }));
  return out.Item ? stripKeys(out.Item) : undefined;
}

export async function listMembershipsOfYear(t: TableRef, year: string): Promise<Record<string, unknown>[]> {
  const p = keys.membershipsOfYear(year);
  const items = await queryAll(t, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': p.pk, ':sk': p.skPrefix }, ConsistentRead: true });
  return items.map(stripKeys);
}

/** The line (condition on its version when it already exists) and its pointer. */
export function budgetLineItems(t: TableRef, line: Record<string, unknown> & { id: string; date: string; version: number }): LabelledItem[] {
  const year = line.date.slice(0, 4);
  return [
    {
      label: 'line',
      item: {
        Put: {
          TableName: t.tableName,
          Item: { ...keys.budgetLine(year, line.date, line.id), entity: 'budget-line', ...line },
          ...(line.version === 1 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :prev', ExpressionAttributeValues: { ':prev': line.version - 1 } }),
        },
      },
    },
    { label: 'line-pointer', item: { Put: { TableName: t.tableName, Item: { ...keys.budgetLinePointer(line.id), entity: 'budget-line-pointer', year, date: line.date } } } },
  ];
}

export async function getBudgetLine(t: TableRef, lineId: string): Promise<Record<string, unknown> | undefined> {
  const ptr = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.budgetLinePointer(lineId), ConsistentRead: true }));
  if (!ptr.Item) return undefined;
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.budgetLine(String(ptr.Item.year), String(ptr.Item.date), lineId), ConsistentRead: true }));
  return out.Item ? stripKeys(out.Item) : undefined;
}

export async function listBudgetLinesOfYear(t: TableRef, year: string): Promise<Record<string, unknown>[]> {
  const p = keys.budgetLinesOfYear(year);
  const items = await queryAll(t, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': p.pk, ':sk': p.skPrefix }, ConsistentRead: true });
  return items.map(stripKeys);
}

export async function putYearBudget(t: TableRef, year: string, budget: Record<string, unknown>): Promise<void> {
  await t.doc.send(new PutCommand({ TableName: t.tableName, Item: { ...keys.yearBudget(year), entity: 'year-budget', year, ...budget } }));
}

export async function getYearBudget(t: TableRef, year: string): Promise<Record<string, unknown> | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.yearBudget(year), ConsistentRead: true }));
  return out.Item ? stripKeys(out.Item) : undefined;
}
