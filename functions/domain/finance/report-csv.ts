/**
 * The yearly report as a French spreadsheet reads it (LibreOffice, Excel in French):
 * UTF-8 with BOM, `;` separators, decimal comma, CRLF. One table of four columns so
 * every amount sits in the same column and can be summed.
 */
import type { FinanceReport } from '../../../schemas/finance.js';
import { formatEuros } from '../directory/exports.js';
import { CATEGORY_LABELS, GRANT_STATUS_LABELS } from './labels.js';

export const REPORT_CSV_HEADER = ['Rubrique', 'Catégorie', 'Détail', 'Montant (€)'] as const;

function cell(v: string): string {
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function yearReportToCsv(r: FinanceReport): string {
  const rows: string[][] = [[...REPORT_CSV_HEADER]];
  for (const x of r.income) rows.push(['Recettes', CATEGORY_LABELS[x.category], '', formatEuros(x.amountCents)]);
  for (const x of r.expenses) rows.push(['Dépenses', CATEGORY_LABELS[x.category], '', formatEuros(x.amountCents)]);
  rows.push(['Total', 'Recettes', '', formatEuros(r.totals.incomeCents)]);
  rows.push(['Total', 'Dépenses', '', formatEuros(r.totals.expenseCents)]);
  rows.push(['Total', 'Résultat', '', formatEuros(r.totals.resultCents)]);
  for (const b of r.budget ?? []) {
    const side = b.direction === 'income' ? 'Recettes' : 'Dépenses';
    rows.push([`Budget ${side.toLowerCase()}`, CATEGORY_LABELS[b.category], 'Prévu', formatEuros(b.budgetCents)]);
    rows.push([`Budget ${side.toLowerCase()}`, CATEGORY_LABELS[b.category], 'Réalisé', formatEuros(b.actualCents)]);
  }
  for (const g of r.grants.items) {
    const what = `${g.label} (${GRANT_STATUS_LABELS[g.status]})`;
    rows.push(['Subvention', g.funder, `${what} — demandé`, formatEuros(g.requestedCents)]);
    rows.push(['Subvention', g.funder, `${what} — accordé`, formatEuros(g.grantedCents)]);
    rows.push(['Subvention', g.funder, `${what} — reçu`, formatEuros(g.receivedCents)]);
  }
  rows.push(['Cotisations', `${r.memberships.places} lieux`, 'Appelé', formatEuros(r.memberships.feeCents)]);
  rows.push(['Cotisations', `${r.memberships.places} lieux`, 'Payé', formatEuros(r.memberships.paidCents)]);
  rows.push(['Cotisations', `${r.memberships.places} lieux`, 'Reste dû', formatEuros(r.memberships.dueCents)]);
  for (const m of r.mobility.months) {
    if (!m.visits && !m.visitCents && !m.passCents) continue;
    rows.push(['Mobilité', m.month, `${m.visits} visites`, formatEuros(m.visitCents)]);
    if (m.passCents) rows.push(['Mobilité', m.month, 'Pass vendus', formatEuros(m.passCents)]);
  }
  if (r.contributions) {
    for (const c of r.contributions.items) rows.push([`Contributions volontaires (classe ${c.class})`, c.account, c.label, formatEuros(c.amountCents)]);
    rows.push(['Total', 'Contributions volontaires (86)', '', formatEuros(r.contributions.total86Cents)]);
    rows.push(['Total', 'Contributions volontaires (87)', '', formatEuros(r.contributions.total87Cents)]);
  }
  return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
