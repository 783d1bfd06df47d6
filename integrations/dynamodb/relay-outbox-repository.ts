/**
 * The event outbox: one relay item per event and channel (pk=event#<id>, sk=relay#facebook).
 * It is both the request ("publish version N of this event") and the relay's durable memory
 * (the Page post id, the last error, the retry schedule). Only the relay writes `postId`.
 *
 * Access patterns:
 * - relayRequestItem     transaction item: upsert "pending, version N, due now" (keeps postId)
 * - listDueRelays        Query gsi1 gsi1pk=relay#due, gsi1sk ≤ now (sparse: only pending items)
 * - claimRelay           conditional Update: take a time-limited lease on a due, pending item
 * - markCreateStarted    conditional Update: "a post is being created" (before calling Graph)
 * - finishRelay          Update: outcome of an attempt, releasing the lease
 * - requeueRelay         Update: an administrator asks for a new attempt
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { stripKeys } from './query-all.js';
import { isConditionFailure } from './errors.js';
import { RelayErrorSchema } from '../../schemas/event.js';

export const RELAY_ITEM_STATUSES = ['pending', 'posted', 'error', 'idle'] as const;

export const RelayItemSchema = z.object({
  eventId: z.string(),
  channel: z.literal('facebook'),
  /** `idle`: nothing to publish (relay disabled and no post, or cancelled before ever posted). */
  status: z.enum(RELAY_ITEM_STATUSES),
  requestedVersion: z.number().int(),
  handledVersion: z.number().int().optional(),
  postId: z.string().optional(),
  postedAt: z.string().optional(),
  /** Digest of the text last published, so an unchanged message is not edited again. */
  postedDigest: z.string().optional(),
  /** Set before asking Graph to create a post, cleared once the outcome is known. */
  createStartedAt: z.string().optional(),
  lastError: RelayErrorSchema.optional(),
  attempts: z.number().int().min(0),
  nextAttemptAt: z.string().optional(),
  leaseUntil: z.string().optional(),
  leaseOwner: z.string().optional(),
  updatedAt: z.string(),
});
export type RelayItem = z.infer<typeof RelayItemSchema>;

export function parseRelayItem(raw: Record<string, unknown>): RelayItem {
  return RelayItemSchema.parse(stripKeys(raw));
}

/** "Publish version `version` of this event": pending, due now, attempts reset; postId and lease untouched. */
export function relayRequestItem(t: TableRef, eventId: string, version: number, nowIso: string) {
  const due = keys.relayDue(new Date(nowIso).toISOString(), eventId);
  return {
    Update: {
      TableName: t.tableName,
      Key: keys.eventRelay(eventId, 'facebook'),
      UpdateExpression:
        'SET eventId = :id, channel = :ch, entity = :entity, #status = :pending, requestedVersion = :v, attempts = :zero, nextAttemptAt = :now, updatedAt = :now, gsi1pk = :gpk, gsi1sk = :gsk',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':id': eventId,
        ':ch': 'facebook',
        ':entity': 'event-relay',
        ':pending': 'pending',
        ':v': version,
        ':zero': 0,
        ':now': nowIso,
        ':gpk': due.gsi1pk,
        ':gsk': due.gsi1sk,
      },
    },
  };
}

/** Relay items due at `now` (their event ids), oldest first. */
export async function listDueRelays(t: TableRef, nowIso: string, limit: number): Promise<string[]> {
  const res = await t.doc.send(
    new QueryCommand({
      TableName: t.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
      ExpressionAttributeValues: { ':pk': keys.relaysDue().gsi1pk, ':now': `${new Date(nowIso).toISOString()}~` },
      Limit: limit,
    }),
  );
  return (res.Items ?? []).map((i) => i.eventId as string);
}

/**
 * Takes the lease of a pending, due item so only one relay (stream, poller, sweep) works on it.
 * Returns the item as claimed, or undefined when it is not pending, not due, or leased by another.
 */
export async function claimRelay(t: TableRef, eventId: string, owner: string, nowIso: string, leaseUntilIso: string): Promise<RelayItem | undefined> {
  try {
    const res = await t.doc.send(
      new UpdateCommand({
        TableName: t.tableName,
        Key: keys.eventRelay(eventId, 'facebook'),
        UpdateExpression: 'SET leaseOwner = :owner, leaseUntil = :until',
        ConditionExpression: '#status = :pending AND nextAttemptAt <= :now AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':owner': owner, ':until': leaseUntilIso, ':pending': 'pending', ':now': nowIso },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return parseRelayItem(res.Attributes ?? {});
  } catch (err) {
    if (isConditionFailure(err)) return undefined;
    throw err;
  }
}

/** Durable "we are about to create a post": a crash after this leaves evidence, never a silent re-post. */
export async function markCreateStarted(t: TableRef, eventId: string, owner: string, nowIso: string): Promise<boolean> {
  try {
    await t.doc.send(
      new UpdateCommand({
        TableName: t.tableName,
        Key: keys.eventRelay(eventId, 'facebook'),
        UpdateExpression: 'SET createStartedAt = :now',
        ConditionExpression: 'leaseOwner = :owner AND attribute_not_exists(postId) AND attribute_not_exists(createStartedAt)',
        ExpressionAttributeValues: { ':owner': owner, ':now': nowIso },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

export interface RelayOutcome {
  /** What the item becomes when no newer version was requested meanwhile. */
  status: 'posted' | 'idle' | 'error' | 'pending';
  handledVersion?: number;
  postId?: string | null;
  postedAt?: string | null;
  postedDigest?: string | null;
  clearCreateStarted?: boolean;
  lastError?: z.infer<typeof RelayErrorSchema> | null;
  attempts?: number;
  /** For `pending`: when to try again. */
  nextAttemptAt?: string;
}

function outcomeUpdate(t: TableRef, eventId: string, o: RelayOutcome, nowIso: string, ifRequestedVersion?: number) {
  const set: string[] = ['#status = :status', 'updatedAt = :now'];
  const remove: string[] = ['leaseOwner', 'leaseUntil'];
  const values: Record<string, unknown> = { ':status': o.status, ':now': nowIso };
  const put = (field: string, value: unknown) => {
    if (value === null) remove.push(field);
    else if (value !== undefined) {
      set.push(`${field} = :${field}`);
      values[`:${field}`] = value;
    }
  };
  put('handledVersion', o.handledVersion);
  put('postId', o.postId);
  put('postedAt', o.postedAt);
  put('postedDigest', o.postedDigest);
  put('lastError', o.lastError);
  put('attempts', o.attempts);
  if (o.clearCreateStarted) remove.push('createStartedAt');
  if (o.status === 'pending') {
    const due = o.nextAttemptAt ?? nowIso;
    const k = keys.relayDue(new Date(due).toISOString(), eventId);
    put('nextAttemptAt', due);
    put('gsi1pk', k.gsi1pk);
    put('gsi1sk', k.gsi1sk);
  } else remove.push('gsi1pk', 'gsi1sk', 'nextAttemptAt');
  const conditions = ['attribute_exists(pk)'];
  if (ifRequestedVersion !== undefined) {
    conditions.push('requestedVersion = :rv');
    values[':rv'] = ifRequestedVersion;
  }
  return new UpdateCommand({
    TableName: t.tableName,
    Key: keys.eventRelay(eventId, 'facebook'),
    UpdateExpression: `SET ${set.join(', ')} REMOVE ${[...new Set(remove)].join(', ')}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: values,
  });
}

/**
 * Records the outcome of an attempt and releases the lease. When the event changed while the
 * relay was working (`requestedVersion` moved), the item stays `pending`, due now, so the newer
 * version is relayed next — with the post id just obtained kept either way.
 */
export async function finishRelay(t: TableRef, eventId: string, claimedVersion: number, o: RelayOutcome, nowIso: string): Promise<'done' | 'requeued'> {
  try {
    await t.doc.send(outcomeUpdate(t, eventId, o, nowIso, claimedVersion));
    return 'done';
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
  const requeue: RelayOutcome = o.status === 'error' ? o : { ...o, status: 'pending', nextAttemptAt: o.status === 'pending' ? o.nextAttemptAt : nowIso };
  await t.doc.send(outcomeUpdate(t, eventId, requeue, nowIso));
  return 'requeued';
}

/** An administrator asks for a new attempt (after renewing the token, or after checking the Page). */
export async function requeueRelay(t: TableRef, eventId: string, nowIso: string): Promise<boolean> {
  const due = keys.relayDue(new Date(nowIso).toISOString(), eventId);
  try {
    await t.doc.send(
      new UpdateCommand({
        TableName: t.tableName,
        Key: keys.eventRelay(eventId, 'facebook'),
        UpdateExpression: 'SET #status = :pending, attempts = :zero, nextAttemptAt = :now, updatedAt = :now, gsi1pk = :gpk, gsi1sk = :gsk REMOVE createStartedAt, leaseOwner, leaseUntil',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':zero': 0, ':now': nowIso, ':gpk': due.gsi1pk, ':gsk': due.gsi1sk },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}
