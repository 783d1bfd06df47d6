import * as z from 'zod';
import { CentsSchema, DaySchema, IdSchema } from './common.js';

/** Free places of a host on a day: counts only, never who is there. */
export const AvailabilitySchema = z
  .object({
    placeId: IdSchema,
    placeName: z.string(),
    commune: z.string(),
    date: DaySchema,
    capacity: z.number().int().meta({ description: 'Visiteurs accueillis par jour au plus' }),
    taken: z.number().int().meta({ description: 'Places prises (visites et réservations)' }),
    remaining: z.number().int(),
    preferentialDayRateCents: CentsSchema,
    openingHours: z.string().optional(),
    distanceKm: z.number().optional(),
  })
  .meta({ id: 'Availability' });
export type Availability = z.infer<typeof AvailabilitySchema>;

export const ReservationInputSchema = z
  .strictObject({
    personId: IdSchema,
    hostPlaceId: IdSchema,
    date: DaySchema,
    scheme: z.enum(['retrocession', 'pass', 'preferential']),
  })
  .meta({ id: 'ReservationInput' });
export type ReservationInput = z.infer<typeof ReservationInputSchema>;
