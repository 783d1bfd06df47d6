/**
 * Access patterns of events:
 * - getEventWithRelays      Query pk=event#<id> (strongly consistent): the event and its relay items
 * - listEventsEndingFrom    Query gsi1 gsi1pk=event#v1#by-end, gsi1sk ≥ <from UTC>
 * - listPlaceEventsEndingFrom Query gsi2 gsi2pk=event#v1#place#<placeId>, gsi2sk ≥ <from UTC>
 * - getRelaysOfEvents       BatchGet of the relay items of a page of events
 * - saveEventWrite          TransactWrite: the event (optimistic version check), its audit entry
 *                           and, when the change must be relayed, the outbox request — all or nothing.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import { TransactionConditionFailed, writeLabelledTransaction, type LabelledItem } from './transaction.js';
import { auditPut } from './audit-repository.js';
import type { TransactItem } from './directory-repository.js';
import type { AuditEntry } from '../../schemas/audit.js';
import type { StoredEvent } from '../../schemas/event.js';
import { relayRequestItem } from './relay-outbox-repository.js';

export type RawItem = Record<string, unknown>;

/** The UTC instant used to sort an event in the indexes: its end, or its start when it has none. */
export function eventEndUtc(e: Pick<StoredEvent, 'startsAt' | 'endsAt'>): string {
  return new Date(e.endsAt ?? e.startsAt).toISOString();
}

function eventItem(e: StoredEvent): RawItem {
  const end = eventEndUtc(e);
  return { ...keys.event(e.id), ...keys.eventByEnd(end, e.id), ...keys.eventByPlace(e.placeId, end, e.id), entity: 'event', ...e };
}

export async function getEventWithRelays(t: TableRef, eventId: string): Promise<{ event?: RawItem; relays: Record<string, RawItem> }> {
  const items = await queryAll(t, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.eventPartition(eventId).pk },
    ConsistentRead: true,
  });
  let event: RawItem | undefined;
  const relays: Record<string, RawItem> = {};
  for (const item of items) {
    if (item.sk === keys.event(eventId).sk) event = stripKeys(item);
    else if (typeof item.sk === 'string' && item.sk.startsWith('relay#')) relays[item.sk.slice('relay#'.length)] = stripKeys(item);
  }
  return { event, relays };
}

/** Events whose end (or start) is at or after `fromUtc`, optionally of one place. Index reads: eventually consistent. */
export async function listEventsEndingFrom(t: TableRef, q: { fromUtc: string; placeId?: string }): Promise<RawItem[]> {
  const items = q.placeId
    ? await queryAll(t, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk >= :from',
        ExpressionAttributeValues: { ':pk': keys.eventsByPlace(q.placeId).gsi2pk, ':from': q.fromUtc },
      })
    : await queryAll(t, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :from',
        ExpressionAttributeValues: { ':pk': keys.eventsByEnd().gsi1pk, ':from': q.fromUtc },
      });
  return items.map(stripKeys);
}

/** The Facebook relay items of these events, by event id. */
export async function getRelaysOfEvents(t: TableRef, eventIds: string[]): Promise<Map<string, RawItem>> {
  const out = new Map<string, RawItem>();
  for (let i = 0; i < eventIds.length; i += 100) {
    let request: Record<string, { Keys: RawItem[] }> | undefined = {
      [t.tableName]: { Keys: eventIds.slice(i, i + 100).map((id) => keys.eventRelay(id, 'facebook')) },
    };
    while (request && Object.keys(request).length) {
      const res = await t.doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of res.Responses?.[t.tableName] ?? []) out.set(item.eventId as string, stripKeys(item));
      request = res.UnprocessedKeys as typeof request;
    }
  }
  return out;
}

export class StaleEventError extends Error {}

/**
 * Writes an event with its audit entry, and the relay request when `relayVersion` is given,
 * in one transaction. `expectedVersion` 0 means "must not exist yet".
 */
export async function saveEventWrite(
  t: TableRef,
  args: { event: StoredEvent; expectedVersion: number; audit: AuditEntry; relayRequest?: { nowIso: string }; extraItems?: TransactItem[] },
): Promise<void> {
  const { event, expectedVersion } = args;
  const condition =
    expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } };
  const items: LabelledItem[] = [
    { label: 'event', item: { Put: { TableName: t.tableName, Item: eventItem(event), ...condition } } },
    { label: 'audit', item: auditPut(t, args.audit) },
  ];
  if (args.relayRequest) items.push({ label: 'relay-request', item: relayRequestItem(t, event.id, event.version, args.relayRequest.nowIso) });
  items.push(...(args.extraItems ?? []).map((item, k) => ({ label: `extra-${k}`, item })));
  try {
    await writeLabelledTransaction(t, items);
  } catch (err) {
    if (err instanceof TransactionConditionFailed && err.labels.includes('event')) throw new StaleEventError('event changed concurrently', { cause: err });
    throw err;
  }
}
