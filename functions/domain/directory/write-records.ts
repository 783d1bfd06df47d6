/**
 * Use cases that change directory records. Each one:
 * 1. checks the actor may act on the owning place (and on the new place, when it moves);
 * 2. validates the whole resulting record with its zod schema;
 * 3. checks the place it refers to exists and is not archived;
 * 4. writes record + audit entry + directory version in one transaction,
 *    with an optimistic check on the record's version (409 when it moved meanwhile).
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { requirePlaceCreator, requirePlaceManager } from '../access.js';
import { can } from '../permissions.js';
import { NotFoundError, ConflictError, ValidationError, fieldErrorsFromZod, UnprocessableError, ServiceUnavailableError } from '../errors.js';
import { RECORD_TYPES, type RecordOf } from './record-types.js';
import type { DirectoryType } from '../../../integrations/dynamodb/keys.js';
import { getDirectoryRecordById, saveDirectoryRecord, saveDirectoryRecords, StaleVersionError, type RecordWrite, type TransactItem } from '../../../integrations/dynamodb/directory-repository.js';
import type { AuditEntry } from '../../../schemas/audit.js';
import { requireExistingCommune } from './check-commune.js';
import { UNAVAILABLE_DETAIL } from '../../../integrations/dynamodb/retry-policy.js';

type Rec = Record<string, unknown> & { id: string; version: number };

export interface WriteOptions {
  /** Extra audit note (the sync says where a change came from). */
  note?: string;
  /** Transaction items that must commit together with the record. */
  extraItems?: TransactItem[];
}

/** Reads a record, parsed by its schema; 404 when absent. */
export async function getRecord<T extends DirectoryType>(deps: Deps, type: T, id: string): Promise<RecordOf<T>> {
  const cfg = RECORD_TYPES[type];
  const raw = await getDirectoryRecordById(deps.table, type, id);
  if (!raw) throw new NotFoundError(cfg.label, id);
  return cfg.stored.parse(raw) as RecordOf<T>;
}

/**
 * A record as a direct read (`GET /v1/<type>/{id}`) shows it. An archived record is visible
 * only to the admin and its own place: anyone else gets the same 404 as for an unknown id,
 * so that nothing tells an archived record from one that never existed.
 */
export async function readRecord<T extends DirectoryType>(deps: Deps, actor: Actor, type: T, id: string): Promise<RecordOf<T>> {
  const record = await getRecord(deps, type, id);
  const r = record as unknown as Record<string, unknown>;
  if (r.archivedAt && !can(actor, 'archived.read', RECORD_TYPES[type].ownerPlaceId(r))) throw new NotFoundError(RECORD_TYPES[type].label, id);
  return record;
}

async function requirePlaceRef(deps: Deps, placeId: string, path: string): Promise<void> {
  const raw = await getDirectoryRecordById(deps.table, 'place', placeId);
  if (!raw) throw new UnprocessableError(`Le lieu « ${placeId} » n’existe pas.`, [{ path, message: 'lieu inconnu' }]);
  if (raw.archivedAt) throw new UnprocessableError(`Le lieu « ${placeId} » est archivé.`, [{ path, message: 'lieu archivé' }]);
}

function validateStored(type: DirectoryType, candidate: Record<string, unknown>): Rec {
  const parsed = RECORD_TYPES[type].stored.safeParse(candidate);
  if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
  return parsed.data as Rec;
}

function auditEntry(deps: Deps, actor: Actor, type: DirectoryType, action: string, before: unknown, after: Rec, note?: string): AuditEntry {
  return { id: deps.newId(), entityType: type, entityId: after.id, action, actor: actorLabel(actor), at: deps.now().toISOString(), before, after, note };
}

async function save(deps: Deps, type: DirectoryType, record: Rec, expectedVersion: number, audit: AuditEntry, extraItems?: TransactItem[]) {
  try {
    await saveDirectoryRecord(deps.table, { type, record, expectedVersion, audit, extraItems });
  } catch (err) {
    if (err instanceof StaleVersionError) throw new StaleRecord(type, record.id, err);
    throw err;
  }
}

/** Another write landed between our read and our save (the record's version moved). */
class StaleRecord extends Error {
  constructor(
    readonly type: DirectoryType,
    readonly id: string,
    cause: unknown,
  ) {
    super('record changed concurrently', { cause });
  }
  conflict(): ConflictError {
    return new ConflictError(`${RECORD_TYPES[this.type].label} « ${this.id} » a été modifié entre-temps ; relisez-le puis recommencez.`);
  }
}

const FRESH_ATTEMPTS = 6;

/**
 * A change sent without If-Match applies to the record as it is now: when another write
 * lands between the read and the save (a sync round and a volunteer's archive, two
 * managers at once), the record is read again and the change applied again, a few times
 * with jitter, then answered busy (503, Retry-After). With If-Match the caller asked for
 * that exact version: the conflict is theirs to see (409).
 */
async function onCurrentVersion<R>(pinned: boolean, attempt: () => Promise<R>): Promise<R> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof StaleRecord)) throw err;
      if (pinned) throw err.conflict();
      if (n >= FRESH_ATTEMPTS) throw new ServiceUnavailableError(UNAVAILABLE_DETAIL, { retryAfterSeconds: 2, cause: err });
      await new Promise((ok) => setTimeout(ok, Math.random() * 10 * 2 ** n));
    }
  }
}

/**
 * A new record as `input` makes it, checked: access to its place, the whole record against its
 * schema, its commune, the place it refers to (`placeRef`: how that place is checked).
 */
async function newRecord<T extends DirectoryType>(deps: Deps, actor: Actor, type: T, input: Record<string, unknown>, id: string, placeRef: (placeId: string, path: string) => Promise<void>): Promise<Rec> {
  const cfg = RECORD_TYPES[type];
  const now = deps.now().toISOString();
  const candidate = { ...cfg.defaults, ...input, id, createdAt: now, updatedAt: now, version: 1 };
  if (type === 'place') requirePlaceCreator(actor);
  else requirePlaceManager(actor, cfg.ownerPlaceId(candidate));
  const record = validateStored(type, candidate);
  if (type === 'place') await requireExistingCommune(record.address as { postcode: string; commune: string });
  if (cfg.placeRefField) await placeRef(record[cfg.placeRefField] as string, cfg.placeRefField);
  return record;
}

/** Creates a record from an already-validated input body. */
export async function createRecord<T extends DirectoryType>(deps: Deps, actor: Actor, type: T, input: Record<string, unknown>, opts: WriteOptions = {}): Promise<RecordOf<T>> {
  const record = await newRecord(deps, actor, type, input, deps.newId(), (placeId, path) => requirePlaceRef(deps, placeId, path));
  await onCurrentVersion(true, () => save(deps, type, record, 0, auditEntry(deps, actor, type, 'create', undefined, record, opts.note), opts.extraItems));
  return record as RecordOf<T>;
}

export interface NewRecord {
  input: Record<string, unknown>;
  /** The id to give it (the sync picks it first, to commit the row state with the record). */
  id?: string;
  opts?: WriteOptions;
}

export type CreateOutcome<T extends DirectoryType> = { ok: true; record: RecordOf<T> } | { ok: false; error: unknown };

/**
 * Creates many records (a first sync: 2,000 rows), each checked exactly as createRecord
 * checks it (access, schema, commune, place reference), and answered one by one: a record
 * refused never holds back the others. The valid ones are saved in groups, each group in
 * one transaction (saveDirectoryRecords): far fewer round trips than one save each.
 */
export async function createRecords<T extends DirectoryType>(deps: Deps, actor: Actor, type: T, items: NewRecord[]): Promise<CreateOutcome<T>[]> {
  const out: CreateOutcome<T>[] = new Array(items.length);
  const writes: { at: number; write: RecordWrite }[] = [];
  // One read per place referred to, not per record (a tab of resources names few places).
  const placeChecks = new Map<string, Promise<void>>();
  const placeRef = (placeId: string, path: string) => {
    if (!placeChecks.has(placeId)) placeChecks.set(placeId, requirePlaceRef(deps, placeId, path));
    return placeChecks.get(placeId)!;
  };
  for (const [at, item] of items.entries()) {
    try {
      const record = await newRecord(deps, actor, type, item.input, item.id ?? deps.newId(), placeRef);
      writes.push({ at, write: { type, record, expectedVersion: 0, audit: auditEntry(deps, actor, type, 'create', undefined, record, item.opts?.note), extraItems: item.opts?.extraItems } });
    } catch (error) {
      out[at] = { ok: false, error };
    }
  }
  const saved = await saveDirectoryRecords(deps.table, writes.map((w) => w.write));
  saved.forEach((o, i) => {
    const { at, write } = writes[i]!;
    // As createRecord: an id already taken is a 409.
    out[at] = o.ok ? { ok: true, record: write.record as RecordOf<T> } : { ok: false, error: o.error instanceof StaleVersionError ? new StaleRecord(type, write.record.id, o.error).conflict() : o.error };
  });
  return out;
}

/**
 * Applies a PATCH: fields given replace, `null` clears an optional field.
 * `expectedVersion` (If-Match) makes a lost update impossible.
 */
export async function updateRecord<T extends DirectoryType>(
  deps: Deps,
  actor: Actor,
  type: T,
  id: string,
  patch: Record<string, unknown>,
  opts: WriteOptions & { expectedVersion?: number } = {},
): Promise<RecordOf<T>> {
  return onCurrentVersion(opts.expectedVersion !== undefined, () => updateOnce(deps, actor, type, id, patch, opts));
}

async function updateOnce<T extends DirectoryType>(deps: Deps, actor: Actor, type: T, id: string, patch: Record<string, unknown>, opts: WriteOptions & { expectedVersion?: number }): Promise<RecordOf<T>> {
  const cfg = RECORD_TYPES[type];
  const before = (await getRecord(deps, type, id)) as unknown as Rec;
  requirePlaceManager(actor, cfg.ownerPlaceId(before));
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== before.version) {
    throw new ConflictError(`Version ${opts.expectedVersion} attendue, version actuelle ${before.version}.`);
  }
  const merged: Record<string, unknown> = { ...before };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete merged[k];
    else if (v !== undefined) merged[k] = v;
  }
  merged.updatedAt = deps.now().toISOString();
  merged.version = before.version + 1;
  // Moving a record to another place needs the right on both places.
  const newOwner = cfg.ownerPlaceId(merged);
  if (newOwner !== cfg.ownerPlaceId(before)) requirePlaceManager(actor, newOwner);
  const record = validateStored(type, merged);
  // Only a changed address is checked: an old record stays editable.
  if (type === 'place' && addressChanged(before.address, record.address)) await requireExistingCommune(record.address as { postcode: string; commune: string });
  if (cfg.placeRefField && record[cfg.placeRefField] !== (before as Record<string, unknown>)[cfg.placeRefField]) {
    await requirePlaceRef(deps, record[cfg.placeRefField] as string, cfg.placeRefField);
  }
  await save(deps, type, record, before.version, auditEntry(deps, actor, type, 'update', before, record, opts.note), opts.extraItems);
  return record as RecordOf<T>;
}

function addressChanged(a: unknown, b: unknown): boolean {
  const x = a as { postcode?: string; commune?: string } | undefined;
  const y = b as { postcode?: string; commune?: string } | undefined;
  return x?.postcode !== y?.postcode || x?.commune !== y?.commune;
}

function stamp<T extends DirectoryType>(deps: Deps, actor: Actor, type: T, id: string, field: 'archivedAt' | 'verifiedAt', action: string, opts: WriteOptions): Promise<RecordOf<T>> {
  return onCurrentVersion(false, () => stampOnce(deps, actor, type, id, field, action, opts));
}

async function stampOnce<T extends DirectoryType>(deps: Deps, actor: Actor, type: T, id: string, field: 'archivedAt' | 'verifiedAt', action: string, opts: WriteOptions): Promise<RecordOf<T>> {
  const cfg = RECORD_TYPES[type];
  const before = (await getRecord(deps, type, id)) as unknown as Rec;
  requirePlaceManager(actor, cfg.ownerPlaceId(before));
  if (field === 'archivedAt' && before.archivedAt) return before as RecordOf<T>;
  const now = deps.now().toISOString();
  const record = { ...before, [field]: now, updatedAt: now, version: before.version + 1 };
  await save(deps, type, record, before.version, auditEntry(deps, actor, type, action, before, record, opts.note), opts.extraItems);
  return record as RecordOf<T>;
}

/** Archives (never destroys): ledgers and sheet rows may still refer to the record. */
export function archiveRecord<T extends DirectoryType>(deps: Deps, actor: Actor, type: T, id: string, opts: WriteOptions = {}) {
  return stamp(deps, actor, type, id, 'archivedAt', 'archive', opts);
}

/** Marks a record as checked by a person today (freshness). */
export function verifyRecord<T extends DirectoryType>(deps: Deps, actor: Actor, type: T, id: string, opts: WriteOptions = {}) {
  return stamp(deps, actor, type, id, 'verifiedAt', 'verify', opts);
}
