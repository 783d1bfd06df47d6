import * as z from 'zod';
import { IdSchema, TimestampSchema } from './common.js';
import { PersonSchema } from './person.js';
import { VisitSchema } from './visit.js';
import { PassWithUsageSchema } from './pass.js';
import { JournalEntrySchema } from './ledger.js';
import { ContributionSchema } from './contribution.js';
import { AuditEntrySchema } from './audit.js';

export const PersonExportSchema = z
  .object({
    exportedAt: TimestampSchema,
    person: PersonSchema.meta({ description: 'La fiche, coordonnées comprises' }),
    visits: z.array(VisitSchema).meta({ description: 'Visites, réservations et passages à la porte (annulés compris)' }),
    passes: z.array(PassWithUsageSchema),
    postings: z.array(JournalEntrySchema).meta({ description: 'Écritures du grand livre : celles des visites et des pass, et toutes celles du compte person:<id>' }),
    contributions: z.array(ContributionSchema).meta({ description: 'Contributions bénévoles (par personId, ou nom libre identique au nom de la personne)' }),
    audit: z.array(AuditEntrySchema).meta({ description: 'Lignes du journal de la fiche et de chacun des éléments ci-dessus, plus récentes d’abord' }),
  })
  .meta({ id: 'PersonExport' });
export type PersonExport = z.infer<typeof PersonExportSchema>;

export const ErasureReportSchema = z
  .object({
    personId: IdSchema,
    pseudonym: z.string(),
    erasedAt: TimestampSchema,
    alreadyErased: z.boolean(),
    itemsRewritten: z.number().int().meta({ description: 'Éléments de la table réécrits (fiche, journal, écritures, contributions…)' }),
    sheet: z.string().meta({ description: 'Ce qu’il advient de la ligne du tableur' }),
    freeTexts: z
      .array(z.object({ entityType: z.string(), entityId: z.string(), fields: z.array(z.string()) }))
      .meta({ description: 'Textes libres qui nommaient la personne, réécrits avec le pseudonyme (notes de visite de coordination, événements, propositions et votes, libellés d’écritures manuelles, kit, jetons) : type, identifiant et champs' }),
  })
  .meta({ id: 'ErasureReport' });
export type ErasureReport = z.infer<typeof ErasureReportSchema>;

/** The retention contract: the first answer of an Idempotency-Key is kept at least 24 h, 48 h at most (the TTL). */
export const RETENTION_LIMITS = { idempotencyHours: { min: 24, max: 48 }, auditDetailsDays: { min: 30, max: 36_500 } } as const;

export const RetentionSettingsInputSchema = z
  .strictObject({
    idempotencyHours: z
      .number()
      .int()
      .min(RETENTION_LIMITS.idempotencyHours.min, 'au moins 24 heures (un client doit pouvoir rejouer sa requête le lendemain)')
      .max(RETENTION_LIMITS.idempotencyHours.max, '48 heures au plus (la durée de vie TTL des enregistrements)')
      .meta({ description: 'Durée de conservation des réponses associées à une Idempotency-Key (24 à 48 h)' }),
    auditDetailsDays: z
      .number()
      .int()
      .min(RETENTION_LIMITS.auditDetailsDays.min, 'au moins 30 jours')
      .max(RETENTION_LIMITS.auditDetailsDays.max, '100 ans au plus')
      .meta({ description: 'Après ce délai, une ligne du journal garde qui, quand et quoi, mais perd ses copies avant/après' }),
  })
  .meta({ id: 'RetentionSettingsInput' });
export type RetentionSettingsInput = z.infer<typeof RetentionSettingsInputSchema>;

export const RetentionSettingsSchema = RetentionSettingsInputSchema.extend({
  updatedAt: TimestampSchema.optional(),
  updatedBy: z.string().optional(),
}).meta({ id: 'RetentionSettings' });
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;

export const RetentionPurgeReportSchema = z
  .object({ idempotencyDeleted: z.number().int(), auditLinesTrimmed: z.number().int(), auditPurgedBefore: z.string() })
  .meta({ id: 'RetentionPurgeReport' });
export type RetentionPurgeReport = z.infer<typeof RetentionPurgeReportSchema>;
