/**
 * The directory is small (a few thousand records) and read far more than written.
 * Searches run in memory over a snapshot checked against the directory version
 * counter (bumped in every write transaction): when nothing changed, a search
 * costs one strongly consistent GetItem of a tiny item instead of reading every
 * candidate record.
 *
 * When the version moved, the snapshot catches up from the change log (the copies
 * of the last days' writes, by time), re-reading only what changed since its
 * watermark; it reloads in full only when it is older than the change log.
 * The watermark is moved back by a margin so writers whose clocks lag a little
 * are not missed; re-applying a change is harmless (records carry their version),
 * and a count check against the version counter falls back to a full reload if
 * a change was still missed.
 * Figures: `npm run bench -- api`.
 */
import type { Deps } from '../deps.js';
import { CHANGE_LOG_DAYS, getDirectoryVersion, listDirectoryChangesSince, listDirectoryRecordsByType } from '../../../integrations/dynamodb/directory-repository.js';
import type { DirectoryType } from '../../../integrations/dynamodb/keys.js';
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

interface CacheEntry {
  snapshot: DirectorySnapshot;
  records: { place: Map<string, Place>; resource: Map<string, Resource>; person: Map<string, Person> };
  /** Latest `updatedAt` seen. */
  watermark: string;
}

/** Clock skew tolerated between writers. */
const WATERMARK_MARGIN_MS = 60_000;
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
    const text = normalizeText([resource.name, resource.description ?? '', resource.category, resource.uses.join(' '), place.name, place.address.commune].join(' '));
    resources.push({ resource, place, text });
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
  const since = new Date(Date.parse(entry.watermark) - WATERMARK_MARGIN_MS).toISOString();
  const changes = await listDirectoryChangesSince(deps.table, since);
  // Each write adds one change and one to the version: fewer new changes than
  // writes means a writer's clock lagged past the margin; reload to be safe.
  const unseen = changes.filter((c) => String(c.record.updatedAt) > entry.watermark).length;
  if (unseen < version - entry.snapshot.version) return loadAll(deps, version);
  let watermark = entry.watermark;
  for (const { type, record } of changes) {
    const parsed = PARSERS[type as DirectoryType].parse(record) as Place & Resource & Person;
    const map = entry.records[type as DirectoryType] as Map<string, typeof parsed>;
    const current = map.get(parsed.id);
    if (!current || current.version <= parsed.version) map.set(parsed.id, parsed);
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
