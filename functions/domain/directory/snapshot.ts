/**
 * Searches run in memory over a snapshot checked against the directory version
 * counter (each write sets it to the next sequence number): when nothing changed,
 * a search costs one strongly consistent GetItem of a tiny item.
 *
 * The snapshot is labelled with the last sequence number up to which it holds every
 * write. When the counter moved, it reads the change-log copies after that number and
 * applies them one record at a time; it reloads in full only on a cold start or when it
 * is older than the change log (CHANGE_LOG_DAYS).
 *
 * A full load reads the counter, then the records, then the change log after the
 * counter it read: a write committed while the records were read is in that change
 * log, so the label counts it and the next search does not take it for a missing one.
 * A new instance starts from the index artifact when there is one (index-artifact.ts):
 * one object read, then the change log after the artifact's sequence number.
 * Figures: `npm run bench -- api`, `npm run bench -- scale`.
 */
import type { Deps } from '../deps.js';
import { CHANGE_LOG_DAYS, closeSequenceNumber, getDirectoryVersion, listDirectoryChangesAfter, listDirectoryRecordsByType } from '../../../integrations/dynamodb/directory-repository.js';
import { PlaceSchema } from '../../../schemas/place.js';
import { ResourceSchema } from '../../../schemas/resource.js';
import { PersonSchema } from '../../../schemas/person.js';
import type { DirectoryIndex, AnyRecord } from './index/directory-index.js';

/**
 * The index's code (search structures, text and geographic indexes, the artifact format) is
 * loaded by the first load of the directory, not at a cold start: a new instance that answers
 * anything else first does not compile it, and the first search reads the whole directory
 * anyway (`npm run bench -- api`).
 */
const indexCode = () => import('./index/directory-index.js');
const artifactCode = () => import('./index-artifact.js');

/** What searches read: the process's directory index (see index/directory-index.ts). */
export type DirectorySnapshot = DirectoryIndex;

const cache = new WeakMap<Deps['table'], DirectoryIndex>();

const PARSERS = { place: PlaceSchema, resource: ResourceSchema, person: PersonSchema } as const;

/** A number left open this long after a later write (or after we saw it taken) is given up on. */
export const OPEN_NUMBER_GRACE_MS = 15_000;
const MAX_CLOSES_PER_CATCH_UP = 20;

/**
 * Applies the change-log copies after the index's label, in order. The label moves to
 * the end of the gap-free run; copies past an open number (a write still in flight)
 * are applied too — applying is idempotent by record version — so a search sees every
 * write acknowledged before it started, and the open number is read again next time.
 * A number open for longer than the grace (a writer that crashed) is closed.
 * `version`: the counter as read by this search.
 */
async function applyChangesAfter(deps: Deps, index: DirectoryIndex, version: number): Promise<void> {
  for (let closes = 0; ; ) {
    const changes = await listDirectoryChangesAfter(deps.table, index.version);
    const nowMs = deps.now().getTime();
    let open: number | undefined;
    let openSince: number | undefined;
    for (const change of changes) {
      // Already taken in by a catch-up running alongside this one.
      if (change.seq <= index.version) continue;
      if (open === undefined && change.seq !== index.version + 1) {
        open = index.version + 1;
        openSince = Date.parse(change.at);
      }
      if (change.type !== 'none') index.apply(change.type, PARSERS[change.type].parse(change.record) as AnyRecord);
      if (open === undefined) index.version = change.seq;
    }
    if (open === undefined && index.version < version) {
      open = index.version + 1;
      index.openSeenAt ??= nowMs;
      openSince = index.openSeenAt;
    }
    if (open === undefined) {
      index.openSeenAt = undefined;
      index.labelledAt = nowMs;
      return;
    }
    if (nowMs - openSince! < OPEN_NUMBER_GRACE_MS || closes >= MAX_CLOSES_PER_CATCH_UP) return;
    await closeSequenceNumber(deps.table, open);
    closes++;
    index.openSeenAt = undefined;
  }
}

/** `version`: the counter read before any record is read. */
async function loadAll(deps: Deps, version: number): Promise<DirectoryIndex> {
  const [rawPlaces, rawResources, rawPeople, { DirectoryIndex }] = await Promise.all([
    listDirectoryRecordsByType(deps.table, 'place'),
    listDirectoryRecordsByType(deps.table, 'resource'),
    listDirectoryRecordsByType(deps.table, 'person'),
    indexCode(),
  ]);
  const index = new DirectoryIndex();
  // Places first: resources are indexed with their place's name and commune.
  for (const r of rawPlaces) index.apply('place', PlaceSchema.parse(r));
  for (const r of rawResources) index.apply('resource', ResourceSchema.parse(r));
  for (const r of rawPeople) index.apply('person', PersonSchema.parse(r));
  // Writes committed during the Queries (some seen by them, some not) are after `version`.
  index.version = version;
  index.labelledAt = deps.now().getTime();
  await applyChangesAfter(deps, index, version);
  return index;
}

/** A new instance: the newest artifact, caught up from the change log after it. */
async function loadFromArtifact(deps: Deps, version: number, logHorizon: number): Promise<DirectoryIndex | undefined> {
  if (deps.indexArtifacts === 'off') return undefined;
  const loaded = await (await artifactCode()).loadIndexFromArtifact(deps);
  if (!loaded || Date.parse(loaded.pointer.at) <= logHorizon) return undefined;
  loaded.index.labelledAt = deps.now().getTime();
  await applyChangesAfter(deps, loaded.index, version);
  return loaded.index;
}

/** The current directory: cached, caught up from the change log, or loaded in full. */
export async function loadDirectorySnapshot(deps: Deps): Promise<DirectorySnapshot> {
  const version = await getDirectoryVersion(deps.table);
  const cached = cache.get(deps.table);
  if (cached && cached.version >= version) return cached;
  // Further behind than the change log keeps: what we missed may be gone from it.
  const logHorizon = deps.now().getTime() - (CHANGE_LOG_DAYS - 1) * 86_400_000;
  let fresh = cached && cached.labelledAt > logHorizon ? cached : undefined;
  if (fresh) await applyChangesAfter(deps, fresh, version);
  else fresh = (await loadFromArtifact(deps, version, logHorizon)) ?? (await loadAll(deps, version));
  // Loaded first, so that setting the cache and deciding the refresh stay one synchronous step.
  const refresh = deps.indexArtifacts !== 'off' ? (await artifactCode()).refreshArtifactIfBehind : undefined;
  cache.set(deps.table, fresh);
  refresh?.(deps, fresh);
  return fresh;
}

/**
 * Makes `index` the process's directory for `table`, as if just loaded (the index
 * artifact loader; tests that need a directory too big to write through the API).
 */
export function installDirectoryIndex(table: Deps['table'], index: DirectoryIndex, nowMs = Date.now()): void {
  index.labelledAt = nowMs;
  cache.set(table, index);
}
