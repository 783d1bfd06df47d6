/**
 * The spreadsheet as Google Sheets holds it: one sheet per tab, headers in row 1,
 * columns in any order. All tabs are read with one batchGet and each tab's
 * changes written with one batchUpdate (cells) and one append (new rows).
 * Row keys are row numbers as read; a write never trusts them, because a manager may sort or
 * insert rows between the read and the write-back (contracts/google-sheets.md): before writing,
 * the tab is read again and each row found by its `ID`, or — for a row without ID yet — by the
 * developer metadata the read attached to it (metadata moves with its row). An owned tab's
 * row is found by its key columns. A row that cannot be found is not written (next round).
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

/** Who a row read this round is: its ID, its metadata token, or its key cells (owned tabs). */
interface RowIdentity {
  id?: string;
  token?: string;
  ownedKey?: string;
}

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
      // One missing sheet fails the whole batchGet with 400: read the tabs one by one.
      if (!(err instanceof GoogleSheetsError && err.status === 400)) throw err;
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
      for (const row of read.rows) {
        if (isOwnedTab(tab)) ids.set(row.key, { ownedKey: ownedKeyOf(tab, row.cells) });
        else if (norm(row.cells[ID])) ids.set(row.key, { id: norm(row.cells[ID]) });
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
    const where = await this.locate(tab, updates.map((u) => u.key));
    const data: { range: string; values: string[][] }[] = [];
    const outcomes: WriteOutcome[] = [];
    for (const u of updates) {
      const row = where.get(u.key);
      if (!row) {
        outcomes.push({ ok: false, error: 'la ligne a été déplacée, supprimée ou son ID modifié depuis la lecture : rien n’y a été écrit (reprise au prochain passage)' });
        continue;
      }
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
    return rows.map((_, i) => ({ ok: true, ...(Number.isFinite(first) ? { key: String(first + i) } : {}) }));
  }
}
