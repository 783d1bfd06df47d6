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

/** A day in Europe/Paris, `YYYY-MM-DD`. */
export const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'format de date attendu : AAAA-MM-JJ')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'date inexistante');

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

export const ListQueryShape = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
};

/** `lat,lon` in decimal degrees. */
export const NearSchema = z
  .string()
  .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, 'attendu : « lat,lon » en degrés décimaux')
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
