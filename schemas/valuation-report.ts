import * as z from 'zod';
import { DaySchema } from './common.js';

const Amounts = {
  hours: z.number(),
  km: z.number(),
  timeValueCents: z.number().int(),
  mileageValueCents: z.number().int(),
  inKindValueCents: z.number().int(),
  totalCents: z.number().int(),
};

export const BudgetLineSchema = z.object({
  code: z.string().meta({ description: '860, 861, 862, 864, 870, 871 ou 875' }),
  class: z.enum(['86', '87']),
  label: z.string(),
  amountCents: z.number().int(),
});

export const ValuationReportSchema = z
  .object({
    year: z.number().int(),
    placeId: z.string().optional(),
    project: z.string().optional(),
    contributions: z.number().int().meta({ description: 'Nombre de contributions comptées (les archivées ne le sont pas)' }),
    ...Amounts,
    lines: z.array(BudgetLineSchema).meta({ description: 'Comptes 86 (emplois) et 87 (contributions), Cerfa n° 12156' }),
    total86Cents: z.number().int(),
    total87Cents: z.number().int(),
    byMonth: z.array(z.object({ month: z.string(), ...Amounts })),
    byPlace: z.array(z.object({ placeId: z.string(), placeName: z.string(), ...Amounts })),
    byProject: z.array(z.object({ project: z.string().nullable().meta({ description: 'null : sans projet' }), ...Amounts })),
    byActivity: z.array(z.object({ activity: z.string(), ...Amounts })),
    inKindByResource: z.array(z.object({ resourceId: z.string().nullable(), name: z.string(), quantity: z.number(), unit: z.string().nullable(), valueCents: z.number().int() })),
    figures: z.object({
      smic: z.array(z.object({ from: DaySchema, hourlyCents: z.number().int(), source: z.string() })),
      chargedCoefficient: z.number(),
      levelMultipliers: z.object({ execution: z.number(), supervision: z.number(), expertise: z.number() }),
      mileageGrid: z.object({ from: DaySchema, source: z.string(), electricBonusPercent: z.number() }).nullable(),
      lines: z.record(z.string(), z.object({ use: z.string(), source: z.string() })),
      budget: z.string(),
      rounding: z.string(),
    }),
  })
  .meta({ id: 'ValuationReport' });
export type ValuationReport = z.infer<typeof ValuationReportSchema>;
export type ReportAmounts = { hours: number; km: number; timeValueCents: number; mileageValueCents: number; inKindValueCents: number; totalCents: number };
