/** The yearly report as a printable French page with SVG charts (same object as the JSON and CSV). */
import type { Context } from 'hono';
import type { FinanceReport } from '../../../schemas/finance.js';
import { euros, monthLabel } from '../../domain/text/fr.js';
import { CATEGORY_LABELS, GRANT_STATUS_LABELS } from '../../domain/finance/labels.js';
import { html, pageResponse, raw, type SafeHtml } from './layout.js';
import { columnChart, horizontalBarChart } from './svg-charts.js';

const CSS = `table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left}td.num,th.num{text-align:right;white-space:nowrap}tr.total td{font-weight:700;border-top:2px solid var(--ink)}.chart{margin:1rem 0 1.5rem}.gap-neg{color:var(--bad)}`;

const amountRows = (rows: { category: keyof typeof CATEGORY_LABELS; amountCents: number }[]) =>
  rows.map((x) => html`<tr><td>${CATEGORY_LABELS[x.category]}</td><td class="num">${euros(x.amountCents)}</td></tr>`);

function budgetTable(r: FinanceReport): SafeHtml {
  if (!r.budget?.length) return html`<p class="muted">Aucun budget prévisionnel saisi pour ${r.year}.</p>`;
  return html`<table><thead><tr><th>Sens</th><th>Catégorie</th><th class="num">Prévu</th><th class="num">Réalisé</th><th class="num">Écart</th></tr></thead><tbody>${r.budget.map(
    (b) => html`<tr><td>${b.direction === 'income' ? 'Recette' : 'Dépense'}</td><td>${CATEGORY_LABELS[b.category]}</td><td class="num">${euros(b.budgetCents)}</td><td class="num">${euros(b.actualCents)}</td><td class="num${b.gapCents < 0 ? ' gap-neg' : ''}">${euros(b.gapCents)}</td></tr>`,
  )}</tbody></table>`;
}

function grantsSection(r: FinanceReport): SafeHtml {
  if (!r.grants.items.length) return html`<p class="muted">Aucune subvention enregistrée.</p>`;
  return html`<table><thead><tr><th>Financeur</th><th>Objet</th><th>Statut</th><th class="num">Demandé</th><th class="num">Accordé</th><th class="num">Reçu</th></tr></thead><tbody>${r.grants.items.map(
    (g) => html`<tr><td>${g.funder}</td><td>${g.label}</td><td>${GRANT_STATUS_LABELS[g.status]}</td><td class="num">${euros(g.requestedCents)}</td><td class="num">${euros(g.grantedCents)}</td><td class="num">${euros(g.receivedCents)}</td></tr>`,
  )}</tbody></table><p class="muted">Seuls les montants reçus comptent dans les recettes ; demandé et accordé sont indiqués à part.</p>`;
}

function contributionsSection(r: FinanceReport): SafeHtml {
  const c = r.contributions;
  if (!c) return html`<h2>Contributions volontaires valorisées</h2><p class="muted">Aucune contribution volontaire valorisée pour ${r.year}.</p>`;
  const rows = (cls: '86' | '87') => c.items.filter((i) => i.class === cls).map((i) => html`<tr><td>${i.account}</td><td>${i.label}</td><td class="num">${euros(i.amountCents)}</td></tr>`);
  return html`<h2>Contributions volontaires valorisées</h2>
<p>${String(c.hours).replace('.', ',')} heures de bénévolat, et les prêts et dons en nature, valorisés à ${euros(c.totalCents)} (hors résultat : classes 86 et 87 du budget, Cerfa 12156).</p>
<table><thead><tr><th>Compte</th><th>Emplois des contributions volontaires (86)</th><th class="num">Montant</th></tr></thead><tbody>${rows('86')}<tr class="total"><td></td><td>Total 86</td><td class="num" data-total="c86">${euros(c.total86Cents)}</td></tr></tbody></table>
<table><thead><tr><th>Compte</th><th>Contributions volontaires en nature (87)</th><th class="num">Montant</th></tr></thead><tbody>${rows('87')}<tr class="total"><td></td><td>Total 87</td><td class="num" data-total="c87">${euros(c.total87Cents)}</td></tr></tbody></table>`;
}

export function yearReportPage(c: Context, r: FinanceReport): Response {
  const bars = [
    ...r.income.map((x) => ({ label: `Recette — ${CATEGORY_LABELS[x.category]}`, value: x.amountCents, colour: '#2e7d32' })),
    ...r.expenses.map((x) => ({ label: `Dépense — ${CATEGORY_LABELS[x.category]}`, value: x.amountCents, colour: '#ef6c00' })),
  ];
  const mobilityMonths = r.mobility.months.map((m) => monthLabel(m.month).split(' ')[0]!.slice(0, 4));
  const body = html`
<h2>Résultat</h2>
<table><tbody>
<tr><td>Recettes</td><td class="num" data-total="income">${euros(r.totals.incomeCents)}</td></tr>
<tr><td>Dépenses</td><td class="num" data-total="expense">${euros(r.totals.expenseCents)}</td></tr>
<tr class="total"><td>Résultat</td><td class="num" data-total="result">${euros(r.totals.resultCents)}</td></tr>
</tbody></table>
<div class="chart">${raw(horizontalBarChart({ title: `Recettes et dépenses ${r.year} par catégorie`, bars, format: euros, labelWidth: 300 }))}</div>
<h2>Recettes par catégorie</h2>
<table><tbody>${amountRows(r.income)}<tr class="total"><td>Total</td><td class="num">${euros(r.totals.incomeCents)}</td></tr></tbody></table>
<h2>Dépenses par catégorie</h2>
<table><tbody>${amountRows(r.expenses)}<tr class="total"><td>Total</td><td class="num">${euros(r.totals.expenseCents)}</td></tr></tbody></table>
<h2>Budget prévu et réalisé</h2>
${budgetTable(r)}
<h2>Subventions</h2>
${grantsSection(r)}
<h2>Cotisations des lieux</h2>
<p>${r.memberships.places} lieux membres : ${euros(r.memberships.feeCents)} appelés, ${euros(r.memberships.paidCents)} payés, ${euros(r.memberships.dueCents)} restant dus.</p>
<h2>Mobilité des coworkers</h2>
<p>${r.mobility.visits} visites entre lieux (${euros(r.mobility.visitCents)} de flux) et ${euros(r.mobility.passCents)} de pass vendus.</p>
<div class="chart">${raw(columnChart({ title: `Flux de mobilité par mois en ${r.year}`, periods: mobilityMonths, series: [{ name: 'Visites (montant)', colour: '#1d5e3b', values: r.mobility.months.map((m) => m.visitCents) }, { name: 'Pass vendus', colour: '#ef6c00', values: r.mobility.months.map((m) => m.passCents) }], format: (n) => (n ? euros(n) : '') }))}</div>
${contributionsSection(r)}
<p class="muted">Établi à partir de ${r.sources.ledgerEntries} écritures du grand livre et ${r.sources.lines} lignes de recettes et dépenses.</p>`;
  return pageResponse(c, { title: `Bilan financier ${r.year}`, lead: 'Recettes et dépenses du réseau, budget, subventions, cotisations, mobilité et contributions volontaires.', body, css: CSS, noindex: true });
}
