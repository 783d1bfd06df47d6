import { createHash } from 'node:crypto';
import { dataHeaders, type RowCells, type TabName } from '../../../integrations/sheets/columns.js';
import { cleanCell } from '../../../integrations/sheets/values.js';

/** JSON with sorted object keys, so equal values give equal strings whatever their key order. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${stableStringify(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Hash of the cells a manager edits (not ID, status or freshness): tells whether a row changed since the last sync. */
export function hashRow(tab: TabName, cells: RowCells): string {
  const data = dataHeaders(tab).map((h) => cleanCell(cells[h]));
  return createHash('sha256').update(JSON.stringify(data)).digest('base64url').slice(0, 22);
}
