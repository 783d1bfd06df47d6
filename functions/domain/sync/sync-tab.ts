/**
 * One tab, one round. For every row and every record, decide by comparing with
 * the state saved at the last sync (row hash, rendered hash, record version):
 * 1. a row without ID is created through the use case, its ID written back
 *    (the state is committed with the record, so a lost write-back is retried, never re-created);
 * 2. a row changed since the last sync updates its record; an invalid row only gets its status;
 * 3. a record changed in the API (or shown differently, e.g. its place renamed) is written to its row;
 * 4. both changed: the most recent change wins, the other version goes to the audit trail;
 * 5. a synced row that disappeared archives its record; a record without a row gets one appended;
 * 6. only rows with something new are written, in as few batches as the provider allows.
 */
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { ID, STATUS, VERIFIED, type RowCells, type TabName } from '../../../integrations/sheets/columns.js';
import { cleanCell, parseDay, parseYesNo, parisDay } from '../../../integrations/sheets/values.js';
import type { RowContext } from '../../../integrations/sheets/rows/directory-rows.js';
import { listSyncRowStates, putSyncRowStates, deleteSyncRowState, syncRowStatePut, type SyncRowState } from '../../../integrations/dynamodb/sync-repository.js';
import { putAuditEntry } from '../../../integrations/dynamodb/audit-repository.js';
import type { SheetProvider, SheetRow, TabRead } from './provider.js';
import type { SyncedRecord, TabAdapter, WriteContext } from './tab-adapter.js';
import { hashRow } from './row-hash.js';
import { MENTION_PREFIX } from '../../../integrations/sheets/row-reader.js';
import { emptyTabSummary, statusText, type TabSummary } from './summary.js';
import { RowPool } from './row-pool.js';

/** Creations per group (a transaction takes 100 items: record, audit, change-log copy, row state). */
const CREATION_GROUP = 25;

export interface TabRun {
  deps: Deps;
  provider: SheetProvider;
  dryRun: boolean;
  now: Date;
  /** When people edited rows, by `<tab>!<row key>`, row key or record id (webhooks, Apps Script); unknown edits count as "now". */
  editedAt: ReadonlyMap<string, string>;
  rowCtx: Omit<RowContext, 'presentHeaders'>;
  /** Audit actor label, e.g. `sync:airtable`. */
  actorLabel: string;
  /** Called after each record this round wrote through a use case (so API-owned tabs are planned again). */
  onRecordWrite?: () => void;
  /** Called at the end with every record of the tab as this round left it (the round's name indexes follow the Lieux and Personnes tabs). */
  onRecords?: (records: SyncedRecord[]) => void;
}

/** A manager confirms a row by typing « Oui » or a date later than the last check in `Dernière vérification`. */
function asksVerification(typed: string, rec: SyncedRecord): boolean {
  try {
    if (parseYesNo(typed)) return true;
  } catch {
    /* not a yes/no: maybe a date */
  }
  try {
    const day = parseDay(typed);
    return !!day && day > parisDay(rec.verifiedAt ?? rec.createdAt);
  } catch {
    return false;
  }
}

const MENTION_SEPARATOR = ' · ';

/** `status` without the mention an earlier round added, then with `mention` (when there is one). */
export function withMention(status: string, mention: string | undefined): string {
  const base = status.trim();
  // Spreadsheets may turn spaces into non-breaking ones: look for the mention on a copy with
  // plain spaces, of the same length (no trimming), so its index holds in `base`.
  const plain = base.replace(/[\u00a0\u202f]/g, ' ');
  const at = plain.indexOf(`${MENTION_SEPARATOR}${MENTION_PREFIX}`);
  const bare = plain.startsWith(MENTION_PREFIX) ? '' : at >= 0 ? base.slice(0, at).trimEnd() : base;
  if (!mention) return bare;
  return bare ? `${bare}${MENTION_SEPARATOR}${mention}` : mention;
}

/** What the round already loaded for this tab while the provider was read (same as loading it now). */
export interface TabPreload {
  records?: SyncedRecord[];
  states?: Map<string, SyncRowState>;
}

/** A state that says nothing new is not written again (2,000 rows: 80 batch writes saved per round). */
function sameState(a: SyncRowState | undefined, b: SyncRowState, stableRowKeys: boolean): boolean {
  return !!a && a.rowHash === b.rowHash && a.renderHash === b.renderHash && a.version === b.version && a.idWritten === b.idWritten && (!stableRowKeys || a.rowKey === b.rowKey);
}

export async function syncTab(run: TabRun, adapter: TabAdapter, read: TabRead, preload: TabPreload = {}): Promise<TabSummary> {
  const tab: TabName = adapter.tab;
  const s = emptyTabSummary(tab);
  s.rows = read.rows.length;
  const { deps, provider, now } = run;
  const nowIso = now.toISOString();
  const ctx: RowContext = { ...run.rowCtx, presentHeaders: read.headers };
  const note = (row: SheetRow) => `synchro ${provider.name} : onglet ${tab}, ligne ${row.key}`;

  const [records, states] = await Promise.all([preload.records ?? adapter.loadRecords(), preload.states ?? listSyncRowStates(deps.table, provider.name, tab)]);
  const byId = new Map(records.map((r) => [r.id, r]));

  const writes = new Map<string, RowCells>();
  const afterWrite = new Map<string, SyncRowState>();
  const toSave: SyncRowState[] = [];
  const seen = new Map<string, string>();
  /** Records as this round leaves them (updated, verified, archived). */
  const latest = new Map<string, SyncedRecord>();

  const pendingByKey = new Map<string, SyncRowState>();
  const pendingByHash = new Map<string, SyncRowState>();
  for (const st of states.values()) {
    if (st.idWritten || (!byId.has(st.recordId) && !adapter.stateBeforeCreate)) continue;
    if (st.rowKey && provider.stableRowKeys) pendingByKey.set(st.rowKey, st);
    pendingByHash.set(st.rowHash, st);
  }

  /** Queues the cells that differ from what the row holds. */
  const setCells = (row: SheetRow, cells: RowCells) => {
    const w = writes.get(row.key) ?? {};
    for (const [h, v] of Object.entries(cells)) if (cleanCell(row.cells[h]) !== cleanCell(v) || h in w) w[h] = v;
    if (Object.keys(w).length) writes.set(row.key, w);
  };
  const refuse = (row: SheetRow, reasons: string[]) => {
    s.refused++;
    setCells(row, { [STATUS]: statusText.refused(reasons) });
  };
  const stateOf = (rec: SyncedRecord, row: SheetRow | undefined, rowHash: string, idWritten = true): SyncRowState => ({
    provider: provider.name,
    tab,
    recordId: rec.id,
    rowHash,
    renderHash: hashRow(tab, adapter.render(rec, ctx)),
    version: rec.version,
    ...(row ? { rowKey: row.key } : {}),
    idWritten,
    syncedAt: nowIso,
  });
  /** What the record dictates in `Statut synchro`, plus its mention (freshness), replacing an earlier mention. */
  const statusOf = (rec: SyncedRecord, current: string) => withMention(adapter.recordStatus?.(rec) ?? current, adapter.statusMention?.(rec));
  /** The state once this round's writes to the row are done (saved only if they succeed). */
  const settle = (row: SheetRow, rec: SyncedRecord) => {
    latest.set(rec.id, rec);
    if (adapter.recordStatus || adapter.statusMention) setCells(row, { [STATUS]: statusOf(rec, writes.get(row.key)?.[STATUS] ?? cleanCell(row.cells[STATUS])) });
    const finalCells = { ...row.cells, ...(writes.get(row.key) ?? {}) };
    const st = stateOf(rec, row, hashRow(tab, finalCells));
    if (writes.has(row.key)) afterWrite.set(row.key, st);
    else toSave.push(st);
  };
  const useCase = async <T>(row: SheetRow, f: () => Promise<T>): Promise<T | undefined> => {
    try {
      const out = await f();
      run.onRecordWrite?.();
      return out;
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      refuse(row, adapter.reasons(err));
      return undefined;
    }
  };
  const interim = (rec: SyncedRecord, row: SheetRow, rowHash: string, version: number) =>
    syncRowStatePut(deps.table, { ...stateOf(rec, row, rowHash), renderHash: '', version });

  /** Writes these rows' queued cells; the states of the rows written are saved at once (a crash then loses no write-back). */
  const sendWrites = async (keys: string[]) => {
    const updates = keys.flatMap((key) => {
      const cells = writes.get(key);
      writes.delete(key);
      return cells ? [{ key, cells }] : [];
    });
    if (!updates.length) return;
    const written: SyncRowState[] = [];
    try {
      const outcomes = await provider.updateRows(tab, updates);
      outcomes.forEach((o, i) => {
        const key = updates[i]!.key;
        if (o.ok) {
          const st = afterWrite.get(key);
          if (st) written.push(st);
        } else s.errors.push(`ligne ${key} non écrite : ${o.error}`);
      });
    } catch (err) {
      s.errors.push(`écriture dans la feuille interrompue : ${(err as Error).message} (reprise au prochain passage)`);
    }
    await putSyncRowStates(deps.table, written.filter((st) => !sameState(states.get(st.recordId), st, provider.stableRowKeys)));
  };

  /** Applies a changed row; the updated record, the same one when nothing really changed, or undefined when refused. */
  const applyRow = async (row: SheetRow, rec: SyncedRecord, rowHash: string): Promise<SyncedRecord | undefined> => {
    if (adapter.immutableMessage) {
      refuse(row, [adapter.immutableMessage]);
      return undefined;
    }
    const parsed = adapter.parse(row.cells, ctx, rec);
    if (!parsed.ok) return void refuse(row, parsed.errors);
    if (run.dryRun) {
      const errs = adapter.check(parsed.input, rec);
      if (errs.length) return void refuse(row, errs);
      s.updated++;
      return rec;
    }
    const out = await useCase(row, async () => ({ updated: await adapter.update(rec, parsed.input, { note: note(row), extraItems: [interim(rec, row, rowHash, rec.version + 1)] }) }));
    if (!out) return undefined; // refused by the use case
    const updated = out.updated;
    if (!updated) return rec; // only the formatting differs: nothing to save
    s.updated++;
    setCells(row, { [STATUS]: statusText.saved(now) });
    return updated;
  };

  const writeRecord = (row: SheetRow, rec: SyncedRecord, status: string) => {
    const rendered = adapter.render(rec, ctx);
    const before = writes.size;
    const dataChanged = Object.entries(rendered).some(([h, v]) => h !== VERIFIED && cleanCell(row.cells[h]) !== cleanCell(v));
    setCells(row, { ...rendered, [STATUS]: status });
    if (dataChanged || writes.size > before) s.written++;
  };

  const freshness = async (row: SheetRow, rec: SyncedRecord): Promise<SyncedRecord> => {
    const rendered = adapter.render(rec, ctx);
    if (!(VERIFIED in rendered)) return rec;
    const typed = cleanCell(row.cells[VERIFIED]);
    if (adapter.verify && typed && typed !== rendered[VERIFIED] && asksVerification(typed, rec) && !run.dryRun) {
      const verify = adapter.verify;
      const v = await useCase(row, () => verify(rec, { note: note(row), extraItems: [interim(rec, row, hashRow(tab, row.cells), rec.version + 1)] }));
      if (v) rec = v;
    }
    setCells(row, { [VERIFIED]: adapter.render(rec, ctx)[VERIFIED]! });
    return rec;
  };

  const conflictAudit = async (rec: SyncedRecord, winner: 'sheet' | 'api', lost: unknown, kept: unknown) => {
    s.conflicts++;
    if (run.dryRun) return;
    await putAuditEntry(deps.table, {
      id: deps.newId(),
      entityType: adapter.entityType,
      entityId: rec.id,
      action: 'sync-conflict',
      actor: run.actorLabel,
      at: nowIso,
      before: lost,
      after: kept,
      note: winner === 'sheet' ? `${tab} : la ligne (plus récente) l’emporte ; version API écartée dans « before »` : `${tab} : la fiche API (plus récente) l’emporte ; ligne écartée dans « before »`,
    });
  };

  /**
   * A person archived, then erased (RGPD): archived rows are otherwise left alone, but this one
   * still shows the name, e-mail and phone. Every cell the record renders is written (pseudonym,
   * contacts emptied), once: on later rounds the cells already agree and nothing is written.
   */
  const rewriteErased = (row: SheetRow, rec: SyncedRecord) => {
    setCells(row, { ...adapter.render(rec, ctx), [STATUS]: adapter.archivedMessage ?? statusText.archived() });
    const st = stateOf(rec, row, hashRow(tab, { ...row.cells, ...(writes.get(row.key) ?? {}) }));
    if (writes.has(row.key)) afterWrite.set(row.key, st);
  };

  const syncExisting = async (row: SheetRow, rec: SyncedRecord, st: SyncRowState | undefined) => {
    const rowHash = hashRow(tab, row.cells);
    if (rec.archivedAt && rec.erasedAt) return rewriteErased(row, rec);
    if (rec.archivedAt) return setCells(row, { [STATUS]: adapter.archivedMessage ?? statusText.archived() });
    const renderHash = hashRow(tab, adapter.render(rec, ctx));
    const sheetChanged = st ? st.rowHash !== rowHash : renderHash !== rowHash;
    const apiChanged = !!st && (st.version !== rec.version || st.renderHash !== renderHash);
    let current: SyncedRecord | undefined = rec;
    if (sheetChanged && apiChanged) {
      const sheetAt = new Date(run.editedAt.get(`${tab}!${row.key}`) ?? run.editedAt.get(row.key) ?? run.editedAt.get(rec.id) ?? nowIso).toISOString();
      if (sheetAt >= rec.updatedAt && !adapter.immutableMessage) {
        current = await applyRow(row, rec, rowHash);
        if (current && current !== rec) {
          await conflictAudit(rec, 'sheet', rec, current);
          setCells(row, { [STATUS]: statusText.conflictSheetWon(now) });
        }
      } else {
        await conflictAudit(rec, 'api', { sheetRow: row.cells }, rec);
        writeRecord(row, rec, statusText.conflictApiWon(now));
      }
    } else if (sheetChanged) current = await applyRow(row, rec, rowHash);
    else if (apiChanged) writeRecord(row, rec, statusText.fromApi(now));
    else if (cleanCell(row.cells[STATUS]).startsWith('✗')) setCells(row, { [STATUS]: statusText.upToDate() });
    if (!current) return; // refused: the state stays, so the row is judged again next round
    current = await freshness(row, current);
    settle(row, current);
  };

  /** A created record: its ID (and status) go to its row, its state once that write is done. */
  const created = (row: SheetRow, rowHash: string, rec: SyncedRecord) => {
    s.created++;
    byId.set(rec.id, rec);
    seen.set(rec.id, row.key);
    const rendered = adapter.render(rec, ctx);
    setCells(row, { [ID]: rec.id, [STATUS]: adapter.createdStatus?.(rec) ?? statusText.created(now), ...(VERIFIED in rendered ? { [VERIFIED]: rendered[VERIFIED]! } : {}) });
    afterWrite.set(row.key, stateOf(rec, row, rowHash));
  };
  /** The row state committed with the record: a crash before the ID write-back is repaired next round, not created again. */
  const pendingState = (row: SheetRow, rowHash: string, id: string): SyncRowState => ({ provider: provider.name, tab, recordId: id, rowHash, renderHash: '', version: 1, rowKey: row.key, idWritten: false, syncedAt: nowIso });

  const createFromRow = async (row: SheetRow, rowHash: string, knownId?: string) => {
    const parsed = adapter.parse(row.cells, ctx);
    if (!parsed.ok) return refuse(row, parsed.errors);
    if (run.dryRun) {
      const errs = adapter.check(parsed.input);
      return errs.length ? refuse(row, errs) : void s.created++;
    }
    const id = knownId ?? deps.newId();
    const pending = pendingState(row, rowHash, id);
    if (adapter.stateBeforeCreate) await putSyncRowStates(deps.table, [pending]);
    const rec = await useCase(row, () => adapter.create(parsed.input, id, { note: note(row), extraItems: adapter.stateBeforeCreate ? [] : [syncRowStatePut(deps.table, pending)] }));
    if (rec) created(row, rowHash, rec);
  };

  // Rows whose writes are final, sent as they come when the provider writes in small batches
  // (Airtable: 10 rows a request, at 5 requests/s): the rate-limited write-back then runs
  // while later rows are still being created, instead of after all of them.
  const batchSize = run.dryRun ? undefined : provider.writeBatchSize;
  const ready: string[] = [];
  const sending: Promise<void>[] = [];
  const rowDone = (row: SheetRow) => {
    if (!batchSize || !writes.has(row.key)) return;
    ready.push(row.key);
    if (ready.length >= batchSize) sending.push(sendWrites(ready.splice(0, batchSize)));
  };
  const pool = new RowPool();
  const task = (row: SheetRow, f: () => Promise<void>) =>
    pool.add(async () => {
      await f();
      rowDone(row);
    });

  // Creations of adapters that create many at once go in groups (one transaction each, see
  // saveDirectoryRecords): each row is still checked and answered on its own, and its row
  // state is committed with its record as in createFromRow.
  const grouping = !!adapter.createMany && !run.dryRun && !adapter.stateBeforeCreate;
  let waiting: { row: SheetRow; rowHash: string; id: string; input: Record<string, unknown>; w: WriteContext }[] = [];
  const flushCreations = async () => {
    const group = waiting;
    waiting = [];
    if (!group.length) return;
    await pool.add(async () => {
      const outcomes = await adapter.createMany!(group.map(({ input, id, w }) => ({ input, id, w })));
      let fatal: unknown;
      outcomes.forEach((o, i) => {
        const { row, rowHash } = group[i]!;
        if (o.ok) {
          run.onRecordWrite?.();
          created(row, rowHash, o.record);
        } else if (o.error instanceof AppError && o.error.status < 500) refuse(row, adapter.reasons(o.error));
        else fatal ??= o.error;
        rowDone(row);
      });
      // As a row use case failing outside a refusal: the round stops (the others of the group are done and answered).
      if (fatal !== undefined) throw fatal;
    });
  };
  const create = async (row: SheetRow, rowHash: string, knownId?: string) => {
    if (!grouping) return task(row, () => createFromRow(row, rowHash, knownId));
    const parsed = adapter.parse(row.cells, ctx);
    if (!parsed.ok) {
      refuse(row, parsed.errors);
      return rowDone(row);
    }
    const id = knownId ?? deps.newId();
    waiting.push({ row, rowHash, id, input: parsed.input, w: { note: note(row), extraItems: [syncRowStatePut(deps.table, pendingState(row, rowHash, id))] } });
    if (waiting.length >= CREATION_GROUP) await flushCreations();
  };

  try {
    for (const [n, row] of read.rows.entries()) {
      // Let the answers of the rows already started come in (2,000 unchanged rows are ~1 s of work in a row).
      if (n % 100 === 99) await new Promise((ok) => setImmediate(ok));
      const id = cleanCell(row.cells[ID]);
      if (id) {
        const other = seen.get(id);
        if (other !== undefined) {
          s.refused++;
          setCells(row, { [STATUS]: statusText.duplicateId(other) });
          rowDone(row);
          continue;
        }
        const rec = byId.get(id) ?? (await adapter.loadOne?.(id));
        if (rec && !byId.has(id)) byId.set(id, rec);
        if (!rec) {
          s.refused++;
          setCells(row, { [STATUS]: statusText.unknownId() });
          rowDone(row);
          continue;
        }
        seen.set(id, row.key);
        await task(row, () => syncExisting(row, rec, states.get(id)));
        continue;
      }
      const rowHash = hashRow(tab, row.cells);
      const pending = pendingByKey.get(row.key) ?? pendingByHash.get(rowHash);
      if (pending && !seen.has(pending.recordId)) {
        // Created by an earlier round whose ID write-back was lost: write it now, create nothing.
        pendingByKey.delete(pending.rowKey ?? '');
        pendingByHash.delete(pending.rowHash);
        const rec = byId.get(pending.recordId);
        if (!rec) {
          // Its state was saved but the creation did not happen (or was not answered): create again, same id.
          await create(row, rowHash, pending.recordId);
          continue;
        }
        seen.set(rec.id, row.key);
        setCells(row, { [ID]: rec.id, [STATUS]: adapter.createdStatus?.(rec) ?? statusText.created(now) });
        // Keep the hash of the created version: a later edit of this row is then applied next round.
        afterWrite.set(row.key, { ...stateOf(rec, row, pending.rowHash) });
        rowDone(row);
        continue;
      }
      await create(row, rowHash);
    }
    await flushCreations();
  } finally {
    // Nothing of this tab may still run once it returns or throws (the round's lease ends after it).
    await pool.drain().finally(() => Promise.allSettled(sending));
  }
  await Promise.all(sending);

  // Records without a row: deleted in the sheet (archive) or new in the API (append).
  // Synced rows of records loadRecords does not return (old visits) may have been deleted too.
  if (adapter.loadOne) {
    for (const st of states.values()) {
      if (!st.idWritten || seen.has(st.recordId) || byId.has(st.recordId)) continue;
      const rec = await adapter.loadOne(st.recordId);
      if (rec) records.push(rec);
    }
  }
  const missing = records.filter((r) => !r.archivedAt && !seen.has(r.id));
  const deleted = missing.filter((r) => states.get(r.id)?.idWritten);
  const synced = [...states.values()].filter((st) => st.idWritten).length;
  if (deleted.length > 5 && deleted.length > synced / 2) {
    s.errors.push(`${deleted.length} lignes synchronisées ont disparu d’un coup : par prudence rien n’a été archivé (supprimez-les par petits lots, ou archivez dans l’API)`);
  } else {
    for (const rec of deleted) {
      s.archived++;
      if (run.dryRun) continue;
      await adapter.archive(rec, `synchro ${provider.name} : ligne supprimée de l’onglet ${tab}`);
      latest.set(rec.id, { ...rec, archivedAt: nowIso });
      run.onRecordWrite?.();
      await deleteSyncRowState(deps.table, provider.name, tab, rec.id);
    }
  }
  const toAppend = missing.filter((r) => !states.get(r.id)?.idWritten && (adapter.appendable?.(r) ?? true));
  s.appended = toAppend.length;

  if (!run.dryRun) {
    await sendWrites([...writes.keys()]);
    if (toAppend.length) {
      const rows = toAppend.map((r) => {
        const cells = adapter.render(r, ctx);
        const status = statusOf(r, '');
        return status ? { ...cells, [STATUS]: status } : cells;
      });
      try {
        const outcomes = await provider.appendRows(tab, rows);
        outcomes.forEach((o, i) => {
          const rec = toAppend[i]!;
          if (o.ok) toSave.push({ ...stateOf(rec, undefined, hashRow(tab, rows[i]!)), ...(o.key ? { rowKey: o.key } : {}) });
          else {
            s.appended--;
            s.errors.push(`fiche ${rec.id} non ajoutée : ${o.error}`);
          }
        });
      } catch (err) {
        s.appended = 0;
        s.errors.push(`ajout de lignes interrompu : ${(err as Error).message} (reprise au prochain passage)`);
      }
    }
    await putSyncRowStates(deps.table, toSave.filter((st) => !sameState(states.get(st.recordId), st, provider.stableRowKeys)));
  }
  if (run.onRecords) {
    const all = new Map(records.map((r) => [r.id, r]));
    for (const m of [byId, latest]) for (const [id, r] of m) all.set(id, r);
    run.onRecords([...all.values()]);
  }
  return s;
}
