/**
 * Exports of any size. Lambda answers at most 6 MB, so a body above INLINE_EXPORT_MAX_BYTES
 * is written as an object (S3 in AWS, named by its content's hash) and the answer is a
 * 303 to a short-lived link to it; smaller bodies are answered as they are.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../deps.js';
import { memoryStoreFor, type ObjectStore } from '../../../integrations/objects/object-store.js';
import { EXPORT_PREFIX } from './object-keys.js';

/** Leaves room under 6 MB for headers and the Lambda envelope. */
export const INLINE_EXPORT_MAX_BYTES = 5 * 1024 * 1024;

export function objectStoreOf(deps: Deps): ObjectStore {
  return deps.objects ?? memoryStoreFor(deps.table);
}

export type ExportAnswer = { inline: string } | { redirect: string; bytes: number };

export async function exportBody(deps: Deps, o: { body: string; contentType: string; filename: string; inlineMax?: number }): Promise<ExportAnswer> {
  const bytes = Buffer.byteLength(o.body, 'utf8');
  if (bytes <= (o.inlineMax ?? INLINE_EXPORT_MAX_BYTES)) return { inline: o.body };
  const store = objectStoreOf(deps);
  const key = `${EXPORT_PREFIX}${createHash('sha256').update(o.body).digest('hex').slice(0, 32)}-${o.filename}`;
  await store.put(key, o.body, o.contentType);
  return { redirect: await store.downloadUrl(key, { filename: o.filename, publicBaseUrl: deps.publicBaseUrl }), bytes };
}
