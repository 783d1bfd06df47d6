/**
 * The directory is small (a few thousand records) and read far more than written.
 * Searches run in memory over a snapshot checked against the directory version
 * counter (bumped in every write transaction): when nothing changed, a search
 * costs one strongly consistent GetItem of a tiny item instead of reading every
 * candidate record.
 *
 * When the version moved, the snapshot catches up from the change log (the copies
 * of the last days' writes, by time), reading only the changes stamped since its
 * watermark; it reloads in full only when it is older than the change log or when
 * the changes found do not account for every write the version counter counted.
 * Figures: `npm run bench -- api`.
 */
import type { Deps } from '../deps.js';
import { CHANGE_LOG_DAYS, getDirectoryVersion, listDirectoryChangesSince, listDirectoryRecordsByType, type DirectoryChange } from '../../../integrations/dynamodb/directory-repository.js';
import type { DirectoryType } from '../../../integrations/dynamodb/keys.js';
import { PlaceSchema, type Place } from '../../../schemas/place.js';
import { ResourceSchema, type Resource } from '../../../schemas/resource.js';
import { PersonSchema, type Person } from '../../../schemas/person.js';
import { normalizeText } from './text.js';
import { categoryLabel } from '../../../schemas/resource-categories.js';

export interface IndexedResource {
  resource: Resource;
  place: Place;
  /** Normalized search text (name, description, category, uses, place name, commune). */
  text: string;
  /** Normalized category, compared as is by the category filter. */
  category: string;
}

export interface DirectorySnapshot {
  version: number;
  places: Place[];
  placesById: Map<string, Place>;
  placeText: Map<string, string>;
  resources: IndexedResource[];
  people: Person[];
}

interface CacheEntry {
  snapshot: DirectorySnapshot;
  records: { place: Map<string, Place>; resource: Map<string, Resource>; person: Map<string, Person> };
  /** Latest `updatedAt` seen. */
  watermark: string;
}

/** How far back to look when a change was stamped before the watermark. */
const LOOK_BACK_MS = 60_000;
const cache = new WeakMap<Deps['table'], CacheEntry>();

const PARSERS = { place: PlaceSchema, resource: ResourceSchema, person: PersonSchema } as const;

function buildSnapshot(version: number, records: CacheEntry['records']): DirectorySnapshot {
  const places = [...records.place.values()];
  const placesById = records.place;
  const placeText = new Map(places.map((p) => [p.id, normalizeText([p.name, p.address.commune, p.description ?? '', p.tags.join(' ')].join(' '))]));
  const resources: IndexedResource[] = [];
  for (const resource of records.resource.values()) {
    const place = placesById.get(resource.placeId);
    if (!place) continue;
    const text = normalizeText([resource.name, resource.description ?? '', resource.category, categoryLabel(resource.category), resource.uses.join(' '), place.name, place.address.commune].join(' '));
    resources.push({ resource, place, text, category: normalizeText(resource.category) });
  }
  // Creation order (ids are time-sortable) keeps paging stable across refreshes.
  resources.sort((a, b) => (a.resource.id < b.resource.id ? -1 : 1));
  return { version, places, placesById, placeText, resources, people: [...records.person.values()] };
}

async function loadAll(deps: Deps, version: number): Promise<CacheEntry> {
  const [rawPlaces, rawResources, rawPeople] = await Promise.all([
    listDirectoryRecordsByType(deps.table, 'place'),
    listDirectoryRecordsByType(deps.table, 'resource'),
    listDirectoryRecordsByType(deps.table, 'person'),
  ]);
  const records: CacheEntry['records'] = {
    place: new Map(rawPlaces.map((r) => PlaceSchema.parse(r)).map((p) => [p.id, p])),
    resource: new Map(rawResources.map((r) => ResourceSchema.parse(r)).map((x) => [x.id, x])),
    person: new Map(rawPeople.map((r) => PersonSchema.parse(r)).map((x) => [x.id, x])),
  };
  let watermark = '';
  for (const map of Object.values(records)) for (const r of map.values()) if (r.updatedAt > watermark) watermark = r.updatedAt;
  return { snapshot: buildSnapshot(version, records), records, watermark };
}

async function catchUp(deps: Deps, entry: CacheEntry, version: number): Promise<CacheEntry> {
  const writes = version - entry.snapshot.version;
  const isNew = ({ type, record }: DirectoryChange) => {
    const current = entry.records[type].get(String(record.id));
    return !current || current.version < Number(record.version);
  };
  // Each write adds one change and one to the version. Fewer new changes than writes
  // means a writer stamped its change before our watermark (a clock a little behind,
  // or a commit that overtook another): look back a minute, then reload in full.
  let changes = await listDirectoryChangesSince(deps.table, entry.watermark);
  if (changes.filter(isNew).length < writes) {
    changes = await listDirectoryChangesSince(deps.table, new Date(Date.parse(entry.watermark) - LOOK_BACK_MS).toISOString());
    if (changes.filter(isNew).length < writes) return loadAll(deps, version);
  }
  let watermark = entry.watermark;
  for (const change of changes) {
    if (!isNew(change)) continue;
    const parsed = PARSERS[change.type].parse(change.record) as Place & Resource & Person;
    (entry.records[change.type] as Map<string, typeof parsed>).set(parsed.id, parsed);
    if (parsed.updatedAt > watermark) watermark = parsed.updatedAt;
  }
  return { snapshot: buildSnapshot(version, entry.records), records: entry.records, watermark };
}

/** The current snapshot: cached, caught up from the change log, or loaded in full. */
export async function loadDirectorySnapshot(deps: Deps): Promise<DirectorySnapshot> {
  const version = await getDirectoryVersion(deps.table);
  const cached = cache.get(deps.table);
  if (cached && cached.snapshot.version === version) return cached.snapshot;
  const logHorizon = deps.now().getTime() - (CHANGE_LOG_DAYS - 1) * 86_400_000;
  const fresh = cached && cached.watermark && Date.parse(cached.watermark) > logHorizon ? await catchUp(deps, cached, version) : await loadAll(deps, version);
  cache.set(deps.table, fresh);
  return fresh.snapshot;
}
