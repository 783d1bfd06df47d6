/**
 * The directory is small (a few thousand records) and read far more than written.
 * Searches run in memory over a snapshot that is reloaded only when the directory
 * version counter (bumped in every write transaction) has moved: a search then
 * costs one strongly consistent GetItem of a tiny item, instead of reading every
 * candidate record. See the bench for the measured capacity.
 */
import type { Deps } from '../deps.js';
import { getDirectoryVersion, listDirectoryRecordsByType } from '../../../integrations/dynamodb/directory-repository.js';
import { PlaceSchema, type Place } from '../../../schemas/place.js';
import { ResourceSchema, type Resource } from '../../../schemas/resource.js';
import { PersonSchema, type Person } from '../../../schemas/person.js';
import { normalizeText } from './text.js';

export interface IndexedResource {
  resource: Resource;
  place: Place;
  text: string;
}

export interface DirectorySnapshot {
  version: number;
  places: Place[];
  placesById: Map<string, Place>;
  placeText: Map<string, string>;
  resources: IndexedResource[];
  people: Person[];
}

const cache = new WeakMap<Deps['table'], DirectorySnapshot>();

/** The current snapshot, reloaded when a write happened since the cached one. */
export async function loadDirectorySnapshot(deps: Deps): Promise<DirectorySnapshot> {
  const version = await getDirectoryVersion(deps.table);
  const cached = cache.get(deps.table);
  if (cached && cached.version === version) return cached;
  const [rawPlaces, rawResources, rawPeople] = await Promise.all([
    listDirectoryRecordsByType(deps.table, 'place'),
    listDirectoryRecordsByType(deps.table, 'resource'),
    listDirectoryRecordsByType(deps.table, 'person'),
  ]);
  const places = rawPlaces.map((r) => PlaceSchema.parse(r));
  const placesById = new Map(places.map((p) => [p.id, p]));
  const placeText = new Map(places.map((p) => [p.id, normalizeText([p.name, p.address.commune, p.description ?? '', p.tags.join(' ')].join(' '))]));
  const resources: IndexedResource[] = [];
  for (const raw of rawResources) {
    const resource = ResourceSchema.parse(raw);
    const place = placesById.get(resource.placeId);
    if (!place) continue;
    const text = normalizeText([resource.name, resource.description ?? '', resource.category, resource.uses.join(' '), place.name, place.address.commune].join(' '));
    resources.push({ resource, place, text });
  }
  const snapshot: DirectorySnapshot = { version, places, placesById, placeText, resources, people: rawPeople.map((r) => PersonSchema.parse(r)) };
  cache.set(deps.table, snapshot);
  return snapshot;
}
