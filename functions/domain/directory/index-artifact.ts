/**
 * The directory index artifact: what a new instance needs to answer its first search,
 * serialised once and stored as one object, so it starts with one object read plus the
 * change log after its sequence number — instead of paging through every record.
 *
 * Two objects per artifact (same sequence number):
 * - the index (format 2, read by every new instance): places and people in full (a few
 *   thousand), and per resource only what a search tests — id, version, place, kind and
 *   category as small integers, capacity, surface, lendable, cheapest rate per unit —
 *   in typed-array columns, and the text postings of its own words already built (sorted
 *   vocabulary + postings, text-postings.ts). Loading it parses no resource record,
 *   normalises no resource word and inserts nothing in a tree;
 * - the resources' full records (gzip JSON), read only by what needs them all (the CSV
 *   export, the stale-records list); a search reads its page's records by id.
 *
 * Who writes it: any instance whose directory is REFRESH_AFTER_WRITES writes ahead of
 * the artifact pointed at (or that had none to load), in the background of the request
 * that noticed it. The pointer item names the newest artifact (a conditional write never
 * moves it back), so the change log a new instance reads stays short.
 * Records are stored as validated when written; they are not validated again on load.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Deps } from '../deps.js';
import { getDirectoryArtifactPointer, listDirectoryRecordsByType, setDirectoryArtifactPointer, type DirectoryArtifactPointer } from '../../../integrations/dynamodb/directory-repository.js';
import { DirectoryIndex } from './index/directory-index.js';
import { RATES, type BaseColumns } from './index/resource-index.js';
import { buildPostingsBase } from './index/text-postings.js';
import { objectStoreOf } from './large-exports.js';
import { ARTIFACT_REWRITE_DAYS, DIRECTORY_ARTIFACT_PREFIX } from './object-keys.js';
import { RESOURCE_KINDS, ResourceSchema, type Resource } from '../../../schemas/resource.js';
import type { Place } from '../../../schemas/place.js';
import type { Person } from '../../../schemas/person.js';
import { describeError, logger } from '../../observability/logger.js';

export const REFRESH_AFTER_WRITES = 500;
const MAGIC = 0x3258_4454; // "TDX2", little-endian

type Column = 'version' | 'place' | 'kind' | 'category' | 'capacity' | 'surface' | 'lendable' | 'cheapest' | 'offsets' | 'ords';
const TYPES = { Int32Array, Uint32Array, Uint8Array, Float64Array } as const;
type TypeName = keyof typeof TYPES;
type Typed = Int32Array | Uint32Array | Uint8Array | Float64Array;

interface IndexHeader {
  format: 2;
  seq: number;
  count: number;
  places: Place[];
  people: Person[];
  placeIds: string[];
  categories: string[];
  /** Byte offset, element count and type of each column, after the header. */
  columns: Record<Column, [number, number, TypeName]>;
  /** Byte offset and length of the "\n"-joined UTF-8 lists (resource ids in id order, the sorted vocabulary). */
  lists: Record<'ids' | 'vocab', [number, number]>;
}

/** Whole numbers (nearly always) in 4 bytes, else in 8. */
function numbers(values: number[]): Int32Array | Float64Array {
  return values.every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 31) ? Int32Array.from(values) : Float64Array.from(values);
}

/** The index object of `index` (sync: it reads only what the index holds). */
export function serializeIndex(index: DirectoryIndex): Buffer {
  const entries = [...index.resourceIndex.baseEntries()];
  const n = entries.length;
  const placeIds: string[] = [];
  const placeOrd = new Map<string, number>();
  const categories: string[] = [];
  const categoryOrd = new Map<string, number>();
  const ordOf = (m: Map<string, number>, list: string[], key: string) => m.get(key) ?? (list.push(key), m.set(key, list.length - 1), list.length - 1);
  const cheapest = new Int32Array(n * RATES);
  entries.forEach(({ facts: f }, k) => cheapest.set(f.cheapest, k * RATES));
  const ids = entries.map((e) => e.facts.id);
  const postings = buildPostingsBase(ids, (k) => entries[k]!.words);
  const columns: Record<Column, Typed> = {
    version: Int32Array.from(entries, (e) => e.facts.version),
    place: Uint32Array.from(entries, (e) => ordOf(placeOrd, placeIds, e.facts.placeId)),
    kind: Uint8Array.from(entries, (e) => RESOURCE_KINDS.indexOf(e.facts.kind)),
    category: Uint32Array.from(entries, (e) => ordOf(categoryOrd, categories, e.facts.category)),
    capacity: numbers(entries.map((e) => e.facts.capacity)),
    surface: numbers(entries.map((e) => e.facts.surfaceM2)),
    lendable: Uint8Array.from(entries, (e) => (e.facts.lendable ? 1 : 0)),
    cheapest,
    offsets: postings.offsets,
    ords: postings.ords,
  };
  const lists = { ids: Buffer.from(ids.join('\n'), 'utf8'), vocab: Buffer.from(postings.vocab.join('\n'), 'utf8') };
  const header: IndexHeader = { format: 2, seq: index.version, count: n, places: index.places, people: index.people, placeIds, categories, columns: {} as IndexHeader['columns'], lists: {} as IndexHeader['lists'] };
  const parts: Buffer[] = [];
  let at = 0;
  const append = (b: Buffer) => {
    const pad = (8 - (at % 8)) % 8;
    if (pad) parts.push(Buffer.alloc(pad));
    at += pad;
    parts.push(b);
    const offset = at;
    at += b.length;
    return offset;
  };
  for (const [name, a] of Object.entries(columns) as [Column, Typed][]) header.columns[name] = [append(Buffer.from(a.buffer, a.byteOffset, a.byteLength)), a.length, a.constructor.name as TypeName];
  for (const [name, b] of Object.entries(lists) as ['ids' | 'vocab', Buffer][]) header.lists[name] = [append(b), b.length];
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(Math.ceil((8 + json.length) / 8) * 8);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(json.length, 4);
  json.copy(head, 8);
  return gzipSync(Buffer.concat([head, ...parts]), { level: 6 });
}

/** The records object: every resource record (archived ones too), at the index's sequence number. */
export function serializeRecords(seq: number, resources: Iterable<Resource>): Buffer {
  return gzipSync(JSON.stringify({ format: 'records-1', seq, resources: [...resources] }), { level: 6 });
}

export function recordsFromArtifact(bytes: Uint8Array): Resource[] {
  const body = JSON.parse(gunzipSync(bytes).toString('utf8')) as { format: string; resources: Resource[] };
  if (body.format !== 'records-1') throw new Error(`unknown directory records format ${String(body.format)}`);
  return body.resources;
}

/** Rebuilds an index from the index object; its records are then read by page, or with `loadRecords` all at once. */
export function indexFromArtifact(bytes: Uint8Array, loadRecords: () => Promise<Resource[]> = async () => []): DirectoryIndex {
  // One output buffer of the size the gzip trailer gives (mod 2^32): no chunks to concatenate, half the peak memory.
  const trailer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const raw = gunzipSync(bytes, { chunkSize: Math.max(64 * 1024, trailer.readUInt32LE(trailer.length - 4) + 1) });
  if (raw.readUInt32LE(0) !== MAGIC) throw new Error('unknown directory artifact format');
  const headerLength = raw.readUInt32LE(4);
  const h = JSON.parse(raw.toString('utf8', 8, 8 + headerLength)) as IndexHeader;
  const start = Math.ceil((8 + headerLength) / 8) * 8;
  const col = (name: Column): Typed => {
    const [offset, length, type] = h.columns[name];
    const Type = TYPES[type];
    const at = raw.byteOffset + start + offset;
    // A view of gunzip's output when aligned (no copy), else a copy.
    if (at % Type.BYTES_PER_ELEMENT === 0) return new Type(raw.buffer, at, length);
    const a = new Type(length);
    raw.copy(Buffer.from(a.buffer), 0, start + offset, start + offset + length * Type.BYTES_PER_ELEMENT);
    return a;
  };
  const list = (name: 'ids' | 'vocab'): string[] => {
    const [offset, length] = h.lists[name];
    return length ? raw.toString('utf8', start + offset, start + offset + length).split('\n') : [];
  };
  const ids = list('ids');
  const index = new DirectoryIndex();
  // Places first: their words are part of their resources' text.
  for (const p of h.places) index.apply('place', p);
  for (const p of h.people) index.apply('person', p);
  const columns: BaseColumns = {
    ids,
    placeIds: h.placeIds,
    categories: h.categories,
    version: col('version'),
    place: col('place'),
    kind: col('kind'),
    category: col('category'),
    capacity: col('capacity'),
    surface: col('surface'),
    lendable: col('lendable'),
    cheapest: col('cheapest'),
  };
  index.resourceIndex.loadBase(columns, { vocab: list('vocab'), offsets: col('offsets') as Uint32Array, ords: col('ords') as Uint32Array, ids });
  index.resourceRecords.startWithout(loadRecords);
  index.version = h.seq;
  index.artifactSeq = h.seq;
  return index;
}

const keyOf = (kind: 'index' | 'records', seq: number) => `${DIRECTORY_ARTIFACT_PREFIX}${kind}-${String(seq).padStart(12, '0')}.${kind === 'index' ? 'bin' : 'json'}.gz`;

/** Writes the artifact of `index` and points new instances at it. */
export async function publishDirectoryArtifact(deps: Deps, index: DirectoryIndex): Promise<DirectoryArtifactPointer> {
  const all = await index.resourceRecords.all();
  // From here on synchronous: the two objects describe the index at the same sequence number.
  const seq = index.version;
  const bytes = serializeIndex(index);
  const records = serializeRecords(seq, all);
  const pointer: DirectoryArtifactPointer = { key: keyOf('index', seq), recordsKey: keyOf('records', seq), seq, bytes: bytes.length, at: new Date().toISOString() };
  const store = objectStoreOf(deps);
  await store.put(pointer.recordsKey!, records, 'application/gzip');
  await store.put(pointer.key, bytes, 'application/gzip');
  await setDirectoryArtifactPointer(deps.table, pointer);
  return pointer;
}

/** The index of the newest artifact, or undefined when there is none (or it is gone). */
export async function loadIndexFromArtifact(deps: Deps): Promise<{ index: DirectoryIndex; pointer: DirectoryArtifactPointer } | undefined> {
  const pointer = await getDirectoryArtifactPointer(deps.table);
  // An artifact of the first format (every record in one object) is not read: a full load writes a new one.
  if (!pointer?.recordsKey) return undefined;
  const store = objectStoreOf(deps);
  const object = await store.get(pointer.key);
  if (!object) return undefined;
  const loadRecords = async () => {
    const found = await store.get(pointer.recordsKey!);
    // Expired meanwhile (the bucket's lifecycle): the table has them all, current.
    if (!found) return (await listDirectoryRecordsByType(deps.table, 'resource')).map((r) => ResourceSchema.parse(r) as Resource);
    return recordsFromArtifact(found.body);
  };
  const index = indexFromArtifact(object.body, loadRecords);
  index.artifactAt = Date.parse(pointer.at);
  return { index, pointer };
}

/**
 * Starts a new artifact when this index is far enough ahead of the last one, or when the
 * one it started from gets old (the bucket expires artifacts: ARTIFACT_EXPIRY_DAYS); never
 * fails the caller.
 */
export function refreshArtifactIfBehind(deps: Deps, index: DirectoryIndex): void {
  const nowMs = deps.now().getTime();
  const old = index.artifactAt !== undefined && nowMs - index.artifactAt > ARTIFACT_REWRITE_DAYS * 86_400_000;
  if (index.artifactSeq !== undefined && index.version - index.artifactSeq < REFRESH_AFTER_WRITES && !old) return;
  index.artifactSeq = index.version;
  index.artifactAt = nowMs;
  // After the answer: serialising is synchronous work the request must not wait for.
  setTimeout(() => publishDirectoryArtifact(deps, index).catch((err) => logger.error('directory artifact not written', describeError(err))), 0);
}
