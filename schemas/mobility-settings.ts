import * as z from 'zod';
import { CentsSchema, TimestampSchema, DecimalSchema } from './common.js';

/** Network-wide mobility settings (the admin sets them; see design.md "Mobility ledger semantics"). */
export const MobilitySettingsInputSchema = z
  .strictObject({
    dayValueCents: CentsSchema.meta({ description: 'Valeur de référence d’une journée de coworking, en centimes' }),
    retrocessionShare: DecimalSchema.min(0).max(1).meta({ description: 'Part de la journée reversée par le lieu d’attache au lieu d’accueil (0..1)' }),
    passDayRateCents: CentsSchema.meta({ description: 'Ce que la tête de réseau verse au lieu d’accueil par journée « pass »' }),
    noShowPolicy: z.enum(['release', 'charge']).optional().meta({ description: 'Réservation non honorée à la fin de sa journée : libérée (par défaut) ou comptée comme une visite' }),
  })
  .meta({ id: 'MobilitySettingsInput' });
export type MobilitySettingsInput = z.infer<typeof MobilitySettingsInputSchema>;

export const MobilitySettingsSchema = MobilitySettingsInputSchema.extend({
  updatedAt: TimestampSchema.optional(),
  updatedBy: z.string().optional(),
}).meta({ id: 'MobilitySettings' });
export type MobilitySettings = z.infer<typeof MobilitySettingsSchema>;

/** Used until the admin saves settings: 20 € a day, half of it handed over, 12 € per pass day. */
export const DEFAULT_MOBILITY_SETTINGS: MobilitySettingsInput = { dayValueCents: 2000, retrocessionShare: 0.5, passDayRateCents: 1200 };
