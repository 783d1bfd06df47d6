/**
 * Access patterns of visits:
 * - getVisitItem              GetItem pk=mob#visit#<id>, sk=visit
 * - listVisitsOfPlace         Query pk=mob#place#<placeId>#visits, sk between <from> and <to>~
 *                             (copies: received as host, sent as home place)
 * - listVisitsOfPerson        Query pk=mob#person#<personId>, sk between visit#<from> and visit#<to>~
 * - listVisitsOfMonth         Query gsi1 gsi1pk=mob#visits#<YYYY-MM> (network-wide, admin)
 * - getHostDayVisitors        GetItem pk=mob#host#<placeId>, sk=day#<date>
 * - getIdempotencyRecord      GetItem pk=mob#idem#<scope>#<key>
 * - recordVisitItems / cancelVisitItems   the transaction items of a visit and of its cancellation:
 *   host day counter (conditioned on the capacity), person-at-host-day marker, pass usage counter
 *   (conditioned on the quota), the visit and its copies, and the idempotency record.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import type { LabelledItem } from './transaction.js';
import type { Visit } from '../../schemas/visit.js';

export async function getVisitItem(t: TableRef, visitId: string): Promise<Record<string, unknown> | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.visitById(visitId), ConsistentRead: true }));
  return out.Item ? stripKeys(out.Item) : undefined;
}

/** Visits received (`role: host`) and sent (`role: home`) by a place between two days. */
export async function listVisitsOfPlace(t: TableRef, placeId: string, from: string, to: string): Promise<{ role: 'host' | 'home'; visit: Record<string, unknown> }[]> {
  const items = await queryAll(t, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':pk': keys.placeVisitsPartition(placeId).pk, ':a': from, ':b': `${to}~` },
    ConsistentRead: true,
  });
  return items.map((i) => ({ role: String(i.sk).endsWith('#host') ? 'host' : 'home', visit: stripKeys(i) }));
}

export async function listVisitsOfPerson(t: TableRef, personId: string, from: string, to: string): Promise<Record<string, unknown>[]> {
  const p = keys.personVisitsPartition(personId);
  const items = await queryAll(t, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':pk': p.pk, ':a': `${p.skPrefix}${from}`, ':b': `${p.skPrefix}${to}~` },
    ConsistentRead: true,
  });
  return items.map(stripKeys);
}

/** A month's visits network-wide (gsi1: eventually consistent, fine for an overview). */
export async function listVisitsOfMonth(t: TableRef, month: string, from: string, to: string): Promise<Record<string, unknown>[]> {
  const items = await queryAll(t, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':pk': keys.visitsOfMonth(month).gsi1pk, ':a': from, ':b': `${to}~` },
  });
  return items.map(stripKeys);
}

export interface IdempotencyRecord {
  requestHash: string;
  response: unknown;
}

export async function getIdempotencyRecord(t: TableRef, scope: string, key: string, nowEpoch: number): Promise<IdempotencyRecord | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.idempotency(scope, key), ConsistentRead: true }));
  const item = out.Item;
  // TTL deletion is lazy in DynamoDB: an expired record may still be read.
  if (!item || (typeof item.ttl === 'number' && item.ttl < nowEpoch)) return undefined;
  return { requestHash: String(item.requestHash), response: item.response };
}

export function visitCopies(t: TableRef, visit: Visit): LabelledItem[] {
  const put = (key: Record<string, string>) => ({ label: 'visit-copy', item: { Put: { TableName: t.tableName, Item: { ...key, entity: 'visit-copy', ...visit } } } });
  return [
    put(keys.placeVisit(visit.hostPlaceId, visit.date, visit.id, 'host')),
    put(keys.placeVisit(visit.homePlaceId, visit.date, visit.id, 'home')),
    put(keys.personVisit(visit.personId, visit.date, visit.id)),
  ];
}

/**
 * A new visit. Conditions: the host's day counter below `capacity`, the person not
 * already at that host that day, the pass usage below `passDays`, the idempotency key unused.
 */
export function recordVisitItems(
  t: TableRef,
  args: { visit: Visit; capacity: number; passDays?: number; idempotency: { scope: string; key: string; requestHash: string; ttl: number } },
): LabelledItem[] {
  const { visit, capacity, idempotency } = args;
  const items: LabelledItem[] = [
    {
      label: 'idempotency',
      item: {
        Put: {
          TableName: t.tableName,
          Item: { ...keys.idempotency(idempotency.scope, idempotency.key), ...keys.idempotencyByExpiry(idempotency.ttl, idempotency.scope, idempotency.key), entity: 'idempotency', requestHash: idempotency.requestHash, response: visit, ttl: idempotency.ttl },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    {
      label: 'capacity',
      item: {
        Update: {
          TableName: t.tableName,
          Key: keys.hostDay(visit.hostPlaceId, visit.date),
          UpdateExpression: 'SET entity = :e ADD visitors :one',
          ConditionExpression: 'attribute_not_exists(visitors) OR visitors < :cap',
          ExpressionAttributeValues: { ':e': 'host-day', ':one': 1, ':cap': capacity },
        },
      },
    },
    {
      label: 'duplicate',
      item: {
        Put: {
          TableName: t.tableName,
          Item: { ...keys.hostDayPerson(visit.hostPlaceId, visit.date, visit.personId), entity: 'host-day-person', visitId: visit.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    { label: 'visit', item: { Put: { TableName: t.tableName, Item: { ...keys.visit(visit.id, visit.date), entity: 'visit', ...visit }, ConditionExpression: 'attribute_not_exists(pk)' } } },
    ...visitCopies(t, visit),
  ];
  if (visit.passId && visit.passPeriod && args.passDays !== undefined) {
    items.push({
      label: 'pass-usage',
      item: {
        Update: {
          TableName: t.tableName,
          Key: keys.passUsage(visit.passId, visit.passPeriod),
          UpdateExpression: 'SET entity = :e ADD usedDays :one',
          ConditionExpression: 'attribute_not_exists(usedDays) OR usedDays < :max',
          ExpressionAttributeValues: { ':e': 'pass-usage', ':one': 1, ':max': args.passDays },
        },
      },
    });
  }
  return items;
}

/** A cancellation: the visit must still be active; the day, the marker and the pass day are freed. */
export function cancelVisitItems(t: TableRef, cancelled: Visit): LabelledItem[] {
  const items: LabelledItem[] = [
    {
      label: 'visit-state',
      item: {
        Put: {
          TableName: t.tableName,
          Item: { ...keys.visit(cancelled.id, cancelled.date), entity: 'visit', ...cancelled },
          ConditionExpression: '#s = :active',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':active': 'active' },
        },
      },
    },
    ...visitCopies(t, cancelled),
    {
      label: 'capacity',
      item: {
        Update: {
          TableName: t.tableName,
          Key: keys.hostDay(cancelled.hostPlaceId, cancelled.date),
          UpdateExpression: 'ADD visitors :minus',
          ExpressionAttributeValues: { ':minus': -1 },
        },
      },
    },
    { label: 'duplicate', item: { Delete: { TableName: t.tableName, Key: keys.hostDayPerson(cancelled.hostPlaceId, cancelled.date, cancelled.personId) } } },
  ];
  if (cancelled.passId && cancelled.passPeriod) {
    items.push({
      label: 'pass-usage',
      item: { Update: { TableName: t.tableName, Key: keys.passUsage(cancelled.passId, cancelled.passPeriod), UpdateExpression: 'ADD usedDays :minus', ExpressionAttributeValues: { ':minus': -1 } } },
    });
  }
  return items;
}

/** Visitors already counted at a host on a day (for a clear message; the transaction decides). */
export async function getHostDayVisitors(t: TableRef, placeId: string, date: string): Promise<number> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.hostDay(placeId, date), ConsistentRead: true }));
  return Number(out.Item?.visitors ?? 0);
}
