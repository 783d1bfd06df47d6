/**
 * A statement as a CSV for French spreadsheets: UTF-8 with a BOM (so Excel reads the
 * accents), `;` separators, decimal comma, one table with a "Rubrique" column.
 */
import { formatEuros } from '../directory/exports.js';
import { SCHEME_LABELS } from './money-rules.js';
import { visitLabel } from './statement-lines.js';
import type { Statement } from '../../../schemas/statement.js';

const HEADER = ['Rubrique', 'Date', 'Libellé', 'De', 'Vers', 'Dispositif', 'Statut', 'Montant (€)'];

function cell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  // Cells starting with = + - @ are formulas in spreadsheets: neutralise them.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function statementToCsv(s: Statement): string {
  const rows: unknown[][] = [HEADER];
  const visitRow = (kind: string, v: Statement['visitsReceived'][number]) => {
    const cancelled = v.status === 'cancelled';
    // A cancelled visit is one row that says so, amount 0: never a due and an owed row.
    return [kind, v.date, cancelled ? `${visitLabel(v)} — annulée, rien n’est dû` : visitLabel(v), v.homePlaceName, v.hostPlaceName, SCHEME_LABELS[v.scheme], cancelled ? 'Annulée' : 'Confirmée', formatEuros(cancelled ? 0 : v.amountCents)];
  };
  for (const v of s.visitsReceived) rows.push(visitRow('Visite reçue', v));
  for (const v of s.visitsSent) rows.push(visitRow('Visite envoyée', v));
  for (const l of s.lines) if (l.kind === 'entry') rows.push(['Écriture', l.date, l.label, l.fromName, l.toName, '', '', formatEuros(l.amountCents)]);
  rows.push(['Payé sur place', '', 'Tarif préférentiel payé par les personnes', '', s.place.name, '', '', formatEuros(s.summary.paidOnSiteCents)]);
  rows.push(['Solde net', '', s.summary.netCents >= 0 ? 'À recevoir par le lieu' : 'À verser par le lieu', '', '', '', '', formatEuros(Math.abs(s.summary.netCents))]);
  for (const t of s.transfers) rows.push(['Virement à effectuer', '', t.reason, t.fromName, t.toName, '', '', formatEuros(t.amountCents)]);
  return '\uFEFF' + rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
