import { BadRequestError } from './errors.js';

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

/** Offset paging over an in-memory list. */
export function pageByOffset<T>(all: T[], limit: number, cursor?: string): { items: T[]; nextCursor?: string } {
  const c = decodeCursor(cursor, (v): v is { o: number } => typeof (v as { o?: unknown })?.o === 'number' && (v as { o: number }).o >= 0);
  const offset = c?.o ?? 0;
  const items = all.slice(offset, offset + limit);
  const next = offset + limit < all.length ? encodeCursor({ o: offset + limit }) : undefined;
  return next ? { items, nextCursor: next } : { items };
}
