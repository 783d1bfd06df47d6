/**
 * A statement as a CSV for French spreadsheets: UTF-8 with a BOM (so Excel reads the
 * accents), `;` separators, decimal comma, one table with a "Rubrique" column.
 */
import { formatEuros } from '../directory/exports.js';
import { SCHEME_LABELS } from './money-rules.js';
import type { Statement } from '../../../schemas/statement.js';

const HEADER = ['Rubrique', 'Date', 'Libellé', 'De', 'Vers', 'Dispositif', 'Statut', 'Montant (€)'];

function cell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  // Cells starting with = + - @ are formulas in spreadsheets: neutralise them.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function statementToCsv(s: Statement, nameOf: (account: string) => string): string {
  const rows: unknown[][] = [HEADER];
  const visitRow = (kind: string, v: Statement['visitsReceived'][number]) => [
    kind,
    v.date,
    `Visite de ${v.personName}`,
    v.homePlaceName,
    v.hostPlaceName,
    SCHEME_LABELS[v.scheme],
    v.status === 'active' ? 'Confirmée' : 'Annulée',
    formatEuros(v.amountCents),
  ];
  for (const v of s.visitsReceived) rows.push(visitRow('Visite reçue', v));
  for (const v of s.visitsSent) rows.push(visitRow('Visite envoyée', v));
  for (const e of s.entries) {
    for (const p of e.postings) rows.push(['Écriture', e.date, e.memo, nameOf(p.from), nameOf(p.to), '', '', formatEuros(p.amountCents)]);
  }
  rows.push(['Payé sur place', '', 'Tarif préférentiel payé par les personnes', '', s.place.name, '', '', formatEuros(s.summary.paidOnSiteCents)]);
  rows.push(['Solde net', '', s.summary.netCents >= 0 ? 'À recevoir par le lieu' : 'À verser par le lieu', '', '', '', '', formatEuros(Math.abs(s.summary.netCents))]);
  for (const t of s.transfers) rows.push(['Virement à effectuer', '', `Règlement ${s.period}`, nameOf(t.from), nameOf(t.to), '', '', formatEuros(t.amountCents)]);
  return '\uFEFF' + rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
