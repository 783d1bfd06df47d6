import * as z from 'zod';
import { CentsSchema, IdSchema, ListQueryShape, TimestampSchema, UrlSchema, patchOf, inSaneYears, YEARS_MESSAGE, nameText } from './common.js';
import { PlaceSummarySchema } from './place.js';
import { toParisIso } from '../functions/domain/events/paris-time.js';

export const EVENT_STATUSES = ['scheduled', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const RELAY_STATUSES = ['pending', 'posted', 'error'] as const;
export type RelayStatus = (typeof RELAY_STATUSES)[number];

/**
 * A date-time in Europe/Paris. Accepts ISO 8601 with an offset (`2026-05-12T18:30:00+02:00`,
 * `…Z`) or without (`2026-05-12T18:30`, read as Paris wall-clock time); always stored and
 * returned with the Paris offset of that instant.
 */
export const ParisDateTimeSchema = z
  .string()
  .trim()
  .pipe(z.iso.datetime({ offset: true, local: true, message: 'date-heure ISO 8601 attendue, ex. 2026-05-12T18:30 (heure de Paris)' }))
  .refine(inSaneYears, YEARS_MESSAGE)
  .transform((s) => toParisIso(s))
  .meta({ description: 'Date-heure ISO 8601 ; sans décalage, elle est lue à l’heure de Paris. Rendue avec le décalage de Paris.' });

export const EventInputShape = {
  placeId: IdSchema,
  title: nameText(200),
  description: z.string().max(5000).optional(),
  startsAt: ParisDateTimeSchema,
  endsAt: ParisDateTimeSchema.optional(),
  url: UrlSchema.optional().meta({ description: 'Page de l’événement sur le site du lieu (billetterie…)' }),
  imageUrl: UrlSchema.optional().meta({ description: 'Image publique ; l’événement est alors publié sur Facebook comme photo' }),
  priceCents: CentsSchema.optional().meta({ description: 'Prix d’entrée en centimes ; 0 = gratuit ; absent = non précisé' }),
  tags: z.array(nameText(50)).max(20).optional(),
  status: z.enum(EVENT_STATUSES).optional().meta({ description: '`cancelled` annule l’événement (il reste publié, marqué annulé)' }),
  relay: z
    .strictObject({ facebook: z.boolean().meta({ description: 'Relayer sur la page Facebook du réseau' }) })
    .optional(),
};

export const EventInputSchema = z.strictObject(EventInputShape).meta({ id: 'EventInput' });
export type EventInput = z.infer<typeof EventInputSchema>;
export const EventPatchSchema = patchOf(EventInputShape).meta({ id: 'EventPatch' });
export type EventPatch = z.infer<typeof EventPatchSchema>;

export const RelayErrorSchema = z.object({
  code: z.number().int().optional().meta({ description: 'Code d’erreur Graph (190 = jeton invalide, 4/17/32/613 = limite de débit…)' }),
  subcode: z.number().int().optional(),
  message: z.string(),
  at: TimestampSchema,
});
export type RelayError = z.infer<typeof RelayErrorSchema>;

/**
 * The Facebook relay of one event, as shown by the API:
 * - `enabled`: what the event asks for (`relay.facebook` on input);
 * - `status`: `pending` (a relay is queued or being retried), `posted` (the Page post exists and
 *   matches the event), `error` (the relay stopped: see `lastError`; an administrator acts);
 *   absent when nothing was ever requested;
 * - `postId`: the Page post (`{page-id}_{post-id}`), once published;
 * - `lastError`: the last failure (kept while retrying, cleared on success);
 * - `nextAttemptAt`: when a throttled relay will be retried.
 */
export const FacebookRelaySchema = z
  .object({
    enabled: z.boolean(),
    status: z.enum(RELAY_STATUSES).optional(),
    postId: z.string().optional(),
    postedAt: TimestampSchema.optional(),
    lastError: RelayErrorSchema.optional(),
    nextAttemptAt: TimestampSchema.optional(),
  })
  .meta({ id: 'FacebookRelay' });
export type FacebookRelay = z.infer<typeof FacebookRelaySchema>;

/** The event item as stored (the relay's progress lives in its own item, merged on read). */
export const StoredEventSchema = z.object({
  id: IdSchema,
  placeId: IdSchema,
  title: z.string(),
  description: z.string().optional(),
  startsAt: TimestampSchema,
  endsAt: TimestampSchema.optional(),
  url: UrlSchema.optional(),
  imageUrl: UrlSchema.optional(),
  priceCents: CentsSchema.optional(),
  tags: z.array(z.string()),
  status: z.enum(EVENT_STATUSES),
  relay: z.object({ facebook: z.object({ enabled: z.boolean() }) }),
  cancelledAt: TimestampSchema.optional(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int().min(1),
});
export type StoredEvent = z.infer<typeof StoredEventSchema>;

export const EventSchema = StoredEventSchema.extend({
  relay: z.object({ facebook: FacebookRelaySchema }),
  place: PlaceSummarySchema.optional(),
}).meta({ id: 'Event' });
export type Event = z.infer<typeof EventSchema>;

/** A Paris day (`2026-05-12`, the whole day) or a date-time. */
const DayOrDateTimeSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, { message: 'date AAAA-MM-JJ ou date-heure ISO 8601 attendue', abort: true })
  .refine(inSaneYears, YEARS_MESSAGE);

export const EventQuerySchema = z.strictObject({
  ...ListQueryShape,
  from: DayOrDateTimeSchema.optional().meta({ description: 'Événements pas encore finis à cette date (défaut : maintenant). Un jour = dès 0 h, heure de Paris' }),
  to: DayOrDateTimeSchema.optional().meta({ description: 'Événements commençant au plus tard à cette date (un jour = ce jour inclus)' }),
  placeId: IdSchema.optional(),
  tag: z.string().max(50).optional().meta({ description: 'Étiquette exacte (sans casse ni accents)' }),
  commune: z.string().max(100).optional().meta({ description: 'Commune exacte du lieu (sans casse ni accents)' }),
  q: z.string().max(200).optional().meta({ description: 'Texte sur titre, description, étiquettes, lieu et commune (sans casse ni accents)' }),
  status: z.enum(EVENT_STATUSES).optional().meta({ description: 'Par défaut : programmés et annulés (les annulés restent visibles, marqués)' }),
});
export type EventQuery = z.infer<typeof EventQuerySchema>;
