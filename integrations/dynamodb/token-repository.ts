/**
 * Access patterns of API tokens:
 * - putTokenItem      Put pk=token, sk=token#<id> (must be new), a transaction item
 * - getTokenById      GetItem (the id is the public part of the bearer string)
 * - listTokens        Query pk=token
 * - revokeTokenItem   Update revokedAt (only once), a transaction item
 * - firstUseItem      Update firstUsedAt (only once), a transaction item
 * Each write goes with its audit line in one transaction (../../functions/domain/tokens.ts).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import type { LabelledItem } from './transaction.js';
import { StoredTokenSchema, type StoredToken } from '../../schemas/token.js';

export function putTokenItem(t: TableRef, token: StoredToken): LabelledItem {
  return { label: 'token', item: { Put: { TableName: t.tableName, Item: { ...keys.token(token.id), entity: 'token', ...token }, ConditionExpression: 'attribute_not_exists(pk)' } } };
}

export async function getTokenById(t: TableRef, id: string): Promise<StoredToken | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.token(id), ConsistentRead: true }));
  return out.Item ? StoredTokenSchema.parse(stripKeys(out.Item)) : undefined;
}

export async function listTokens(t: TableRef): Promise<StoredToken[]> {
  const p = keys.tokenPartition();
  const items = await queryAll(t, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': p.pk, ':sk': p.skPrefix } });
  return items.map((i) => StoredTokenSchema.parse(stripKeys(i)));
}

/** Sets a moment of the token once: fails (label `token`) when it is gone or that moment is already set. */
function setOnceItem(t: TableRef, id: string, field: 'revokedAt' | 'firstUsedAt', at: string): LabelledItem {
  return {
    label: 'token',
    item: {
      Update: {
        TableName: t.tableName,
        Key: keys.token(id),
        UpdateExpression: `SET ${field} = :at`,
        ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(${field})`,
        ExpressionAttributeValues: { ':at': at },
      },
    },
  };
}

/** Fails (label `token`) when the token does not exist or is already revoked. */
export const revokeTokenItem = (t: TableRef, id: string, at: string) => setOnceItem(t, id, 'revokedAt', at);

/** Fails (label `token`) when the token was already used once (or is gone). */
export const firstUseItem = (t: TableRef, id: string, at: string) => setOnceItem(t, id, 'firstUsedAt', at);
