/**
 * Access patterns of API tokens:
 * - putToken          PutItem pk=token, sk=token#<id> (must be new)
 * - getTokenById      GetItem (the id is the public part of the bearer string)
 * - listTokens        Query pk=token
 * - revokeToken       UpdateItem revokedAt
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import { StoredTokenSchema, type StoredToken } from '../../schemas/token.js';
import { isConditionFailure } from './errors.js';

export async function putToken(t: TableRef, token: StoredToken): Promise<void> {
  await t.doc.send(new PutCommand({ TableName: t.tableName, Item: { ...keys.token(token.id), entity: 'token', ...token }, ConditionExpression: 'attribute_not_exists(pk)' }));
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

/** Returns false when no such token exists. */
export async function revokeToken(t: TableRef, id: string, at: string): Promise<boolean> {
  try {
    await t.doc.send(
      new UpdateCommand({
        TableName: t.tableName,
        Key: keys.token(id),
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}
