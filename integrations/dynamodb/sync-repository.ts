/**
 * Access patterns of the spreadsheet sync:
 * - listSyncRowStates      Query  pk=sync#<provider>#<tab> (one partition per tab, strongly consistent)
 * - syncRowStatePut        a transaction item, committed with the record it describes
 * - putSyncRowStates       BatchWrite of states after the sheet was written
 * - deleteSyncRowState     DeleteItem
 * - acquireSyncLease       conditional Put pk=sync#<provider>, sk=lease (free or expired)
 * - releaseSyncLease       conditional Delete (only by its owner), telling whether a rerun was asked
 * - requestSyncRerun       Update of the lease item (rerun = true) while a round holds it
 * - get/putLastRound       pk=sync#<provider>, sk=last-round
 * - list/putWebhookCursor  pk=sync#<provider>, sk=webhook#<id>
 */
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import { isConditionFailure } from './errors.js';

export const SyncRowStateSchema = z.object({
  provider: z.string(),
  tab: z.string(),
  recordId: z.string(),
  /** Hash of the row's data cells as last synced (what the sheet held). */
  rowHash: z.string(),
  /** Hash of the record as the sheet would show it, at the last sync (catches renamed places). */
  renderHash: z.string(),
  /** Record version at the last sync. */
  version: z.number().int(),
  /** Row identity in the provider (Airtable record id, sheet row number). */
  rowKey: z.string().optional(),
  /** False between a creation from a row and the write-back of its ID: the next round writes it instead of creating again. */
  idWritten: z.boolean(),
  syncedAt: z.string(),
});
export type SyncRowState = z.infer<typeof SyncRowStateSchema>;

function item(s: SyncRowState) {
  return { ...keys.syncRow(s.provider, s.tab, s.recordId), entity: 'sync-row', ...s };
}

export async function listSyncRowStates(t: TableRef, provider: string, tab: string): Promise<Map<string, SyncRowState>> {
  const p = keys.syncRowPartition(provider, tab);
  const items = await queryAll(t, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': p.pk, ':sk': p.skPrefix }, ConsistentRead: true });
  return new Map(items.map((i) => SyncRowStateSchema.parse(stripKeys(i))).map((s) => [s.recordId, s]));
}

export function syncRowStatePut(t: TableRef, s: SyncRowState) {
  return { Put: { TableName: t.tableName, Item: item(s) } };
}

/** Writes states 25 at a time, a few batches at once, retrying what DynamoDB left unprocessed. */
export async function putSyncRowStates(t: TableRef, states: SyncRowState[]): Promise<void> {
  const batches: SyncRowState[][] = [];
  for (let i = 0; i < states.length; i += 25) batches.push(states.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests: Record<string, unknown>[] | undefined = batches[next++]!.map((s) => ({ PutRequest: { Item: item(s) } }));
      for (let attempt = 0; requests && requests.length; attempt++) {
        const out = await t.doc.send(new BatchWriteCommand({ RequestItems: { [t.tableName]: requests as never } }));
        requests = out.UnprocessedItems?.[t.tableName] as Record<string, unknown>[] | undefined;
        if (requests?.length) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, batches.length) }, worker));
}

export async function deleteSyncRowState(t: TableRef, provider: string, tab: string, recordId: string): Promise<void> {
  await t.doc.send(new DeleteCommand({ TableName: t.tableName, Key: keys.syncRow(provider, tab, recordId) }));
}

/** Takes the provider's round lease when free or expired; false when another round holds it. */
export async function acquireSyncLease(t: TableRef, provider: string, owner: string, nowMs: number, ttlMs: number): Promise<boolean> {
  try {
    await t.doc.send(
      new PutCommand({
        TableName: t.tableName,
        Item: { ...keys.syncLease(provider), entity: 'sync-lease', owner, expiresAtMs: nowMs + ttlMs, ttl: Math.ceil((nowMs + ttlMs) / 1000) + 3600 },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAtMs < :now',
        ExpressionAttributeValues: { ':now': nowMs },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/** Releases the lease; true when another caller asked for a new round meanwhile (see requestSyncRerun). */
export async function releaseSyncLease(t: TableRef, provider: string, owner: string): Promise<boolean> {
  try {
    const out = await t.doc.send(
      new DeleteCommand({ TableName: t.tableName, Key: keys.syncLease(provider), ConditionExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: { ':o': owner }, ReturnValues: 'ALL_OLD' }),
    );
    return out.Attributes?.rerun === true;
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    return false;
  }
}

/** A change notified while a round runs: the running round will run once more when it ends. */
export async function requestSyncRerun(t: TableRef, provider: string): Promise<boolean> {
  try {
    await t.doc.send(new UpdateCommand({ TableName: t.tableName, Key: keys.syncLease(provider), UpdateExpression: 'SET rerun = :t', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':t': true } }));
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

export async function putLastRound(t: TableRef, provider: string, summary: Record<string, unknown>): Promise<void> {
  await t.doc.send(new PutCommand({ TableName: t.tableName, Item: { ...keys.syncLastRound(provider), entity: 'sync-round', summary } }));
}

export async function getLastRound(t: TableRef, provider: string): Promise<Record<string, unknown> | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.syncLastRound(provider), ConsistentRead: true }));
  return out.Item?.summary as Record<string, unknown> | undefined;
}

export const WebhookCursorSchema = z.object({ webhookId: z.string(), cursor: z.number().int().min(1), refreshedAt: z.string().optional() });
export type WebhookCursor = z.infer<typeof WebhookCursorSchema>;

export async function listWebhookCursors(t: TableRef, provider: string): Promise<WebhookCursor[]> {
  const p = keys.syncWebhookPartition(provider);
  const items = await queryAll(t, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': p.pk, ':sk': p.skPrefix }, ConsistentRead: true });
  return items.map((i) => WebhookCursorSchema.parse(stripKeys(i)));
}

export async function getWebhookCursor(t: TableRef, provider: string, webhookId: string): Promise<WebhookCursor | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.syncWebhook(provider, webhookId), ConsistentRead: true }));
  return out.Item ? WebhookCursorSchema.parse(stripKeys(out.Item)) : undefined;
}

export async function putWebhookCursor(t: TableRef, provider: string, c: WebhookCursor): Promise<void> {
  await t.doc.send(new PutCommand({ TableName: t.tableName, Item: { ...keys.syncWebhook(provider, c.webhookId), entity: 'sync-webhook', ...c } }));
}

export const OwnedTabStateSchema = z.object({ hash: z.string(), checkedAt: z.string() });
export type OwnedTabState = z.infer<typeof OwnedTabStateSchema>;

export async function getOwnedTabState(t: TableRef, provider: string, tab: string): Promise<OwnedTabState | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.syncOwnedTab(provider, tab), ConsistentRead: true }));
  return out.Item ? OwnedTabStateSchema.parse(out.Item) : undefined;
}

export async function putOwnedTabState(t: TableRef, provider: string, tab: string, s: OwnedTabState): Promise<void> {
  await t.doc.send(new PutCommand({ TableName: t.tableName, Item: { ...keys.syncOwnedTab(provider, tab), entity: 'sync-owned-tab', ...s } }));
}
