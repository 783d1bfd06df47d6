import { BadRequestError } from './errors.js';
import type { CursorShape } from '../../integrations/dynamodb/keys.js';

/** Opaque cursors: base64url JSON. Callers must treat them as opaque strings. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(v)) return v;
  } catch {
    /* fall through */
  }
  throw new BadRequestError('Paramètre « cursor » invalide : reprenez la valeur « nextCursor » d’une réponse précédente.');
}

/** DynamoDB's limit for a key attribute value, in bytes (a sort key: 1,024). */
const MAX_KEY_BYTES = 1024;

/**
 * A cursor that is a Query's start key: exactly the attributes of `shape` (keys.ts), each a
 * short string matching it. Anything else (`e30` = `{}`, another partition, a key outside the
 * range) is a 400, never handed to DynamoDB.
 */
export function decodeKeyCursor(cursor: string | undefined, shape: CursorShape): Record<string, string> | undefined {
  return decodeCursor(cursor, (v): v is Record<string, string> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length !== Object.keys(shape).length) return false;
    return entries.every(([k, x]) => {
      const want = Object.hasOwn(shape, k) ? shape[k] : undefined;
      if (want === undefined || typeof x !== 'string' || x.length === 0 || Buffer.byteLength(x) > MAX_KEY_BYTES) return false;
      return typeof want === 'string' ? x === want : want(x);
    });
  });
}

/** Offset paging over an in-memory list. */
export function pageByOffset<T>(all: T[], limit: number, cursor?: string): { items: T[]; nextCursor?: string } {
  const c = decodeCursor(cursor, (v): v is { o: number } => Number.isSafeInteger((v as { o?: unknown })?.o) && (v as { o: number }).o >= 0);
  const offset = c?.o ?? 0;
  const items = all.slice(offset, offset + limit);
  const next = offset + limit < all.length ? encodeCursor({ o: offset + limit }) : undefined;
  return next ? { items, nextCursor: next } : { items };
}
