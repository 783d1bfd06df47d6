import type { Context } from 'hono';
import type { z } from 'zod';
import { BadRequestError, PayloadTooLargeError, ValidationError, fieldErrorsFromZod } from '../../domain/errors.js';
import { cleanInput } from '../../../schemas/common.js';

export const MAX_BODY_BYTES = 100 * 1024;

/**
 * Reads and validates a JSON body: 413 over 100 KB, 400 for malformed JSON or a
 * body that fails the schema (each field with its reason).
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  const type = c.req.header('content-type');
  if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new BadRequestError(`Corps JSON attendu (Content-Type: application/json), reçu « ${type} ».`);
  }
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  let data: unknown;
  try {
    data = text.trim() === '' ? undefined : JSON.parse(text);
  } catch (err) {
    throw new BadRequestError(malformedJsonMessage(err));
  }
  if (data === undefined) throw new BadRequestError('Corps JSON manquant.');
  // Whatever the schema: NFC text, no control characters, only numbers DynamoDB stores.
  const clean = cleanInput(data);
  if (clean.errors.length) throw new ValidationError(clean.errors);
  const parsed = schema.safeParse(clean.value);
  if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
  return parsed.data;
}

/**
 * The engine's own JSON error is English and technical; say the same thing in French,
 * keeping the position when the engine gives one (it helps to find a missing comma).
 */
export function malformedJsonMessage(err: unknown): string {
  const pos = /position (\d+)/.exec(String((err as Error)?.message ?? ''));
  const where = pos ? ` (erreur vers le caractère ${Number(pos[1]) + 1})` : '';
  return `Le corps de la requête n’est pas du JSON valide${where} : vérifiez les guillemets, les virgules et les accolades.`;
}

/** Validates the query string (single values; repeated keys keep the last one). */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const clean = cleanInput(c.req.query());
  if (clean.errors.length) throw new ValidationError(clean.errors, 'Paramètres de requête invalides.');
  const parsed = schema.safeParse(clean.value);
  if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues), 'Paramètres de requête invalides.');
  return parsed.data;
}

/** `If-Match: "3"` or `If-Match: 3` → 3. */
export function readIfMatch(c: Context): number | undefined {
  const h = c.req.header('if-match');
  if (!h) return undefined;
  const n = Number(h.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new BadRequestError('En-tête If-Match invalide : la version du document est attendue.');
  return n;
}
