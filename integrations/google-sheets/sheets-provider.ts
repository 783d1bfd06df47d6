/**
 * The spreadsheet as Google Sheets holds it: one sheet per tab, headers in row 1,
 * columns in any order. All tabs are read with one batchGet and each tab's
 * changes written with one batchUpdate (cells) and one append (new rows).
 * Row keys are row numbers: valid within a round, not across rounds.
 */
import type { SheetProvider, TabRead, WriteOutcome } from '../../functions/domain/sync/provider.js';
import { headerKey, knownHeaders, TAB_HEADERS, type RowCells, type TabName } from '../sheets/columns.js';
import { GoogleSheetsClient, GoogleSheetsError, columnLetter, quoteSheet, type ValueRange } from './client.js';

interface Layout {
  /** Header cells of row 1, as read (and as extended by this round). */
  headers: string[];
  /** canonical header → column index. */
  columns: Map<string, number>;
}

/** Ranges per batchUpdate request: keeps each request well under the ~2 MB advice. */
const RANGES_PER_REQUEST = 5000;

export class SheetsProvider implements SheetProvider {
  readonly name = 'sheets' as const;
  readonly stableRowKeys = false;
  private readonly layouts = new Map<TabName, Layout>();

  constructor(readonly client: GoogleSheetsClient) {}

  async readTabs(tabs: readonly TabName[]): Promise<Map<TabName, TabRead | Error | undefined>> {
    const out = new Map<TabName, TabRead | Error | undefined>();
    try {
      const ranges = await this.client.batchGet(tabs.map(quoteSheet));
      tabs.forEach((tab, i) => out.set(tab, this.toTab(tab, ranges[i] ?? { range: tab, values: [] })));
      return out;
    } catch (err) {
      // One missing sheet fails the whole batchGet with 400: read the tabs one by one.
      if (!(err instanceof GoogleSheetsError && err.status === 400)) throw err;
    }
    for (const tab of tabs) {
      try {
        out.set(tab, this.toTab(tab, await this.client.getValues(quoteSheet(tab))));
      } catch (err) {
        out.set(tab, err instanceof GoogleSheetsError && err.status === 400 ? undefined : (err as Error));
      }
    }
    return out;
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
    const data: { range: string; values: string[][] }[] = [];
    for (const u of updates) {
      for (const [h, v] of Object.entries(u.cells)) data.push({ range: `${quoteSheet(tab)}!${columnLetter(this.column(tab, h, data))}${u.key}`, values: [[v]] });
    }
    for (let i = 0; i < data.length; i += RANGES_PER_REQUEST) await this.client.batchUpdate(data.slice(i, i + RANGES_PER_REQUEST));
    return updates.map(() => ({ ok: true }));
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
