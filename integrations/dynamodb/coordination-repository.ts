/**
 * Access patterns of the rotating coordinator:
 * - putRotationItem / getRotationItem   pk=coord#rotation#<id> (a plan is written once, read by id)
 * - putCoordinationVisitItem            pk=coord#visits, sk=<date>#<id>; gsi2 by place; with its audit entry
 * - listCoordinationVisits              Query pk=coord#visits, sk between two days
 * - listCoordinationVisitsOfPlace       Query gsi2 gsi2pk=coord#visits#place#<id>, gsi2sk between two days
 * - getCoordinationVisitItem            GetItem by date, id and place (a retried visit already stored?)
 * - putVisitIntent / getVisitIntent     pk=coord#visit-intent#<sha256(key)>: written once (condition), kept 30 days (ttl)
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import { auditPut } from './audit-repository.js';
import { writeLabelledTransaction } from './transaction.js';
import type { AuditEntry } from '../../schemas/audit.js';

export async function putRotationItem(t: TableRef, rotation: Record<string, unknown> & { id: string }, audit: AuditEntry): Promise<void> {
  await writeLabelledTransaction(t, [
    { label: 'rotation', item: { Put: { TableName: t.tableName, Item: { ...keys.rotation(rotation.id), entity: 'rotation', ...rotation }, ConditionExpression: 'attribute_not_exists(pk)' } } },
    { label: 'audit', item: auditPut(t, audit) },
  ]);
}

export async function getRotationItem(t: TableRef, id: string): Promise<Record<string, unknown> | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.rotation(id), ConsistentRead: true }));
  return out.Item ? stripKeys(out.Item) : undefined;
}

export async function putCoordinationVisitItem(t: TableRef, visit: Record<string, unknown> & { id: string; date: string; placeId: string }, audit: AuditEntry): Promise<void> {
  await writeLabelledTransaction(t, [
    { label: 'visit', item: { Put: { TableName: t.tableName, Item: { ...keys.coordinationVisit(visit.date, visit.id, visit.placeId), entity: 'coordination-visit', ...visit }, ConditionExpression: 'attribute_not_exists(pk)' } } },
    { label: 'audit', item: auditPut(t, audit) },
  ]);
}

export async function listCoordinationVisits(t: TableRef, from: string, to: string): Promise<Record<string, unknown>[]> {
  const items = await queryAll(t, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':pk': keys.coordinationVisits().pk, ':a': from, ':b': `${to}#\uffff` },
    ConsistentRead: true,
  });
  return items.map(stripKeys);
}

export async function listCoordinationVisitsOfPlace(t: TableRef, placeId: string, from: string, to: string): Promise<Record<string, unknown>[]> {
  const items = await queryAll(t, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':pk': keys.coordinationVisitsOfPlace(placeId).gsi2pk, ':a': from, ':b': `${to}#\uffff` },
  });
  return items.map(stripKeys);
}

export async function getCoordinationVisitItem(t: TableRef, date: string, id: string, placeId: string): Promise<Record<string, unknown> | undefined> {
  const { pk, sk } = keys.coordinationVisit(date, id, placeId);
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: { pk, sk }, ConsistentRead: true }));
  return out.Item ? stripKeys(out.Item) : undefined;
}

export interface VisitIntent {
  visitId: string;
  contributionId: string;
  startedAt: string;
}

export async function getVisitIntent(t: TableRef, keyHash: string): Promise<VisitIntent | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.coordinationVisitIntent(keyHash), ConsistentRead: true }));
  return out.Item ? { visitId: out.Item.visitId, contributionId: out.Item.contributionId, startedAt: out.Item.startedAt } : undefined;
}

/** Writes the intent unless one exists for that key; returns the one that holds (ours or the earlier one). */
export async function putVisitIntent(t: TableRef, keyHash: string, intent: VisitIntent, ttl: number): Promise<VisitIntent> {
  try {
    await t.doc.send(new PutCommand({ TableName: t.tableName, Item: { ...keys.coordinationVisitIntent(keyHash), entity: 'coordination-visit-intent', ...intent, ttl }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return intent;
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    return (await getVisitIntent(t, keyHash))!;
  }
}
