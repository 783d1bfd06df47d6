import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';

/** Runs a Query to its last page. Only for partitions known to stay small. */
export async function queryAll(t: TableRef, input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await t.doc.send(new QueryCommand({ ...input, TableName: t.tableName, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Removes the key attributes so an item can be parsed by its entity schema. */
export function stripKeys<T extends Record<string, unknown>>(item: T): Omit<T, 'pk' | 'sk' | 'gsi1pk' | 'gsi1sk' | 'gsi2pk' | 'gsi2sk' | 'ttl' | 'entity'> {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, ttl, entity, ...rest } = item;
  void pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, ttl, entity;
  return rest;
}
