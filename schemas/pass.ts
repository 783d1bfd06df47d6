import * as z from 'zod';
import { CentsSchema, DaySchema, IdSchema, TimestampSchema } from './common.js';

export const PASS_PERIODS = ['month', 'year'] as const;

export const PassInputSchema = z
  .strictObject({
    personId: IdSchema,
    period: z.enum(PASS_PERIODS),
    daysPerPeriod: z.number().int().min(1).max(366),
    priceCents: CentsSchema,
    startsOn: DaySchema,
    endsOn: DaySchema.optional(),
  })
  .refine((p) => p.endsOn === undefined || p.endsOn >= p.startsOn, { message: 'la fin doit suivre le début', path: ['endsOn'] })
  .refine((p) => p.period === 'year' || p.daysPerPeriod <= 31, { message: '31 jours au plus par mois', path: ['daysPerPeriod'] })
  .meta({ id: 'PassInput' });
export type PassInput = z.infer<typeof PassInputSchema>;

/** A mobility pass: `daysPerPeriod` visit days in each calendar month (or year) between startsOn and endsOn. */
export const PassSchema = z
  .object({
    id: IdSchema,
    personId: IdSchema,
    homePlaceId: IdSchema,
    period: z.enum(PASS_PERIODS),
    daysPerPeriod: z.number().int(),
    priceCents: z.number().int(),
    startsOn: DaySchema,
    endsOn: DaySchema.optional(),
    entryId: IdSchema.optional(),
    createdAt: TimestampSchema,
    createdBy: z.string(),
  })
  .meta({ id: 'Pass' });
export type Pass = z.infer<typeof PassSchema>;

export const PassWithUsageSchema = PassSchema.extend({
  usage: z.array(z.object({ period: z.string(), usedDays: z.number().int() })).meta({ description: 'Jours utilisés par période (AAAA-MM ou AAAA)' }),
}).meta({ id: 'PassWithUsage' });
