import * as z from 'zod';
import { DaySchema, IdSchema, TimestampSchema } from './common.js';

export const RotationInputSchema = z
  .strictObject({
    from: DaySchema,
    to: DaySchema,
    days: z
      .union([z.array(DaySchema).min(1).max(400), z.literal('weekdays')])
      .meta({ description: 'Les jours travaillés (AAAA-MM-JJ), ou « weekdays » : du lundi au vendredi entre from et to, jours fériés exclus' }),
    basePlaceId: IdSchema.meta({ description: 'Lieu de départ et de retour de chaque tournée (il n’est pas une étape)' }),
    placeIds: z.array(IdSchema).min(1).max(200).optional().meta({ description: 'Lieux à visiter (par défaut : tous les lieux non archivés qui ont des coordonnées, sauf la base)' }),
    weights: z.record(IdSchema, z.number().min(0).max(100)).optional().meta({ description: 'Poids par lieu (1 par défaut) : les visites sont réparties en proportion' }),
    maxPlacesPerDay: z.number().int().min(1).max(8).default(2),
  })
  .superRefine((r, ctx) => {
    if (r.from > r.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '« to » doit suivre « from »' });
    else if (Date.parse(r.to) - Date.parse(r.from) > 366 * 86_400_000) ctx.addIssue({ code: 'custom', path: ['to'], message: 'une rotation couvre une année au plus' });
    if (Array.isArray(r.days)) {
      r.days.forEach((d, i) => {
        if (d < r.from || d > r.to) ctx.addIssue({ code: 'custom', path: ['days', i], message: `jour hors de la période ${r.from} – ${r.to}` });
      });
    }
  })
  .meta({ id: 'RotationInput' });
export type RotationInput = z.infer<typeof RotationInputSchema>;

const Stop = z.object({ placeId: z.string(), placeName: z.string() });

export const RotationSchema = z
  .object({
    id: IdSchema,
    from: DaySchema,
    to: DaySchema,
    basePlaceId: IdSchema,
    basePlaceName: z.string(),
    maxPlacesPerDay: z.number().int(),
    roadFactor: z.number().meta({ description: 'Distance routière estimée = distance à vol d’oiseau × ce facteur' }),
    totalKm: z.number(),
    visitsPerPlace: z.array(z.object({ placeId: z.string(), placeName: z.string(), weight: z.number(), visits: z.number().int() })),
    days: z.array(z.object({ date: DaySchema, km: z.number(), stops: z.array(Stop) })),
    skipped: z.array(z.object({ placeId: z.string(), placeName: z.string(), reason: z.string() })),
    createdAt: TimestampSchema,
    createdBy: z.string(),
  })
  .meta({ id: 'Rotation' });
export type Rotation = z.infer<typeof RotationSchema>;

export const CoordinationVisitInputSchema = z
  .strictObject({
    placeId: IdSchema,
    date: DaySchema,
    notes: z.string().trim().min(1).max(5000),
    todos: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
    km: z.number().gt(0, 'un nombre de kilomètres positif est attendu').max(2000).optional().meta({ description: 'Kilomètres parcourus pour cette visite (contribution « mileage » quand la personne qui coordonne est bénévole)' }),
    confirmDirectory: z.boolean().optional().meta({ description: 'true : le lieu et ses ressources sont marqués vérifiés aujourd’hui' }),
  })
  .meta({ id: 'CoordinationVisitInput' });
export type CoordinationVisitInput = z.infer<typeof CoordinationVisitInputSchema>;

export const CoordinationVisitSchema = z
  .object({
    id: IdSchema,
    placeId: IdSchema,
    placeName: z.string(),
    date: DaySchema,
    notes: z.string(),
    todos: z.array(z.string()),
    km: z.number().optional(),
    confirmDirectory: z.boolean(),
    verified: z.object({ place: z.boolean(), resources: z.number().int() }).optional(),
    mileageContributionId: IdSchema.optional(),
    mileageNote: z.string().optional().meta({ description: 'Pourquoi les kilomètres n’ont pas donné de contribution, le cas échéant' }),
    createdAt: TimestampSchema,
    createdBy: z.string(),
  })
  .meta({ id: 'CoordinationVisit' });
export type CoordinationVisit = z.infer<typeof CoordinationVisitSchema>;

export const CoordinationVisitQuery = z.strictObject({ placeId: IdSchema.optional(), from: DaySchema.optional(), to: DaySchema.optional() });
