import * as z from 'zod';
import fr from 'zod/v4/locales/fr.js';
import { frenchMessage } from './messages-fr.js';

// French validation messages written for volunteers: managers read them in the
// spreadsheet's "Statut synchro" column and in API errors. The locale covers any
// case the custom map leaves out.
z.config({ ...fr(), customError: frenchMessage });

/** Opaque, creation-sortable identifier (ULID-like, Crockford base32). */
export const IdSchema = z
  .string()
  .regex(/^[0-9A-Za-z_-]{1,64}$/, 'identifiant invalide')
  .meta({ description: 'Identifiant opaque, triable par date de création' });
export type Id = z.infer<typeof IdSchema>;

/** Money is always an integer number of euro cents. */
export const CentsSchema = z.number().int().min(0).max(100_000_000);

/**
 * The years a day or a date may fall in. Beyond them it is a typing error (0026, 9999)
 * rather than a plan, and date arithmetic (ranges, months, balances) is meaningless.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
export const YEARS_MESSAGE = `année entre ${FIRST_YEAR} et ${LAST_YEAR} attendue`;
/** `YYYY…` strings whose year is in the sane range (the format is checked elsewhere). */
export function inSaneYears(s: string): boolean {
  const y = Number(s.slice(0, 4));
  return !/^\d{4}/.test(s) || (y >= FIRST_YEAR && y <= LAST_YEAR);
}

/** A day in Europe/Paris, `YYYY-MM-DD`, between 2000 and 2100. */
export const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'format de date attendu : AAAA-MM-JJ', abort: true })
  .refine(inSaneYears, { message: YEARS_MESSAGE, abort: true })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'date inexistante');

/** A month, `YYYY-MM`, between 2000 and 2100. */
export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'mois attendu au format AAAA-MM', abort: true })
  .refine(inSaneYears, YEARS_MESSAGE);

/**
 * DynamoDB stores numbers of magnitude 1e-130 to 1e126 only: anything else is refused
 * at write time (a 500). Every number of an input is checked against this.
 */
export function isStorableNumber(n: number): boolean {
  if (!Number.isFinite(n)) return false;
  const a = Math.abs(n);
  return a === 0 || (a >= 1e-130 && a < 1e126);
}
export const STORABLE_NUMBER_MESSAGE = 'nombre trop proche de zéro ou trop grand : écrivez 0 ou un nombre raisonnable';
/** A decimal number DynamoDB can store; chain `.min()` / `.max()` as usual. */
export const DecimalSchema = z.number().refine(isStorableNumber, STORABLE_NUMBER_MESSAGE);

/** Zero-width and other invisible characters that make a name look filled when it is not. */
const INVISIBLE = /[\s\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/gu;
/**
 * A name or title: NFC, trimmed, and not empty once whitespace and zero-width
 * characters are removed.
 */
export function nameText(max: number) {
  return z
    .string()
    .normalize('NFC')
    .trim()
    .min(1, { abort: true })
    .max(max)
    .refine((s) => s.replace(INVISIBLE, '').length > 0, 'texte vide : des lettres ou des chiffres sont attendus');
}

/** C0 and C1 controls other than tab, line feed and carriage return; lone surrogates (not text). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text hygiene and storable numbers for ANY input value, whatever its schema: strings are
 * NFC-normalised, control characters and lone surrogates refused, numbers checked against
 * what DynamoDB stores. Returns the cleaned value and the refused paths.
 */
export function cleanInput(value: unknown, path: string[] = []): { value: unknown; errors: { path: string; message: string }[] } {
  const errors: { path: string; message: string }[] = [];
  const at = (p: string[]) => p.join('.') || '(corps)';
  const walk = (v: unknown, p: string[]): unknown => {
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) errors.push({ path: at(p), message: 'caractère invalide (demi-caractère Unicode isolé)' });
      else if (CONTROL.test(v)) errors.push({ path: at(p), message: 'caractère de contrôle interdit' });
      return v.normalize('NFC');
    }
    if (typeof v === 'number') {
      if (!isStorableNumber(v)) errors.push({ path: at(p), message: STORABLE_NUMBER_MESSAGE });
      return v;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...p, String(i)]));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (LONE_SURROGATE.test(k) || CONTROL.test(k)) errors.push({ path: at([...p, k]), message: 'nom de champ invalide' });
        out[k.normalize('NFC')] = walk(x, [...p, k]);
      }
      return out;
    }
    return v;
  };
  const cleaned = walk(value, path);
  return { value: cleaned, errors };
}

export const TimestampSchema = z.iso.datetime({ offset: true });

export const UrlSchema = z.url({ protocol: /^https?$/ }).max(2000);

/** Fields every stored record carries. */
export const RecordMetaShape = {
  id: IdSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  verifiedAt: TimestampSchema.optional(),
  archivedAt: TimestampSchema.optional(),
  version: z.number().int().min(1),
};

/** An opaque page cursor (the `nextCursor` of a previous answer); decoded by `functions/domain/paging.ts`. */
export const CursorSchema = z.string().max(2000).regex(/^[A-Za-z0-9_-]*$/, 'curseur invalide : reprenez la valeur « nextCursor » d’une réponse précédente');

export const ListQueryShape = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: CursorSchema.optional(),
};

/** `lat,lon` in decimal degrees. */
export const NearSchema = z
  .string()
  .regex(/^-?\d{1,3}(\.\d{1,15})?,-?\d{1,3}(\.\d{1,15})?$/, 'attendu : « lat,lon » en degrés décimaux')
  .transform((s) => {
    const [lat, lon] = s.split(',').map(Number) as [number, number];
    return { lat, lon };
  })
  .refine((p) => Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180, 'coordonnées hors limites');

export const BooleanQuerySchema = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'Erreur au format application/problem+json (RFC 9457)' });
export type Problem = z.infer<typeof ProblemSchema>;

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().optional() });
}

/**
 * Builds the PATCH schema of an input shape: every field optional, and
 * optional fields may be sent as `null` to clear them.
 */
export function patchOf<S extends z.ZodRawShape>(shape: S) {
  const out: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) {
    const f = field as z.ZodType;
    out[key] = f.safeParse(undefined).success ? f.nullable().optional() : f.optional();
  }
  return z.strictObject(out as { [K in keyof S]: z.ZodOptional<z.ZodNullable<S[K]>> });
}
