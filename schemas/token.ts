import * as z from 'zod';
import { IdSchema, TimestampSchema } from './common.js';

export const TokenInputSchema = z
  .discriminatedUnion('role', [
    z.strictObject({ role: z.literal('manager'), placeId: IdSchema, label: z.string().max(120).optional() }),
    z.strictObject({ role: z.literal('integration'), label: z.string().max(120).optional() }),
    // The rotating coordinator: may only log coordination visits and read the plans and visits.
    z.strictObject({ role: z.literal('coordinator'), label: z.string().max(120).optional() }),
  ])
  .meta({ id: 'TokenInput' });
export type TokenInput = z.infer<typeof TokenInputSchema>;

export const TokenSchema = z
  .object({
    id: IdSchema,
    role: z.enum(['manager', 'integration', 'coordinator']),
    placeId: IdSchema.optional(),
    label: z.string().optional(),
    createdAt: TimestampSchema,
    createdBy: z.string(),
    revokedAt: TimestampSchema.optional(),
    firstUsedAt: TimestampSchema.optional().meta({ description: 'Première utilisation (inscrite au journal)' }),
    lastFour: z.string(),
  })
  .meta({ id: 'Token' });
export type Token = z.infer<typeof TokenSchema>;

/** Stored form: the secret is kept only as a SHA-256 hash. */
export const StoredTokenSchema = TokenSchema.extend({ secretHash: z.string() });
export type StoredToken = z.infer<typeof StoredTokenSchema>;

export const IssuedTokenSchema = TokenSchema.extend({ token: z.string().meta({ description: 'Affiché une seule fois' }) }).meta({ id: 'IssuedToken' });
