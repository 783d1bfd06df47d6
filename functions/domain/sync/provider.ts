/**
 * What the sync engine needs from a spreadsheet service; Airtable and Google
 * Sheets each implement it in integrations/. Cells are keyed by the canonical
 * headers of integrations/sheets/columns.ts.
 */
import type { RowCells, TabName } from '../../../integrations/sheets/columns.js';

export type ProviderName = 'airtable' | 'sheets';

export interface SheetRow {
  /** Where the row is: Airtable record id (stable) or sheet row number (shifts when rows are inserted above). */
  key: string;
  cells: RowCells;
}

export interface TabRead {
  /** Canonical headers present in the tab (Airtable: fields seen in at least one record). */
  headers: ReadonlySet<string>;
  rows: SheetRow[];
}

export type WriteOutcome = { ok: true; key?: string } | { ok: false; error: string };

export interface SheetProvider {
  readonly name: ProviderName;
  /** Whether a row's key survives edits elsewhere in the tab (Airtable yes, Sheets no). */
  readonly stableRowKeys: boolean;
  /**
   * Rows per write request when writes are rate-limited one small batch at a time (Airtable: 10).
   * The sync then sends rows as soon as they are ready; without it, a tab's writes go in one call.
   */
  readonly writeBatchSize?: number;
  /**
   * Each tab is read with its own requests (Airtable), so reading tabs one call at a time costs no
   * more requests than one call for all: the round then syncs a tab while the next ones are read.
   */
  readonly readsTabsOneByOne?: boolean;
  /**
   * Reads whole tabs. A missing tab maps to `undefined`; a tab that could not be
   * read completely maps to an Error (its rows are then not judged at all: a
   * partial read must never look like deleted rows).
   */
  readTabs(tabs: readonly TabName[]): Promise<Map<TabName, TabRead | Error | undefined>>;
  /** Sets the given cells of existing rows; one outcome per update, in order. */
  updateRows(tab: TabName, updates: { key: string; cells: RowCells }[]): Promise<WriteOutcome[]>;
  /** Adds rows for records created on the API side; one outcome per row, in order. Must be safe to replay. */
  appendRows(tab: TabName, rows: RowCells[]): Promise<WriteOutcome[]>;
}
