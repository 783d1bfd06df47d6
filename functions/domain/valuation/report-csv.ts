/**
 * The valuation report as a CSV for French spreadsheets, like the other exports: UTF-8 with
 * a BOM (accents intact in Excel), `;` separators, decimal comma, one table whose first
 * column says what each row is.
 */
import { formatEuros } from '../directory/exports.js';
import { monthLabel } from '../text/fr.js';
import type { ReportAmounts, ValuationReport } from '../../../schemas/valuation-report.js';

const HEADER = ['Rubrique', 'Libellé', 'Heures', 'Km', 'Temps (€)', 'Kilomètres (€)', 'En nature (€)', 'Total (€)'];

function cell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  // Cells starting with = + - @ are formulas in spreadsheets: neutralise them.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function decimalComma(n: number): string {
  return String(n).replace('.', ',');
}

function amounts(a: ReportAmounts): string[] {
  return [decimalComma(a.hours), decimalComma(a.km), formatEuros(a.timeValueCents), formatEuros(a.mileageValueCents), formatEuros(a.inKindValueCents), formatEuros(a.totalCents)];
}

export function reportToCsv(r: ValuationReport): string {
  const rows: unknown[][] = [HEADER];
  rows.push(['Total', `Contributions volontaires ${r.year}`, ...amounts(r)]);
  for (const l of r.lines) rows.push([`Compte ${l.code}`, l.label, '', '', '', '', '', formatEuros(l.amountCents)]);
  rows.push(['Total 86', 'Emplois des contributions volontaires en nature', '', '', '', '', '', formatEuros(r.total86Cents)]);
  rows.push(['Total 87', 'Contributions volontaires en nature', '', '', '', '', '', formatEuros(r.total87Cents)]);
  for (const m of r.byMonth) rows.push(['Mois', monthLabel(m.month), ...amounts(m)]);
  for (const p of r.byPlace) rows.push(['Lieu', p.placeName, ...amounts(p)]);
  for (const p of r.byProject) rows.push(['Projet', p.project ?? 'Sans projet', ...amounts(p)]);
  for (const a of r.byActivity) rows.push(['Activité', a.activity, ...amounts(a)]);
  for (const k of r.inKindByResource) rows.push(['En nature', `${k.name}${k.unit ? ` (${decimalComma(k.quantity)} × ${k.unit})` : ''}`, '', '', '', '', formatEuros(k.valueCents), formatEuros(k.valueCents)]);
  for (const s of r.figures.smic) rows.push(['Chiffre utilisé', `SMIC brut horaire au ${s.from} (${s.source})`, '', '', '', '', '', formatEuros(s.hourlyCents)]);
  if (r.figures.mileageGrid) rows.push(['Chiffre utilisé', `Barème kilométrique au ${r.figures.mileageGrid.from} (${r.figures.mileageGrid.source})`, '', '', '', '', '', '']);
  return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
