import * as z from 'zod';
import { IdSchema, TimestampSchema } from './common.js';

export const AuditEntrySchema = z
  .object({
    id: IdSchema,
    entityType: z.string(),
    entityId: IdSchema,
    action: z.string().meta({ description: 'create, update, archive, verify, sync-conflict…' }),
    actor: z.string().meta({ description: 'admin, token:<id> (rôle), sync:airtable…' }),
    at: TimestampSchema,
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    note: z.string().optional(),
    detailsPurgedAt: TimestampSchema.optional().meta({ description: 'Copies avant/après retirées à la fin de la durée de conservation (GET /v1/settings/retention)' }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
