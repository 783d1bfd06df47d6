import * as z from 'zod';
import { DaySchema, IdSchema, TimestampSchema } from './common.js';
import { VehicleSchema } from './contribution.js';
import { SMIC_BRUT_HORAIRE } from '../functions/domain/valuation/figures/smic.js';
import { BAREME_KILOMETRIQUE_VOITURES } from '../functions/domain/valuation/figures/bareme-kilometrique.js';
import { DEFAULT_LINES, SOURCE_LINES, USE_LINES } from '../functions/domain/valuation/figures/budget-lines.js';

const USE_CODES = Object.keys(USE_LINES) as [keyof typeof USE_LINES, ...(keyof typeof USE_LINES)[]];
const SOURCE_CODES = Object.keys(SOURCE_LINES) as [keyof typeof SOURCE_LINES, ...(keyof typeof SOURCE_LINES)[]];

export const SmicEntrySchema = z.strictObject({
  from: DaySchema.meta({ description: 'Date d’effet' }),
  hourlyCents: z.number().int().min(100).max(100_000).meta({ description: 'SMIC brut horaire, en centimes' }),
  source: z.string().trim().min(1).max(300),
});

const PerKm = z.number().int().min(1).max(10_000).meta({ description: 'Millièmes d’euro par km (0,529 € → 529)' });
export const MileageGridSchema = z.strictObject({
  from: DaySchema.meta({ description: 'Premier jour auquel le barème s’applique' }),
  source: z.string().trim().min(1).max(300),
  electricBonusPercent: z.number().int().min(0).max(100),
  rows: z
    .array(
      z.strictObject({
        cv: z.union([z.literal(3), z.literal(4), z.literal(5), z.literal(6), z.literal(7)]).meta({ description: '3 = 3 CV et moins, 7 = 7 CV et plus' }),
        upTo5000: z.strictObject({ perKmMillis: PerKm }),
        from5001To20000: z.strictObject({ perKmMillis: PerKm, fixedCents: z.number().int().min(0).max(10_000_000) }),
        over20000: z.strictObject({ perKmMillis: PerKm }),
      }),
    )
    .length(5)
    .refine((rows) => new Set(rows.map((r) => r.cv)).size === 5, 'une ligne par puissance fiscale est attendue : 3, 4, 5, 6 et 7 CV'),
});

const LineChoice = z.strictObject({ use: z.enum(USE_CODES).meta({ description: 'Compte 86x' }), source: z.enum(SOURCE_CODES).meta({ description: 'Compte 87x' }) });

function sortedUniqueDates(entries: { from: string }[]): boolean {
  return entries.every((e, i) => i === 0 || entries[i - 1]!.from < e.from);
}

export const ValuationSettingsInputSchema = z
  .strictObject({
    smicHourly: z
      .array(SmicEntrySchema)
      .min(1)
      .max(100)
      .refine(sortedUniqueDates, 'les dates d’effet doivent être distinctes et rangées de la plus ancienne à la plus récente')
      .default(() => SMIC_BRUT_HORAIRE.map((e) => ({ ...e })))
      .meta({ description: 'SMIC brut horaire par date d’effet (par défaut : les valeurs officielles)' }),
    chargedCoefficient: z.number().min(1).max(3).default(1).meta({ description: 'Coefficient de charges appliqué au SMIC (1 = SMIC brut ; les financeurs acceptent souvent le SMIC chargé, ex. 1,45)' }),
    levelMultipliers: z
      .strictObject({ execution: z.number().min(0.1).max(10), supervision: z.number().min(0.1).max(10), expertise: z.number().min(0.1).max(10) })
      .default({ execution: 1, supervision: 2, expertise: 3 })
      .meta({ description: 'Multiplicateur par niveau : exécution, encadrement, expertise' }),
    mileageGrids: z
      .array(MileageGridSchema)
      .min(1)
      .max(50)
      .refine(sortedUniqueDates, 'les dates d’effet doivent être distinctes et rangées de la plus ancienne à la plus récente')
      .default(() => structuredClone([...BAREME_KILOMETRIQUE_VOITURES]))
      .meta({ description: 'Barème kilométrique (voitures) par date d’effet (par défaut : le barème officiel)' }),
    lines: z
      .strictObject({ time: LineChoice, resource: LineChoice, mileage: LineChoice, explicit: LineChoice })
      .default(() => structuredClone(DEFAULT_LINES))
      .meta({ description: 'Comptes 86x / 87x de chaque sorte de contribution (temps, ressource prêtée, kilomètres, valeur explicite)' }),
    coordinator: z
      .strictObject({ personId: IdSchema, volunteer: z.boolean(), vehicle: VehicleSchema.optional() })
      .optional()
      .meta({ description: 'La personne qui coordonne la rotation : si elle est bénévole et a un véhicule, les km de ses visites deviennent des contributions « mileage »' }),
  })
  .meta({ id: 'ValuationSettingsInput' });
export type ValuationSettingsInput = z.input<typeof ValuationSettingsInputSchema>;
export type ValuationFigures = z.output<typeof ValuationSettingsInputSchema>;

export const ValuationSettingsSchema = z
  .object({
    ...ValuationSettingsInputSchema.shape,
    updatedAt: TimestampSchema.optional(),
    updatedBy: z.string().optional(),
  })
  .meta({ id: 'ValuationSettings' });
export type ValuationSettings = z.output<typeof ValuationSettingsSchema>;

/** The official figures, used until the admin saves settings. */
export function defaultValuationSettings(): ValuationSettings {
  return ValuationSettingsInputSchema.parse({});
}
