import * as z from 'zod';
import { CentsSchema, DaySchema, IdSchema, RecordMetaShape, TimestampSchema } from './common.js';
import { RATE_UNITS } from './resource.js';
import type { FieldError } from '../functions/domain/errors.js';

export const CONTRIBUTION_KINDS = ['time', 'mileage', 'in_kind'] as const;
export const CONTRIBUTION_LEVELS = ['execution', 'supervision', 'expertise'] as const;

export const VehicleSchema = z.strictObject({
  fiscalHorsepower: z.number().int().min(1).max(60).meta({ description: 'Puissance fiscale (CV) ; 3 et moins, 4, 5, 6, 7 et plus' }),
  electric: z.boolean(),
});

/** Two decimals at most (hours, km, quantities are typed by people). */
const twoDecimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

export const ContributionInputShape = {
  kind: z.enum(CONTRIBUTION_KINDS).meta({ description: 'time (heures de bénévolat), mileage (kilomètres), in_kind (ressource prêtée ou don en nature)' }),
  date: DaySchema,
  placeId: IdSchema.meta({ description: 'Lieu pour lequel la contribution est faite' }),
  personId: IdSchema.optional().meta({ description: 'Personne de l’annuaire (ou volunteerName)' }),
  volunteerName: z.string().trim().min(1).max(120).optional().meta({ description: 'Nom libre d’un bénévole absent de l’annuaire (ou personId)' }),
  activity: z.string().trim().min(1).max(200),
  project: z.string().trim().min(1).max(120).optional().meta({ description: 'Projet financé auquel la contribution se rattache' }),
  hours: z.number().gt(0, 'un nombre d’heures positif est attendu').max(24, '24 heures au plus pour une journée').refine(twoDecimals, 'deux décimales au plus').optional(),
  level: z.enum(CONTRIBUTION_LEVELS).optional().meta({ description: 'Niveau du travail bénévole (par défaut : execution)' }),
  km: z.number().gt(0, 'un nombre de kilomètres positif est attendu').max(5000, '5 000 km au plus pour un trajet').refine(twoDecimals, 'deux décimales au plus').optional(),
  vehicle: VehicleSchema.optional(),
  resourceId: IdSchema.optional().meta({ description: 'Salle ou machine de l’annuaire prêtée gratuitement (valorisée à son tarif public)' }),
  quantity: z.number().gt(0, 'une quantité positive est attendue').max(10_000).refine(twoDecimals, 'deux décimales au plus').optional(),
  unit: z.enum(RATE_UNITS).optional().meta({ description: 'Unité du tarif public de la ressource' }),
  valueCents: CentsSchema.optional().meta({ description: 'Valeur explicite d’un don en nature, en centimes (avec une note disant comment elle a été estimée)' }),
  note: z.string().trim().min(1).max(2000).optional(),
};

type Shape = { [K in keyof typeof ContributionInputShape]?: unknown };

/** The rules of each kind, on a whole contribution (a POST body, or a record after a PATCH). */
export function contributionRuleErrors(c: Shape): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: keyof Shape, why: string) => {
    if (c[field] === undefined) errors.push({ path: field, message: why });
  };
  const forbid = (fields: (keyof Shape)[], kindLabel: string) => {
    for (const f of fields) if (c[f] !== undefined) errors.push({ path: f, message: `sans objet pour une contribution « ${kindLabel} »` });
  };
  if (c.personId !== undefined && c.volunteerName !== undefined) errors.push({ path: 'volunteerName', message: 'indiquez personId ou volunteerName, pas les deux' });
  if (c.kind === 'time' || c.kind === 'mileage') {
    if (c.personId === undefined && c.volunteerName === undefined) errors.push({ path: 'personId', message: 'champ obligatoire : la personne (personId) ou son nom (volunteerName)' });
  }
  if (c.kind === 'time') {
    need('hours', 'champ obligatoire pour une contribution en temps (0 < heures ≤ 24)');
    forbid(['km', 'vehicle', 'resourceId', 'quantity', 'unit', 'valueCents'], 'temps');
  } else if (c.kind === 'mileage') {
    need('km', 'champ obligatoire pour des kilomètres');
    need('vehicle', 'champ obligatoire pour des kilomètres : { fiscalHorsepower, electric }');
    forbid(['hours', 'level', 'resourceId', 'quantity', 'unit', 'valueCents'], 'kilomètres');
  } else if (c.kind === 'in_kind') {
    forbid(['hours', 'level', 'km', 'vehicle'], 'en nature');
    if (c.resourceId !== undefined) {
      need('quantity', 'champ obligatoire avec resourceId (combien d’unités prêtées)');
      need('unit', 'champ obligatoire avec resourceId (heure, demi-journée, journée…)');
      if (c.valueCents !== undefined) errors.push({ path: 'valueCents', message: 'une ressource prêtée est valorisée à son tarif public : ne donnez pas aussi valueCents' });
    } else if (c.valueCents !== undefined) {
      need('note', 'champ obligatoire avec valueCents : dites comment la valeur a été estimée');
      forbid(['quantity', 'unit'], 'en nature sans ressource');
    } else {
      errors.push({ path: 'resourceId', message: 'indiquez une ressource prêtée (resourceId, quantity, unit) ou une valeur explicite (valueCents et note)' });
    }
  }
  return errors;
}

export const ContributionInputSchema = z
  .strictObject(ContributionInputShape)
  .superRefine((c, ctx) => {
    for (const e of contributionRuleErrors(c)) ctx.addIssue({ code: 'custom', path: [e.path], message: e.message });
  })
  .meta({ id: 'ContributionInput' });
export type ContributionInput = z.infer<typeof ContributionInputSchema>;

/** PATCH: fields sent replace, null clears an optional one; the kind's rules are checked on the result. */
export const ContributionPatchSchema = z
  .strictObject(
    Object.fromEntries(
      Object.entries(ContributionInputShape).map(([k, f]) => [k, (f as z.ZodType).safeParse(undefined).success ? (f as z.ZodType).nullable().optional() : (f as z.ZodType).optional()]),
    ) as { [K in keyof typeof ContributionInputShape]: z.ZodOptional<z.ZodNullable<(typeof ContributionInputShape)[K]>> },
  )
  .meta({ id: 'ContributionPatch' });

/** What lending a resource was valued at, fixed when it is recorded (rate as published on that date). */
export const LentValueSchema = z.object({
  resourceName: z.string(),
  rateCents: CentsSchema,
  rateUnit: z.enum(RATE_UNITS),
  ratePublishedAt: TimestampSchema.meta({ description: 'Version de la fiche dont le tarif public a été pris' }),
  valueCents: CentsSchema,
});

export const ContributionSchema = z
  .object({
    ...RecordMetaShape,
    ...ContributionInputShape,
    createdBy: z.string(),
    lent: LentValueSchema.optional(),
  })
  .meta({ id: 'Contribution' });
export type Contribution = z.infer<typeof ContributionSchema>;

export const ContributionViewSchema = ContributionSchema.extend({
  valueCents: CentsSchema.optional().meta({ description: 'Valeur calculée avec les chiffres officiels datés (kilomètres : part du total annuel de la personne)' }),
  personName: z.string().optional().meta({ description: 'Nom affiché, seulement si la personne y consent ou si vous la gérez' }),
}).meta({ id: 'ContributionView' });
export type ContributionView = z.infer<typeof ContributionViewSchema>;

export const ContributionListQuery = z.strictObject({
  from: DaySchema.optional(),
  to: DaySchema.optional(),
  placeId: IdSchema.optional(),
  personId: IdSchema.optional(),
  project: z.string().max(120).optional(),
  kind: z.enum(CONTRIBUTION_KINDS).optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});
