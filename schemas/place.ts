import * as z from 'zod';
import { CentsSchema, RecordMetaShape, UrlSchema, patchOf, DecimalSchema, nameText } from './common.js';
import { LegalIdSchema } from './legal-id.js';

export const PLACE_TAGS = ['coworking', 'fablab', 'atelier', 'tiers-lieu', 'café associatif', 'ressourcerie', 'espace de vie sociale', 'gîte', 'jardin partagé', 'numérique'] as const;
export const MEMBERSHIP_STATUSES = ['member', 'candidate', 'partner', 'former'] as const;

export const AddressSchema = z.strictObject({
  street: z.string().trim().max(300).optional(),
  postcode: z.string().regex(/^\d{5}$/, '5 chiffres attendus pour le code postal'),
  commune: nameText(200),
});

export const LocationSchema = z.strictObject({
  lat: DecimalSchema.min(-90).max(90),
  lon: DecimalSchema.min(-180).max(180),
});

/** A place's settings for the coworker mobility scheme. */
export const PlaceMobilitySchema = z.strictObject({
  acceptsVisitors: z.boolean(),
  dailyVisitorCapacity: z.number().int().min(0).max(1000),
  preferentialDayRateCents: CentsSchema,
  /** Check-ins at the door wait for the host's confirmation (7 days) unless turned off. */
  checkinNeedsConfirmation: z.boolean().optional(),
  /** The scheme of this place's people when they check in elsewhere without a pass. */
  defaultVisitScheme: z.enum(['retrocession', 'preferential']).optional(),
});

export const PlaceInputShape = {
  name: nameText(200),
  description: z.string().max(5000).optional(),
  address: AddressSchema,
  location: LocationSchema.optional(),
  website: UrlSchema.optional(),
  email: z.email().optional(),
  phone: z.string().trim().max(40).optional(),
  tags: z
    .array(nameText(50))
    .max(30)
    .optional()
    .meta({ description: `Étiquettes libres ; suggestions : ${PLACE_TAGS.join(', ')}` }),
  openingHours: z.string().max(500).optional().meta({ description: 'Syntaxe OpenStreetMap opening_hours, ex. « Mo-Fr 09:00-18:00 »' }),
  accessibility: z.string().max(1000).optional(),
  membership: z.enum(MEMBERSHIP_STATUSES).optional(),
  mobility: PlaceMobilitySchema.optional(),
  legalId: LegalIdSchema.optional(),
};

export const PlaceInputSchema = z.strictObject(PlaceInputShape).meta({ id: 'PlaceInput' });
export type PlaceInput = z.infer<typeof PlaceInputSchema>;
export const PlacePatchSchema = patchOf(PlaceInputShape).meta({ id: 'PlacePatch' });

export const PlaceSchema = z
  .object({
    ...RecordMetaShape,
    ...PlaceInputShape,
    tags: z.array(z.string()),
    membership: z.enum(MEMBERSHIP_STATUSES),
  })
  .meta({ id: 'Place' });
export type Place = z.infer<typeof PlaceSchema>;

/** What a resource or person in a list carries about its place. */
export const PlaceSummarySchema = z.object({ id: z.string(), name: z.string(), commune: z.string() }).meta({ id: 'PlaceSummary' });
export type PlaceSummary = z.infer<typeof PlaceSummarySchema>;
