/**
 * What differs between the three directory record types, in one table:
 * schemas, defaults applied at creation, the place that owns a record, and the
 * references that must exist.
 */
import type { z } from 'zod';
import { PlaceInputSchema, PlacePatchSchema, PlaceSchema, type Place } from '../../../schemas/place.js';
import { ResourceInputSchema, ResourcePatchSchema, ResourceSchema, type Resource } from '../../../schemas/resource.js';
import { PersonInputSchema, PersonPatchSchema, PersonSchema, type Person } from '../../../schemas/person.js';
import type { DirectoryType } from '../../../integrations/dynamodb/keys.js';

export interface RecordTypeConfig {
  type: DirectoryType;
  /** French label used in error messages. */
  label: string;
  input: z.ZodType;
  patch: z.ZodType;
  stored: z.ZodType;
  defaults: Record<string, unknown>;
  /** The place whose manager may change the record. */
  ownerPlaceId: (record: Record<string, unknown>) => string;
  /** Field naming the place the record belongs to, checked to exist. */
  placeRefField?: string;
}

export const RECORD_TYPES: Record<DirectoryType, RecordTypeConfig> = {
  place: {
    type: 'place',
    label: 'Lieu',
    input: PlaceInputSchema,
    patch: PlacePatchSchema,
    stored: PlaceSchema,
    defaults: { tags: [], membership: 'member' },
    ownerPlaceId: (r) => r.id as string,
  },
  resource: {
    type: 'resource',
    label: 'Ressource',
    input: ResourceInputSchema,
    patch: ResourcePatchSchema,
    stored: ResourceSchema,
    defaults: { quantity: 1, uses: [], rates: [] },
    ownerPlaceId: (r) => r.placeId as string,
    placeRefField: 'placeId',
  },
  person: {
    type: 'person',
    label: 'Personne',
    input: PersonInputSchema,
    patch: PersonPatchSchema,
    stored: PersonSchema,
    defaults: { skills: [], publicProfile: false },
    ownerPlaceId: (r) => r.homePlaceId as string,
    placeRefField: 'homePlaceId',
  },
};

export type RecordOf<T extends DirectoryType> = T extends 'place' ? Place : T extends 'resource' ? Resource : Person;
