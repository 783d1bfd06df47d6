/**
 * Tabs the API alone writes (`Relevés`…): each round computes the rows the tab should
 * show, finds them in the sheet by their key columns, rewrites only the cells that differ
 * and appends the rows that are missing. Rows the API no longer computes (older months)
 * are left as they are; edits a person makes in these tabs are overwritten.
 * A tab that does not exist in the spreadsheet is skipped: the guide says how to add it.
 */
import type { RowCells, TabName } from '../../../integrations/sheets/columns.js';
import type { SheetProvider, TabRead } from './provider.js';
import type { TabSummary } from './summary.js';

export interface OwnedTab {
  tab: TabName;
  /** Columns that identify a row (`Mois` + `Lieu`). */
  key: readonly string[];
  /** The rows the tab should contain, computed at this round. */
  rows(): Promise<RowCells[]>;
}

const norm = (v: string | undefined) => (v ?? '').replace(/\u00a0/g, ' ').trim();

export async function writeOwnedTab(provider: SheetProvider, owned: OwnedTab, read: TabRead, dryRun: boolean): Promise<TabSummary> {
  const summary: TabSummary = { tab: owned.tab, rows: read.rows.length, created: 0, updated: 0, archived: 0, refused: 0, written: 0, appended: 0, conflicts: 0, errors: [] };
  const keyOf = (cells: RowCells) => owned.key.map((h) => norm(cells[h]).toLowerCase()).join('\u0000');
  const existing = new Map<string, (typeof read.rows)[number]>();
  for (const row of read.rows) if (!existing.has(keyOf(row.cells))) existing.set(keyOf(row.cells), row);
  const updates: { key: string; cells: RowCells }[] = [];
  const appends: RowCells[] = [];
  for (const wanted of await owned.rows()) {
    const row = existing.get(keyOf(wanted));
    if (!row) {
      appends.push(wanted);
      continue;
    }
    const changed = Object.fromEntries(Object.entries(wanted).filter(([h, v]) => norm(row.cells[h]) !== norm(v)));
    if (Object.keys(changed).length) updates.push({ key: row.key, cells: changed });
  }
  if (dryRun) return { ...summary, written: updates.length, appended: appends.length };
  const outcomes = [...(updates.length ? await provider.updateRows(owned.tab, updates) : []), ...(appends.length ? await provider.appendRows(owned.tab, appends) : [])];
  for (const [i, o] of outcomes.entries()) {
    if (!o.ok) summary.errors.push(o.error);
    else if (i < updates.length) summary.written++;
    else summary.appended++;
  }
  return summary;
}
