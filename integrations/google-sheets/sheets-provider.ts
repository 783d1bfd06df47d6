/**
 * The spreadsheet as Google Sheets holds it: one sheet per tab, headers in row 1,
 * columns in any order. All tabs are read with one batchGet and each tab's
 * changes written with one batchUpdateByDataFilter (cells) and one append (new rows).
 * Row keys are row numbers as read; a write never trusts them, because a manager may sort or
 * insert rows between the read and the write-back (contracts/google-sheets.md). Developer
 * metadata moves with its row, so rows are written through it, wherever they now are:
 * - a synced row carries its record's ID (key RECORD_TAG_KEY), attached when its ID was
 *   written or when it was appended; writing needs no re-read;
 * - a row read without an ID gets a token of this read (key ROW_TAG_KEY) right after the read;
 * - a row whose ID no metadata answers for (synced before this existed, or its metadata lost)
 *   is found by its `ID` in the tab read again, written, and given its metadata for next time.
 * An owned tab's row is found by its key columns in the tab read again. A row that cannot be
 * found is not written (next round).
 */
import { randomBytes } from 'node:crypto';
import type { SheetProvider, TabRead, WriteOutcome } from '../../functions/domain/sync/provider.js';
import { headerKey, ID, isOwnedTab, knownHeaders, OWNED_TAB_KEYS, TAB_HEADERS, type RowCells, type TabName } from '../sheets/columns.js';
import { GoogleSheetsClient, GoogleSheetsError, columnLetter, quoteSheet, type ValueRange } from './client.js';

interface Layout {
  /** Header cells of row 1, as read (and as extended by this round). */
  headers: string[];
  /** canonical header → column index. */
  columns: Map<string, number>;
}

/** Ranges per batchUpdate request: keeps each request well under the ~2 MB advice. */
const RANGES_PER_REQUEST = 5000;
/** The developer metadata key of rows read without an ID (value: a random token of that read). */
export const ROW_TAG_KEY = 'tiers-lieux-sync-row';
/** The developer metadata key of a synced row; its value is the row's record ID. */
export const RECORD_TAG_KEY = 'tiers-lieux-sync-id';

/** Who a row read this round is: its ID, its metadata token, or its key cells (owned tabs). */
interface RowIdentity {
  id?: string;
  /** The same ID is on several rows: none of them is written (the sync tells which is the copy). */
  duplicate?: boolean;
  token?: string;
  ownedKey?: string;
}

const NOT_FOUND = 'la ligne a été déplacée, supprimée ou son ID modifié depuis la lecture : rien n’y a été écrit (reprise au prochain passage)';
const norm = (v: string | undefined) => (v ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
const ownedKeyOf = (tab: TabName, cells: RowCells) => (isOwnedTab(tab) ? OWNED_TAB_KEYS[tab].map((h) => norm(cells[h]).toLowerCase()).join('\u0000') : '');

export class SheetsProvider implements SheetProvider {
  readonly name = 'sheets' as const;
  readonly stableRowKeys = false;
  private readonly layouts = new Map<TabName, Layout>();
  private readonly identities = new Map<TabName, Map<string, RowIdentity>>();
  private sheetIdsCache?: Map<string, number>;

  constructor(readonly client: GoogleSheetsClient) {}

  async readTabs(tabs: readonly TabName[]): Promise<Map<TabName, TabRead | Error | undefined>> {
    const out = new Map<TabName, TabRead | Error | undefined>();
    try {
      const ranges = await this.client.batchGet(tabs.map(quoteSheet));
      tabs.forEach((tab, i) => out.set(tab, this.toTab(tab, ranges[i] ?? { range: tab, values: [] })));
    } catch (err) {
      // One missing sheet fails the whole batchGet with 400: ask which sheets exist (the answer
      // serves the metadata writes too) and read those in one batchGet again.
      if (!(err instanceof GoogleSheetsError && err.status === 400)) throw err;
      const titles = await this.sheetIds().catch(() => undefined);
      const present = titles ? tabs.filter((t) => titles.has(t)) : undefined;
      if (present && present.length < tabs.length) {
        try {
          const ranges = present.length ? await this.client.batchGet(present.map(quoteSheet)) : [];
          for (const tab of tabs) out.set(tab, undefined);
          present.forEach((tab, i) => out.set(tab, this.toTab(tab, ranges[i] ?? { range: tab, values: [] })));
          await this.tagRowsWithoutId(out);
          return out;
        } catch (again) {
          if (!(again instanceof GoogleSheetsError && again.status === 400)) throw again;
        }
      }
      // Still refused: read the tabs one by one.
      for (const tab of tabs) {
        try {
          out.set(tab, this.toTab(tab, await this.client.getValues(quoteSheet(tab))));
        } catch (e) {
          out.set(tab, e instanceof GoogleSheetsError && e.status === 400 ? undefined : (e as Error));
        }
      }
    }
    await this.tagRowsWithoutId(out);
    return out;
  }

  private async sheetIds(): Promise<Map<string, number>> {
    this.sheetIdsCache ??= await this.client.sheetIds();
    return this.sheetIdsCache;
  }

  /**
   * Attaches a fresh metadata token to every row read without an ID, so its ID and status land
   * on it wherever it moves before the write-back; the tokens of earlier reads are dropped in
   * the same request. One request, only when such rows exist.
   */
  private async tagRowsWithoutId(reads: Map<TabName, TabRead | Error | undefined>): Promise<void> {
    const untagged: { tab: TabName; key: string }[] = [];
    for (const [tab, read] of reads) {
      if (!read || read instanceof Error) continue;
      const ids = new Map<string, RowIdentity>();
      const times = new Map<string, number>();
      for (const row of read.rows) times.set(norm(row.cells[ID]), (times.get(norm(row.cells[ID])) ?? 0) + 1);
      for (const row of read.rows) {
        const id = norm(row.cells[ID]);
        if (isOwnedTab(tab)) ids.set(row.key, { ownedKey: ownedKeyOf(tab, row.cells) });
        else if (id) ids.set(row.key, { id, ...(times.get(id)! > 1 ? { duplicate: true } : {}) });
        else untagged.push({ tab, key: row.key });
      }
      this.identities.set(tab, ids);
    }
    if (untagged.length === 0) return;
    const sheetIds = await this.sheetIds();
    const requests: unknown[] = [{ deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataKey: ROW_TAG_KEY } } } }];
    for (const { tab, key } of untagged) {
      const sheetId = sheetIds.get(tab);
      if (sheetId === undefined) continue;
      const token = randomBytes(9).toString('base64url');
      this.identities.get(tab)!.set(key, { token });
      const startIndex = Number(key) - 1;
      requests.push({ createDeveloperMetadata: { developerMetadata: { metadataKey: ROW_TAG_KEY, metadataValue: token, visibility: 'DOCUMENT', location: { dimensionRange: { sheetId, dimension: 'ROWS', startIndex, endIndex: startIndex + 1 } } } } });
    }
    await this.client.spreadsheetBatchUpdate(requests);
  }

  /**
   * Where each row read this round is now: the tab read again (and its header layout with it),
   * rows found by ID, metadata token or key cells. Missing: not found (moved out, deleted, ID edited).
   */
  private async locate(tab: TabName, keys: string[]): Promise<Map<string, string>> {
    const known = this.identities.get(tab);
    const where = new Map<string, string>();
    if (!known) return where;
    const fresh = this.toTab(tab, await this.client.getValues(quoteSheet(tab)));
    const byId = new Map<string, string[]>();
    const byOwnedKey = new Map<string, string>();
    for (const row of fresh.rows) {
      const id = norm(row.cells[ID]);
      if (id) byId.set(id, [...(byId.get(id) ?? []), row.key]);
      if (isOwnedTab(tab) && !byOwnedKey.has(ownedKeyOf(tab, row.cells))) byOwnedKey.set(ownedKeyOf(tab, row.cells), row.key);
    }
    const tokens = keys.map((k) => known.get(k)?.token).filter((t): t is string => !!t);
    const tagged = tokens.length ? await this.client.searchRowMetadata(ROW_TAG_KEY, tokens) : new Map();
    const sheetId = tokens.length ? (await this.sheetIds()).get(tab) : undefined;
    for (const key of keys) {
      const who = known.get(key);
      if (who?.id) {
        const rows = byId.get(who.id) ?? [];
        if (rows.length === 1) where.set(key, rows[0]!);
      } else if (who?.token) {
        const at = tagged.get(who.token);
        if (at && at.sheetId === sheetId) where.set(key, String(at.rowIndex + 1));
      } else if (who?.ownedKey !== undefined) {
        const row = byOwnedKey.get(who.ownedKey);
        if (row) where.set(key, row);
      }
    }
    return where;
  }

  private toTab(tab: TabName, vr: ValueRange): TabRead {
    const [head = [], ...body] = vr.values;
    const known = knownHeaders(tab);
    const columns = new Map<string, number>();
    head.forEach((h, i) => {
      const c = known.get(headerKey(h));
      if (c && !columns.has(c)) columns.set(c, i);
    });
    this.layouts.set(tab, { headers: [...head], columns });
    const rows = [];
    for (let i = 0; i < body.length; i++) {
      const raw = body[i]!;
      if (!raw.some((c) => c.trim() !== '')) continue;
      const cells: RowCells = {};
      for (const [h, idx] of columns) cells[h] = raw[idx] ?? '';
      rows.push({ key: String(i + 2), cells });
    }
    return { headers: new Set(columns.keys()), rows };
  }

  /** Column of a header; a missing owned column (ID, Statut synchro…) is added after the last one. */
  private column(tab: TabName, header: string, headerWrites: { range: string; values: string[][] }[]): number {
    const layout: Layout = this.layouts.get(tab) ?? { headers: [], columns: new Map() };
    this.layouts.set(tab, layout);
    let idx = layout.columns.get(header);
    if (idx === undefined) {
      idx = layout.headers.length;
      layout.headers.push(header);
      layout.columns.set(header, idx);
      headerWrites.push({ range: `${quoteSheet(tab)}!${columnLetter(idx)}1`, values: [[header]] });
    }
    return idx;
  }

  async updateRows(tab: TabName, updates: { key: string; cells: RowCells }[]): Promise<WriteOutcome[]> {
    if (isOwnedTab(tab)) return this.updateRowsFound(tab, updates);
    const known = this.identities.get(tab) ?? new Map<string, RowIdentity>();
    const headerWrites: { range: string; values: string[][] }[] = [];
    const lookups = updates.map((u) => {
      const who = known.get(u.key);
      if (who?.id && !who.duplicate) return { metadataKey: RECORD_TAG_KEY, metadataValue: who.id };
      return who?.token ? { metadataKey: ROW_TAG_KEY, metadataValue: who.token } : undefined;
    });
    const data = updates.flatMap((u, i) => {
      const lookup = lookups[i];
      if (!lookup) return [];
      const values: (string | null)[] = [];
      for (const [h, v] of Object.entries(u.cells)) {
        const c = this.column(tab, h, headerWrites);
        while (values.length <= c) values.push(null);
        values[c] = v;
      }
      return [{ lookup, values }];
    });
    await this.client.batchUpdate(headerWrites);
    const written = new Map<string, string[]>();
    for (let i = 0; i < data.length; i += RANGES_PER_REQUEST) for (const [k, v] of await this.client.batchUpdateByMetadata(data.slice(i, i + RANGES_PER_REQUEST))) written.set(k, v);
    const outcomes: (WriteOutcome | undefined)[] = [];
    const unanswered: number[] = [];
    const tags: { id: string; row: number }[] = [];
    updates.forEach((u, i) => {
      const lookup = lookups[i];
      const ranges = lookup ? written.get(`${lookup.metadataKey}\u0000${lookup.metadataValue}`) : undefined;
      if (ranges?.length) {
        outcomes.push({ ok: true });
        // The ID just written on a row read without one: from now on the row answers to it.
        const id = norm(u.cells[ID]);
        const row = Number(/![A-Z]+(\d+)/.exec(ranges[0]!)?.[1] ?? NaN);
        if (lookup!.metadataKey === ROW_TAG_KEY && id && Number.isFinite(row)) tags.push({ id, row });
      } else if (lookup?.metadataKey === RECORD_TAG_KEY) {
        outcomes.push(undefined);
        unanswered.push(i);
      } else outcomes.push({ ok: false, error: NOT_FOUND });
    });
    if (unanswered.length) {
      // No metadata answers for these IDs yet: find them by ID in the tab read again, once.
      const again = await this.updateRowsFound(tab, unanswered.map((i) => updates[i]!), (id, row) => tags.push({ id, row }));
      unanswered.forEach((i, k) => (outcomes[i] = again[k]));
    }
    await this.tagRecordRows(tab, tags);
    return outcomes.map((o) => o ?? { ok: false, error: NOT_FOUND });
  }

  /**
   * Gives rows their record's metadata, at the row number a write answered or the re-read found,
   * just now. A row gets an ID's metadata only when no row answered to that ID (or the ID is new),
   * so two rows never carry the same one; `replace` drops an older copy first (appended rows).
   */
  private async tagRecordRows(tab: TabName, tags: { id: string; row: number }[], replace = false): Promise<void> {
    if (!tags.length) return;
    // Only an optimisation: a row left without its metadata is found by its ID next time (one re-read).
    const sheetId = (await this.sheetIds().catch(() => undefined))?.get(tab);
    if (sheetId === undefined) return;
    await this.client.spreadsheetBatchUpdate(
      tags.flatMap(({ id, row }) => [
        ...(replace ? [{ deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataKey: RECORD_TAG_KEY, metadataValue: id } } } }] : []),
        { createDeveloperMetadata: { developerMetadata: { metadataKey: RECORD_TAG_KEY, metadataValue: id, visibility: 'DOCUMENT', location: { dimensionRange: { sheetId, dimension: 'ROWS', startIndex: row - 1, endIndex: row } } } } },
      ]),
    ).catch(() => undefined);
  }

  /** Writes rows found in the tab read again (by ID, or by key columns in owned tabs). */
  private async updateRowsFound(tab: TabName, updates: { key: string; cells: RowCells }[], found?: (id: string, row: number) => void): Promise<WriteOutcome[]> {
    const where = await this.locate(tab, updates.map((u) => u.key));
    const data: { range: string; values: string[][] }[] = [];
    const outcomes: WriteOutcome[] = [];
    for (const u of updates) {
      const row = where.get(u.key);
      if (!row) {
        outcomes.push({ ok: false, error: NOT_FOUND });
        continue;
      }
      const id = this.identities.get(tab)?.get(u.key)?.id;
      if (id) found?.(id, Number(row));
      for (const [h, v] of Object.entries(u.cells)) data.push({ range: `${quoteSheet(tab)}!${columnLetter(this.column(tab, h, data))}${row}`, values: [[v]] });
      outcomes.push({ ok: true });
    }
    for (let i = 0; i < data.length; i += RANGES_PER_REQUEST) await this.client.batchUpdate(data.slice(i, i + RANGES_PER_REQUEST));
    return outcomes;
  }

  async appendRows(tab: TabName, rows: RowCells[]): Promise<WriteOutcome[]> {
    const headerWrites: { range: string; values: string[][] }[] = [];
    const layout = this.layouts.get(tab);
    // An empty sheet gets the template's header row first.
    const template: readonly string[] = layout?.headers.length ? [] : TAB_HEADERS[tab];
    for (const h of template) this.column(tab, h, headerWrites);
    for (const cells of rows) for (const h of Object.keys(cells)) this.column(tab, h, headerWrites);
    await this.client.batchUpdate(headerWrites);
    const width = this.layouts.get(tab)!.headers.length;
    const columns = this.layouts.get(tab)!.columns;
    const values = rows.map((cells) => {
      const line = Array.from({ length: width }, () => '');
      for (const [h, v] of Object.entries(cells)) line[columns.get(h)!] = v;
      return line;
    });
    const updated = await this.client.append(`${quoteSheet(tab)}!A1`, values);
    const first = Number(/![A-Z]+(\d+)/.exec(updated ?? '')?.[1] ?? NaN);
    if (Number.isFinite(first) && !isOwnedTab(tab)) await this.tagRecordRows(tab, rows.flatMap((cells, i) => (norm(cells[ID]) ? [{ id: norm(cells[ID]), row: first + i }] : [])), true);
    return rows.map((_, i) => ({ ok: true, ...(Number.isFinite(first) ? { key: String(first + i) } : {}) }));
  }
}
