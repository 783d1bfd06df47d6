/**
 * The spreadsheet as Airtable holds it: one table per tab (named like the tab),
 * fields named like the headers. Records keep their `rec…` id across edits, so
 * row keys are stable. API-side records are added with an upsert on `ID`,
 * which a replay cannot duplicate.
 */
import type { SheetProvider, TabRead, WriteOutcome } from '../../functions/domain/sync/provider.js';
import { headerKey, isOwnedTab, knownHeaders, ID, OWNED_TAB_KEYS, type RowCells, type TabName } from '../sheets/columns.js';
import { AirtableClient, type AirtableRecord } from './client.js';
import { AirtableError } from './errors.js';

/** Airtable cell values (text, number, checkbox, lists) → the text a sheet cell would hold. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined || v === false) return '';
  if (v === true) return 'Oui';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(cellText).join(', ');
  if (typeof v === 'object' && 'name' in (v as object)) return String((v as { name: unknown }).name);
  return JSON.stringify(v);
}

export class AirtableProvider implements SheetProvider {
  readonly name = 'airtable' as const;
  readonly stableRowKeys = true;
  /** Airtable writes 10 records a request. */
  readonly writeBatchSize = 10;
  readonly readsTabsOneByOne = true;
  /** Per tab: canonical header → the field name as spelled in the base. */
  private readonly fieldNames = new Map<TabName, Map<string, string>>();

  constructor(readonly client: AirtableClient) {}

  async readTabs(tabs: readonly TabName[]): Promise<Map<TabName, TabRead | Error | undefined>> {
    const out = new Map<TabName, TabRead | Error | undefined>();
    for (const tab of tabs) {
      try {
        out.set(tab, this.toTab(tab, await this.client.listAllRecords(tab)));
      } catch (err) {
        // 404 = the base has no such table (Événements before events exist…).
        out.set(tab, err instanceof AirtableError && err.status === 404 ? undefined : (err as Error));
      }
    }
    return out;
  }

  private toTab(tab: TabName, records: AirtableRecord[]): TabRead {
    const known = knownHeaders(tab);
    const names = new Map<string, string>();
    const rows = records.map((r) => {
      const cells: RowCells = {};
      for (const [field, value] of Object.entries(r.fields)) {
        const canonical = known.get(headerKey(field));
        if (!canonical) continue;
        names.set(canonical, field);
        cells[canonical] = cellText(value);
      }
      return { key: r.id, cells };
    });
    this.fieldNames.set(tab, names);
    return { headers: new Set(names.keys()), rows };
  }

  private fields(tab: TabName, cells: RowCells): Record<string, string> {
    const names = this.fieldNames.get(tab);
    return Object.fromEntries(Object.entries(cells).map(([h, v]) => [names?.get(h) ?? h, v]));
  }

  async updateRows(tab: TabName, updates: { key: string; cells: RowCells }[]): Promise<WriteOutcome[]> {
    return this.client.updateRecords(tab, updates.map((u) => ({ id: u.key, fields: this.fields(tab, u.cells) })));
  }

  async appendRows(tab: TabName, rows: RowCells[]): Promise<WriteOutcome[]> {
    const names = this.fieldNames.get(tab);
    // Replay-safe: rows merge on their ID, or on their key columns in the tabs the API owns (no ID there).
    const mergeOn = isOwnedTab(tab) ? OWNED_TAB_KEYS[tab].map((h) => names?.get(h) ?? h) : [names?.get(ID) ?? ID];
    const outcomes = await this.client.upsertRecords(tab, rows.map((cells) => ({ fields: this.fields(tab, cells) })), mergeOn);
    return outcomes.map((o) => (o.ok ? { ok: true, key: o.id } : o));
  }
}
