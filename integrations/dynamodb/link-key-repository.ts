/**
 * Access patterns of the link-signing keys (one item):
 * - getLinkKeys      GetItem pk=meta, sk=link-signing-keys (strongly consistent)
 * - createLinkKeys   PutItem, only when absent (two cold instances racing keep one key set)
 * - rotateLinkKeys   PutItem conditioned on the version read
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { isConditionFailure } from './errors.js';

const LinkKeySchema = z.object({ kid: z.string(), secret: z.string(), createdAt: z.string() });
const LinkKeysSchema = z.object({ keys: z.array(LinkKeySchema).min(1), version: z.number().int() });
export type LinkKey = z.infer<typeof LinkKeySchema>;
export type LinkKeys = z.infer<typeof LinkKeysSchema>;

export async function getLinkKeys(t: TableRef): Promise<LinkKeys | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.linkSigningKeys(), ConsistentRead: true }));
  return out.Item ? LinkKeysSchema.parse({ keys: out.Item.keys, version: out.Item.version }) : undefined;
}

/** Stores the first key set; false when another instance stored one first. */
export async function createLinkKeys(t: TableRef, first: LinkKey): Promise<boolean> {
  try {
    await t.doc.send(new PutCommand({ TableName: t.tableName, Item: { ...keys.linkSigningKeys(), entity: 'link-keys', keys: [first], version: 1 }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/** Replaces the key set read at `expectedVersion`; false when it changed meanwhile. */
export async function replaceLinkKeys(t: TableRef, next: LinkKey[], expectedVersion: number): Promise<boolean> {
  try {
    await t.doc.send(
      new PutCommand({
        TableName: t.tableName,
        Item: { ...keys.linkSigningKeys(), entity: 'link-keys', keys: next, version: expectedVersion + 1 },
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}
