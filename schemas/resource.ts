import * as z from 'zod';
import { CentsSchema, IdSchema, RecordMetaShape, UrlSchema, patchOf, DecimalSchema, nameText } from './common.js';
import { PlaceSummarySchema } from './place.js';
import { CATEGORY_LABELS, describeCategories } from './resource-categories.js';

export const RESOURCE_KINDS = ['space', 'equipment', 'other'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Suggested categories per kind (their French labels: resource-categories.ts); other values are allowed. */
export const SUGGESTED_CATEGORIES: Record<ResourceKind, readonly string[]> = {
  space: Object.keys(CATEGORY_LABELS.space),
  equipment: Object.keys(CATEGORY_LABELS.equipment),
  other: Object.keys(CATEGORY_LABELS.other),
};

export const RATE_UNITS = ['hour', 'half_day', 'day', 'week', 'month', 'unit'] as const;
export type RateUnit = (typeof RATE_UNITS)[number];
export const RATE_AUDIENCES = ['public', 'network', 'member'] as const;

export const RateSchema = z.strictObject({
  unit: z.enum(RATE_UNITS),
  amountCents: CentsSchema,
  audience: z.enum(RATE_AUDIENCES),
});
export type Rate = z.infer<typeof RateSchema>;

export const SharingSchema = z.strictObject({
  lendable: z.boolean().meta({ description: 'Peut sortir du lieu (prêt hors les murs)' }),
  depositCents: CentsSchema.optional(),
  trainingRequired: z.boolean().optional(),
  conditions: z.string().max(2000).optional(),
});

export const ResourceInputShape = {
  placeId: IdSchema,
  kind: z.enum(RESOURCE_KINDS),
  category: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .meta({ description: 'Catégorie : un code (l’API garde les codes ; pages, export CSV, widget et feuille affichent le libellé). Suggestions, libellé (code) : ' + describeCategories() }),
  name: nameText(200),
  description: z.string().max(5000).optional(),
  capacity: z.number().int().min(0).max(100_000).optional(),
  surfaceM2: DecimalSchema.positive().max(1_000_000).optional(),
  uses: z.array(nameText(100)).max(30).optional(),
  quantity: z.number().int().min(1).max(100_000).optional(),
  rates: z.array(RateSchema).max(20).optional(),
  sharing: SharingSchema.optional(),
  photos: z.array(UrlSchema).max(20).optional(),
  bookingUrl: UrlSchema.optional(),
};

export const ResourceInputSchema = z.strictObject(ResourceInputShape).meta({ id: 'ResourceInput' });
export type ResourceInput = z.infer<typeof ResourceInputSchema>;
export const ResourcePatchSchema = patchOf(ResourceInputShape).meta({ id: 'ResourcePatch' });

export const ResourceSchema = z
  .object({ ...RecordMetaShape, ...ResourceInputShape, quantity: z.number().int(), uses: z.array(z.string()), rates: z.array(RateSchema) })
  .meta({ id: 'Resource' });
export type Resource = z.infer<typeof ResourceSchema>;

/** A resource's place in a list: its summary, and its website when it has one (a card links to it without asking for the places). */
export const ResourcePlaceSchema = PlaceSummarySchema.extend({ website: UrlSchema.optional() }).meta({ id: 'ResourcePlace' });
export type ResourcePlace = z.infer<typeof ResourcePlaceSchema>;

export const ResourceListItemSchema = ResourceSchema.extend({
  place: ResourcePlaceSchema,
  distanceKm: z.number().optional(),
}).meta({ id: 'ResourceListItem' });
