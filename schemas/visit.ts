import * as z from 'zod';
import { DaySchema, IdSchema, TimestampSchema } from './common.js';
import { PostingSchema } from './ledger.js';

export const VISIT_SCHEMES = ['retrocession', 'pass', 'preferential'] as const;
export type VisitScheme = (typeof VISIT_SCHEMES)[number];

export const VisitInputSchema = z
  .strictObject({
    personId: IdSchema,
    hostPlaceId: IdSchema,
    date: DaySchema,
    scheme: z.enum(VISIT_SCHEMES),
  })
  .meta({ id: 'VisitInput' });
export type VisitInput = z.infer<typeof VisitInputSchema>;

/** One day of a person at a host place other than the home place, with the postings it made. */
export const VisitSchema = z
  .object({
    id: IdSchema,
    personId: IdSchema,
    homePlaceId: IdSchema,
    hostPlaceId: IdSchema,
    date: DaySchema,
    scheme: z.enum(VISIT_SCHEMES),
    status: z.enum(['active', 'cancelled']),
    passId: IdSchema.optional(),
    passPeriod: z.string().optional().meta({ description: 'Période du pass décomptée (AAAA-MM ou AAAA)' }),
    amountCents: z.number().int(),
    entryId: IdSchema.optional(),
    postings: z.array(PostingSchema),
    createdAt: TimestampSchema,
    createdBy: z.string(),
    cancelledAt: TimestampSchema.optional(),
    cancelledBy: z.string().optional(),
    cancellationEntryId: IdSchema.optional(),
    cancellationPostings: z.array(PostingSchema).optional(),
  })
  .meta({ id: 'Visit' });
export type Visit = z.infer<typeof VisitSchema>;

/** A visit in a list: names next to the ids (the person's only when the caller may see that person). */
export const VisitListItemSchema = VisitSchema.extend({
  personName: z.string().optional().meta({ description: 'Nom affiché de la personne, absent quand l’appelant ne peut pas la voir (profil non public)' }),
  hostPlaceName: z.string(),
  homePlaceName: z.string(),
}).meta({ id: 'VisitListItem' });
export type VisitListItem = z.infer<typeof VisitListItemSchema>;
