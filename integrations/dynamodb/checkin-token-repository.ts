/**
 * Access patterns of posters and member cards:
 * - getOrCreateTokenKey    GetItem meta/checkin-token-key; created once (condition) when missing
 * - getTokenVersion        GetItem checkin#poster#<placeId> | checkin#card#<personId> (version, 1 when never rotated)
 * - rotateTokenItems       the version bumped (conditioned on the version read) + audit, in one transaction
 * - cardCodeItem / getCardCode   checkin#code#<sha256(code)> → personId, version
 * - countTokenUse          UpdateItem checkin#rate#<sha256(token)>/<minute> ADD n, condition n < limit (ttl)
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import type { LabelledItem } from './transaction.js';
import { isConditionFailure } from './errors.js';

export type TokenKind = 'poster' | 'card';

const stateKey = (kind: TokenKind, id: string) => (kind === 'poster' ? keys.posterState(id) : keys.cardState(id));

export async function getOrCreateTokenKey(t: TableRef): Promise<Buffer> {
  const read = async () => (await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.checkinTokenKey(), ConsistentRead: true }))).Item;
  const found = await read();
  if (found) return Buffer.from(String(found.secret), 'base64');
  try {
    await t.doc.send(new PutCommand({ TableName: t.tableName, Item: { ...keys.checkinTokenKey(), entity: 'token-key', secret: randomBytes(32).toString('base64') }, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (err) {
    if (!isConditionFailure(err)) throw err; // another process created it first: use theirs
  }
  return Buffer.from(String((await read())!.secret), 'base64');
}

export async function getTokenVersion(t: TableRef, kind: TokenKind, id: string): Promise<number> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: stateKey(kind, id), ConsistentRead: true }));
  return Number(out.Item?.version ?? 1);
}

/** Sets the version to `next` if it is still `current` (two rotations at once: one wins). */
export function rotateTokenItem(t: TableRef, kind: TokenKind, id: string, current: number, next: number): LabelledItem {
  return {
    label: 'token-version',
    item: {
      Update: {
        TableName: t.tableName,
        Key: stateKey(kind, id),
        UpdateExpression: 'SET entity = :e, version = :next',
        ConditionExpression: current === 1 ? 'attribute_not_exists(version) OR version = :cur' : 'version = :cur',
        ExpressionAttributeValues: { ':e': `${kind}-state`, ':next': next, ':cur': current },
      },
    },
  };
}

export function cardCodeItem(t: TableRef, codeHash: string, value: { personId: string; version: number } | 'delete'): LabelledItem {
  return value === 'delete'
    ? { label: 'card-code', item: { Delete: { TableName: t.tableName, Key: keys.cardCode(codeHash) } } }
    : { label: 'card-code', item: { Put: { TableName: t.tableName, Item: { ...keys.cardCode(codeHash), entity: 'card-code', ...value } } } };
}

export async function putCardCode(t: TableRef, codeHash: string, value: { personId: string; version: number }): Promise<void> {
  await t.doc.send(new PutCommand({ TableName: t.tableName, Item: { ...keys.cardCode(codeHash), entity: 'card-code', ...value } }));
}

export async function getCardCode(t: TableRef, codeHash: string): Promise<{ personId: string; version: number } | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.cardCode(codeHash), ConsistentRead: true }));
  return out.Item ? { personId: String(out.Item.personId), version: Number(out.Item.version) } : undefined;
}

/** Counts one use of a token in the current minute; false once `limit` uses were counted. */
export async function countTokenUse(t: TableRef, tokenHash: string, minute: string, limit: number, ttl: number): Promise<boolean> {
  try {
    await t.doc.send(
      new UpdateCommand({
        TableName: t.tableName,
        Key: keys.tokenRate(tokenHash, minute),
        UpdateExpression: 'SET entity = :e, #ttl = :ttl ADD uses :one',
        ConditionExpression: 'attribute_not_exists(uses) OR uses < :limit',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':e': 'token-rate', ':ttl': ttl, ':one': 1, ':limit': limit },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}
