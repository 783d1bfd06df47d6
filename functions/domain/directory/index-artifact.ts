/**
 * The directory index artifact: every record of the directory, serialised once (gzip
 * JSON) and stored as one object, so a new instance loads it with one object read plus
 * the change log after its sequence number — instead of paging through every record.
 *
 * Who writes it: any instance whose directory is REFRESH_AFTER_WRITES writes ahead of
 * the artifact pointed at (or that had none to load), in the background of the request
 * that noticed it. The pointer item names the newest artifact (a conditional write never
 * moves it back), so the change log a new instance reads stays short.
 * Records are stored as validated when written; they are not validated again on load.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Deps } from '../deps.js';
import { getDirectoryArtifactPointer, setDirectoryArtifactPointer, type DirectoryArtifactPointer } from '../../../integrations/dynamodb/directory-repository.js';
import { DirectoryIndex } from './index/directory-index.js';
import { objectStoreOf } from './large-exports.js';
import type { Place } from '../../../schemas/place.js';
import type { Resource } from '../../../schemas/resource.js';
import type { Person } from '../../../schemas/person.js';

export const REFRESH_AFTER_WRITES = 500;

interface ArtifactBody {
  format: 1;
  seq: number;
  places: Place[];
  resources: Resource[];
  people: Person[];
}

export function serializeIndex(index: DirectoryIndex): Buffer {
  const body: ArtifactBody = { format: 1, seq: index.version, places: [...index.placesById.values()], resources: [...index.resourcesById.values()], people: [...index.peopleById.values()] };
  return gzipSync(JSON.stringify(body), { level: 6 });
}

/** Rebuilds an index from an artifact (places first: resources are indexed with their place's words). */
export function indexFromArtifact(bytes: Uint8Array): DirectoryIndex {
  const body = JSON.parse(gunzipSync(bytes).toString('utf8')) as ArtifactBody;
  if (body.format !== 1) throw new Error(`unknown directory artifact format ${String(body.format)}`);
  const index = new DirectoryIndex();
  for (const p of body.places) index.apply('place', p);
  for (const r of body.resources) index.apply('resource', r);
  for (const p of body.people) index.apply('person', p);
  index.version = body.seq;
  index.artifactSeq = body.seq;
  return index;
}

/** Writes the artifact of `index` and points new instances at it. */
export async function publishDirectoryArtifact(deps: Deps, index: DirectoryIndex): Promise<DirectoryArtifactPointer> {
  const seq = index.version;
  const bytes = serializeIndex(index);
  const pointer = { key: `directory-index-${String(seq).padStart(12, '0')}.json.gz`, seq, bytes: bytes.length, at: new Date().toISOString() };
  await objectStoreOf(deps).put(pointer.key, bytes, 'application/gzip');
  await setDirectoryArtifactPointer(deps.table, pointer);
  return pointer;
}

/** The index of the newest artifact, or undefined when there is none (or it is gone). */
export async function loadIndexFromArtifact(deps: Deps): Promise<{ index: DirectoryIndex; pointer: DirectoryArtifactPointer } | undefined> {
  const pointer = await getDirectoryArtifactPointer(deps.table);
  if (!pointer) return undefined;
  const object = await objectStoreOf(deps).get(pointer.key);
  if (!object) return undefined;
  return { index: indexFromArtifact(object.body), pointer };
}

/** Starts a new artifact when this index is far enough ahead of the last one; never fails the caller. */
export function refreshArtifactIfBehind(deps: Deps, index: DirectoryIndex): void {
  if (index.artifactSeq !== undefined && index.version - index.artifactSeq < REFRESH_AFTER_WRITES) return;
  index.artifactSeq = index.version;
  // After the answer: serialising is synchronous work the request must not wait for.
  setTimeout(() => publishDirectoryArtifact(deps, index).catch((err) => console.error('directory artifact not written', err)), 0);
}
