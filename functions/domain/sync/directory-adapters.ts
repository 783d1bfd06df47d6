/**
 * The Lieux, Ressources and Personnes tabs go through the directory use cases
 * (createRecord/updateRecord/archiveRecord/verifyRecord), so validation, access
 * rules and the audit trail stay in one place; the sync acts as a system actor.
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { AppError } from '../errors.js';
import { RECORD_TYPES } from '../directory/record-types.js';
import { archiveRecord, createRecord, createRecords, updateRecord, verifyRecord } from '../directory/write-records.js';
import { listDirectoryRecordsByType } from '../../../integrations/dynamodb/directory-repository.js';
import type { DirectoryCodec } from '../../../integrations/sheets/rows/directory-rows.js';
import { fieldErrorsFromZod } from '../errors.js';
import type { SyncedRecord, TabAdapter } from './tab-adapter.js';
import { stableStringify } from './row-hash.js';
import { freshnessMention } from '../../../integrations/sheets/row-reader.js';

/** Deps whose next `newId()` returns `id`: the sync commits a record and its row state together, so it picks the id first. */
export function depsWithFirstId(deps: Deps, id: string): Deps {
  let used = false;
  return {
    ...deps,
    newId: () => {
      if (used) return deps.newId();
      used = true;
      return id;
    },
  };
}

/** Field errors of a use case → « Colonne « X » : reason », naming the column of the longest matching path. */
export function reasonsFor(err: unknown, fieldHeaders: Record<string, string>): string[] {
  if (!(err instanceof AppError)) return [(err as Error).message];
  if (!err.errors?.length) return [err.message];
  return err.errors.map((e) => {
    const segments = e.path.split('.');
    for (let n = segments.length; n > 0; n--) {
      const h = fieldHeaders[segments.slice(0, n).join('.')];
      if (h) return `Colonne « ${h} » : ${e.message}`;
    }
    return `${e.path} : ${e.message}`;
  });
}

export function directoryAdapter(deps: Deps, actor: Actor, codec: DirectoryCodec): TabAdapter {
  const cfg = RECORD_TYPES[codec.type];
  const patchOf = (existing: SyncedRecord, input: Record<string, unknown>) => {
    const patch: Record<string, unknown> = {};
    let changed = false;
    for (const k of codec.managedFields) {
      const next = input[k];
      if (stableStringify(next ?? null) !== stableStringify(existing[k] ?? null)) changed = true;
      patch[k] = next ?? null;
    }
    return changed ? patch : undefined;
  };
  return {
    tab: codec.tab,
    entityType: codec.type,
    async loadRecords() {
      return (await listDirectoryRecordsByType(deps.table, codec.type)).map((r) => cfg.stored.parse(r) as SyncedRecord);
    },
    parse: (cells, ctx, existing) => codec.parse(cells, ctx, existing),
    render: (rec, ctx) => codec.render(rec, ctx),
    check(input, existing) {
      const stamp = new Date(0).toISOString();
      const candidate = { ...cfg.defaults, ...(existing ?? { id: 'X', createdAt: stamp, updatedAt: stamp, version: 1 }), ...input };
      const parsed = cfg.stored.safeParse(candidate);
      return parsed.success ? [] : reasonsFor(new AppError(400, 'x', 'x', { errors: fieldErrorsFromZod(parsed.error.issues) }), codec.fieldHeaders);
    },
    async create(input, id, w) {
      return (await createRecord(depsWithFirstId(deps, id), actor, codec.type, input, w)) as unknown as SyncedRecord;
    },
    async createMany(items) {
      const out = await createRecords(deps, actor, codec.type, items.map((i) => ({ input: i.input, id: i.id, opts: i.w })));
      return out.map((o) => (o.ok ? { ok: true as const, record: o.record as unknown as SyncedRecord } : o));
    },
    async update(existing, input, w) {
      const patch = patchOf(existing, input);
      if (!patch) return undefined;
      return (await updateRecord(deps, actor, codec.type, existing.id, patch, { ...w, expectedVersion: existing.version })) as unknown as SyncedRecord;
    },
    async archive(existing, note) {
      await archiveRecord(deps, actor, codec.type, existing.id, { note });
    },
    async verify(existing, w) {
      return (await verifyRecord(deps, actor, codec.type, existing.id, w)) as unknown as SyncedRecord;
    },
    statusMention: (rec) => freshnessMention(rec, deps.now()),
    reasons: (err) => reasonsFor(err, codec.fieldHeaders),
  };
}
