/**
 * Tabs the API alone writes (`Relevés`…): each round computes the rows the tab should
 * show, finds them in the sheet by their key columns, rewrites only the cells that differ
 * and appends the rows that are missing. Rows the API no longer computes (older months)
 * are left as they are; edits a person makes in these tabs are overwritten.
 * A tab that does not exist in the spreadsheet is skipped: the guide says how to add it.
 *
 * Reading a tab costs a request (and spreadsheet quota) at every round, so the tab is
 * read only when what it should show changed since it was last written, or once a day
 * (to repair a row someone edited or deleted).
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../deps.js';
import type { RowCells, TabName } from '../../../integrations/sheets/columns.js';
import { getOwnedTabState, putOwnedTabState } from '../../../integrations/dynamodb/sync-repository.js';
import type { SheetProvider, TabRead } from './provider.js';
import type { TabSummary } from './summary.js';

const RECHECK_MS = 24 * 3600_000;

export interface OwnedTab {
  tab: TabName;
  /** Columns that identify a row (`Mois` + `Lieu`). */
  key: readonly string[];
  /** The rows the tab should contain, computed at this round. */
  rows(): Promise<RowCells[]>;
  /**
   * The entity types (`place`, `visit`…) whose writes may change those rows: a round whose tabs
   * wrote none of them does not compute the rows again after its writes. Absent: any write.
   */
  dependsOn?: readonly string[];
}

/** Whether writes of these entity types may change what the tab shows. */
export function affectedBy(owned: OwnedTab, written: ReadonlySet<string>): boolean {
  return !owned.dependsOn || owned.dependsOn.some((t) => written.has(t));
}

const norm = (v: string | undefined) => (v ?? '').replace(/\u00a0/g, ' ').trim();

const emptySummary = (tab: TabName, rows: number, errors: string[] = []): TabSummary => ({ tab, rows, created: 0, updated: 0, archived: 0, refused: 0, written: 0, appended: 0, conflicts: 0, errors });

export interface OwnedTabPlan {
  owned: OwnedTab;
  wanted: RowCells[];
  hash: string;
  /** Whether the tab must be read this round (read with the other tabs, in the same request). */
  read: boolean;
  error?: string;
  /** The round's count of record writes when `wanted` was computed: the same count later means the same rows. */
  at?: number;
}

/** Computes what the tab should show and whether it must be read (changed, or not checked today). */
export async function planOwnedTab(deps: Deps, provider: SheetProvider, owned: OwnedTab, o: { now: Date; dryRun: boolean; at?: number }): Promise<OwnedTabPlan> {
  let wanted: RowCells[];
  try {
    wanted = await owned.rows();
  } catch (err) {
    return { owned, wanted: [], hash: '', read: false, error: `contenu impossible à calculer : ${(err as Error).message}` };
  }
  const hash = createHash('sha256').update(JSON.stringify(wanted)).digest('base64url');
  const state = await getOwnedTabState(deps.table, provider.name, owned.tab);
  const fresh = state?.hash === hash && o.now.getTime() - Date.parse(state.checkedAt) < RECHECK_MS;
  return { owned, wanted, hash, read: o.dryRun || !fresh, ...(o.at !== undefined ? { at: o.at } : {}) };
}

/** Writes a planned tab from what was read: `undefined` when there is nothing to report. */
export async function finishOwnedTab(deps: Deps, provider: SheetProvider, plan: OwnedTabPlan, read: TabRead | Error | undefined, o: { now: Date; dryRun: boolean; at?: number }): Promise<TabSummary | undefined> {
  const tab = plan.owned.tab;
  if (plan.error) return emptySummary(tab, 0, [plan.error]);
  if (!plan.read) return undefined;
  // The other tabs may have changed the directory during this round: write what the tab should show now.
  // (Computing them again is a whole-directory read and a signed link per place: skipped when nothing was written since.)
  let wanted: RowCells[];
  try {
    wanted = plan.at !== undefined && plan.at === o.at ? plan.wanted : await plan.owned.rows();
  } catch (err) {
    return emptySummary(tab, 0, [`contenu impossible à calculer : ${(err as Error).message}`]);
  }
  const hash = createHash('sha256').update(JSON.stringify(wanted)).digest('base64url');
  const remember = () => (o.dryRun ? undefined : putOwnedTabState(deps.table, provider.name, tab, { hash, checkedAt: o.now.toISOString() }));
  if (read === undefined) {
    await remember();
    return undefined;
  }
  if (read instanceof Error) return emptySummary(tab, 0, [`lecture impossible : ${read.message} (rien n’a été écrit dans cet onglet)`]);
  const summary = await writeOwnedTab(provider, plan.owned, wanted, read, o.dryRun).catch((err: unknown) => emptySummary(tab, read.rows.length, [`écriture impossible : ${(err as Error).message}`]));
  if (summary.errors.length === 0) await remember();
  return summary;
}

export async function writeOwnedTab(provider: SheetProvider, owned: OwnedTab, wantedRows: RowCells[], read: TabRead, dryRun: boolean): Promise<TabSummary> {
  const summary = emptySummary(owned.tab, read.rows.length);
  const keyOf = (cells: RowCells) => owned.key.map((h) => norm(cells[h]).toLowerCase()).join('\u0000');
  const existing = new Map<string, (typeof read.rows)[number]>();
  for (const row of read.rows) if (!existing.has(keyOf(row.cells))) existing.set(keyOf(row.cells), row);
  const updates: { key: string; cells: RowCells }[] = [];
  const appends: RowCells[] = [];
  for (const wanted of wantedRows) {
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
