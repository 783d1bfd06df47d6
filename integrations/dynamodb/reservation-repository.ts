/**
 * Access patterns of reservations and check-ins (visits in their other states):
 * - visitStateItems           the visit and its copies, conditioned on its current status
 *                             (and confirmation), so each transition happens once
 * - openReservationItem       pk=mob#reservations#open, sk=<date>#<visitId> (put / delete)
 * - listOpenReservationsBefore Query that partition, sk < <day>  (the release job)
 * - pendingCheckinItem        pk=mob#checkins#pending, sk=<confirmBy>#<visitId> (put / delete)
 * - listPendingCheckinsDue    Query that partition, sk ≤ <now>  (the auto-confirm job)
 * - freeSlotItems             host day counter −1, person-at-host marker deleted, pass day −1
 * - getHostDayCounts          BatchGet pk=mob#host#<placeId>, sk=day#<date> (availability)
 * - getVisitIdOfPersonAtHost  GetItem of the person-at-host-day marker
 * Both marker partitions stay small: they hold only what is still to be done.
 */
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';
import type { LabelledItem } from './transaction.js';
import { visitCopies } from './visit-repository.js';
import type { Visit } from '../../schemas/visit.js';

/** The visit in its new state; the condition names the state it must still be in. */
export function visitStateItems(t: TableRef, visit: Visit, expected: { status: Visit['status']; confirmation?: 'pending' }): LabelledItem[] {
  const values: Record<string, string> = { ':s': expected.status };
  let condition = '#s = :s';
  if (expected.confirmation) {
    condition += ' AND confirmation = :c';
    values[':c'] = expected.confirmation;
  }
  return [
    {
      label: 'visit-state',
      item: {
        Put: {
          TableName: t.tableName,
          Item: { ...keys.visit(visit.id, visit.date), entity: 'visit', ...visit },
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: values,
        },
      },
    },
    ...visitCopies(t, visit),
  ];
}

export function openReservationItem(t: TableRef, visit: Pick<Visit, 'id' | 'date'>, op: 'put' | 'delete'): LabelledItem {
  const key = keys.openReservation(visit.date, visit.id);
  return op === 'put'
    ? { label: 'open-reservation', item: { Put: { TableName: t.tableName, Item: { ...key, entity: 'open-reservation', visitId: visit.id } } } }
    : { label: 'open-reservation', item: { Delete: { TableName: t.tableName, Key: key } } };
}

export function pendingCheckinItem(t: TableRef, visitId: string, confirmBy: string, op: 'put' | 'delete'): LabelledItem {
  const key = keys.pendingCheckin(confirmBy, visitId);
  return op === 'put'
    ? { label: 'pending-checkin', item: { Put: { TableName: t.tableName, Item: { ...key, entity: 'pending-checkin', visitId } } } }
    : { label: 'pending-checkin', item: { Delete: { TableName: t.tableName, Key: key } } };
}

/** Visit ids of the reservations of days strictly before `day`. */
export async function listOpenReservationsBefore(t: TableRef, day: string): Promise<string[]> {
  const items = await queryAll(t, {
    KeyConditionExpression: 'pk = :pk AND sk < :day',
    ExpressionAttributeValues: { ':pk': keys.openReservations().pk, ':day': day },
    ConsistentRead: true,
  });
  return items.map((i) => String(i.visitId));
}

/** Visit ids of the check-ins whose confirmation time has come. */
export async function listPendingCheckinsDue(t: TableRef, nowIso: string): Promise<{ visitId: string; confirmBy: string }[]> {
  const items = await queryAll(t, {
    KeyConditionExpression: 'pk = :pk AND sk <= :now',
    ExpressionAttributeValues: { ':pk': keys.pendingCheckins().pk, ':now': `${nowIso}~` },
    ConsistentRead: true,
  });
  return items.map((i) => ({ visitId: String(i.visitId), confirmBy: String(i.sk).split('#')[0]! }));
}

/** Frees what a visit or reservation held: the host's day, the person-at-host marker, the pass day. */
export function freeSlotItems(t: TableRef, visit: Visit): LabelledItem[] {
  const items: LabelledItem[] = [
    { label: 'capacity', item: { Update: { TableName: t.tableName, Key: keys.hostDay(visit.hostPlaceId, visit.date), UpdateExpression: 'ADD visitors :minus', ExpressionAttributeValues: { ':minus': -1 } } } },
    { label: 'duplicate', item: { Delete: { TableName: t.tableName, Key: keys.hostDayPerson(visit.hostPlaceId, visit.date, visit.personId) } } },
  ];
  if (visit.passId && visit.passPeriod) {
    items.push({ label: 'pass-usage', item: { Update: { TableName: t.tableName, Key: keys.passUsage(visit.passId, visit.passPeriod), UpdateExpression: 'ADD usedDays :minus', ExpressionAttributeValues: { ':minus': -1 } } } });
  }
  return items;
}

/** Places taken (visits and reservations) per `placeId|date`; missing counters are 0. */
export async function getHostDayCounts(t: TableRef, pairs: { placeId: string; date: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const byKey = new Map(pairs.map((p) => {
    const k = keys.hostDay(p.placeId, p.date);
    return [`${k.pk}|${k.sk}`, `${p.placeId}|${p.date}`] as const;
  }));
  for (let i = 0; i < pairs.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead?: boolean }> | undefined = {
      [t.tableName]: { Keys: pairs.slice(i, i + 100).map((p) => keys.hostDay(p.placeId, p.date)), ConsistentRead: true },
    };
    for (let attempt = 0; request && Object.keys(request).length && attempt < 10; attempt++) {
      const res = await t.doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of res.Responses?.[t.tableName] ?? []) {
        const pair = byKey.get(`${String(item.pk)}|${String(item.sk)}`);
        if (pair) out.set(pair, Number(item.visitors ?? 0));
      }
      request = res.UnprocessedKeys as typeof request;
      if (request && Object.keys(request).length) await new Promise((ok) => setTimeout(ok, 20 * 2 ** attempt));
    }
  }
  return out;
}

export async function getVisitIdOfPersonAtHost(t: TableRef, placeId: string, date: string, personId: string): Promise<string | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.hostDayPerson(placeId, date, personId), ConsistentRead: true }));
  return out.Item ? String(out.Item.visitId) : undefined;
}
