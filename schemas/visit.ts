import * as z from 'zod';
import { DaySchema, IdSchema, TimestampSchema } from './common.js';
import { PostingSchema } from './ledger.js';

export const VISIT_SCHEMES = ['retrocession', 'pass', 'preferential'] as const;
export type VisitScheme = (typeof VISIT_SCHEMES)[number];
/** `reserved`: a booked day holding a slot (and a pass day), nothing posted; `released`: a reservation freed unused. */
export const VISIT_STATUSES = ['active', 'cancelled', 'reserved', 'released'] as const;
/** How a visit came in: the API (or the sheet), a card link, the poster at the door, the no-show rule. */
export const VISIT_CHANNELS = ['api', 'card', 'checkin', 'no-show'] as const;
export type VisitChannel = (typeof VISIT_CHANNELS)[number];

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
    status: z.enum(VISIT_STATUSES),
    channel: z.enum(VISIT_CHANNELS).optional(),
    confirmation: z.enum(['pending', 'confirmed', 'refused']).optional().meta({ description: 'Passages enregistrés à la porte : à confirmer par le lieu d’accueil (7 jours), puis confirmés ou refusés' }),
    confirmBy: TimestampSchema.optional().meta({ description: 'Sans refus d’ici là, le passage est confirmé automatiquement' }),
    confirmedAt: TimestampSchema.optional(),
    confirmedBy: z.string().optional(),
    checkedInAt: TimestampSchema.optional(),
    releasedAt: TimestampSchema.optional(),
    noShow: z.boolean().optional(),
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
