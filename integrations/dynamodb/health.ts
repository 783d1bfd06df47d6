/**
 * Access pattern of the deep health check: one strongly consistent GetItem of the
 * directory version counter (tiny, always the same item), bounded in time so a
 * database that hangs answers "down" quickly instead of holding the request.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';

export async function probeTable(t: TableRef, timeoutMs = 2000): Promise<{ ok: true; ms: number } | { ok: false; reason: string }> {
  const started = Date.now();
  try {
    await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.directoryVersion(), ConsistentRead: true, ProjectionExpression: 'pk' }), { abortSignal: AbortSignal.timeout(timeoutMs) });
    return { ok: true, ms: Date.now() - started };
  } catch (err) {
    // The client wraps a spent retry in a 503 error: the reason worth showing is its cause.
    const cause = ((err as Error).cause ?? err) as Error & { code?: string };
    return { ok: false, reason: cause.code || cause.name || 'Error' };
  }
}
