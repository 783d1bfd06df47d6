/** A statement as a printable French HTML page (no script, inline CSS and SVG). */
import { SCHEME_LABELS } from './money-rules.js';
import { flowsChartSvg } from './statement-chart.js';
import { dayLabel, escapeHtml as h, euros, monthLabel } from './html-text.js';
import type { Statement, StatementVisit } from '../../../schemas/statement.js';

const CSS = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #e0e0e0;padding:.3rem .4rem;text-align:left}
td.num,th.num{text-align:right;white-space:nowrap}.muted{color:#666}.cancelled{color:#999;text-decoration:line-through}
.net{font-size:1.2rem;font-weight:600}@media print{body{margin:0}a{color:inherit}h2{break-after:avoid}table{break-inside:auto}}`;

function visitsTable(visits: StatementVisit[], counterpart: 'home' | 'host'): string {
  if (visits.length === 0) return '<p class="muted">Aucune visite.</p>';
  const rows = visits
    .map(
      (v) =>
        `<tr class="${v.status === 'cancelled' ? 'cancelled' : ''}"><td>${dayLabel(v.date)}</td><td>${h(v.personName)}</td><td>${h(counterpart === 'home' ? v.homePlaceName : v.hostPlaceName)}</td><td>${SCHEME_LABELS[v.scheme]}</td><td>${v.status === 'active' ? 'confirmée' : 'annulée'}</td><td class="num">${euros(v.amountCents)}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>Date</th><th>Personne</th><th>${counterpart === 'home' ? 'Lieu d’attache' : 'Lieu d’accueil'}</th><th>Dispositif</th><th>Statut</th><th class="num">Montant</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function statementToHtml(s: Statement, nameOf: (account: string) => string): string {
  const title = `Relevé mobilité — ${s.place.name} — ${monthLabel(s.period)}`;
  const entries = s.entries
    .flatMap((e) => e.postings.map((p) => `<tr><td>${dayLabel(e.date)}</td><td>${h(e.memo)}</td><td>${h(nameOf(p.from))}</td><td>${h(nameOf(p.to))}</td><td class="num">${euros(p.amountCents)}</td></tr>`))
    .join('\n');
  const transfers = s.transfers.length
    ? `<ul>${s.transfers.map((t) => `<li>${h(nameOf(t.from))} verse ${euros(t.amountCents)} à ${h(nameOf(t.to))}</li>`).join('')}</ul>`
    : '<p class="muted">Aucun virement à effectuer pour ce lieu.</p>';
  const net = s.summary.netCents;
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${h(title)}</title><style>${CSS}</style></head>
<body>
<header><h1>${h(title)}</h1><p class="muted">${h(s.place.commune)} · Réseau des tiers-lieux de Dordogne</p></header>
<section><h2>En résumé</h2>
<p class="net">${net >= 0 ? `Le lieu doit recevoir ${euros(net)}` : `Le lieu doit verser ${euros(-net)}`} au titre du mois.</p>
<table><tbody>
<tr><td>Visites reçues (confirmées)</td><td class="num">${s.summary.visitsReceived}</td></tr>
<tr><td>Visites envoyées (confirmées)</td><td class="num">${s.summary.visitsSent}</td></tr>
<tr><td>Dû au lieu par les autres organisations</td><td class="num">${euros(s.summary.owedToPlaceCents)}</td></tr>
<tr><td>Dû par le lieu aux autres organisations</td><td class="num">${euros(s.summary.owedByPlaceCents)}</td></tr>
<tr><td>Payé sur place (tarif préférentiel)</td><td class="num">${euros(s.summary.paidOnSiteCents)}</td></tr>
</tbody></table></section>
<section><h2>Flux du mois entre organisations</h2>
<figure>${flowsChartSvg(s.flows, s.place.name)}</figure></section>
<section><h2>Virements à effectuer</h2>${transfers}</section>
<section><h2>Visites reçues</h2>${visitsTable(s.visitsReceived, 'home')}</section>
<section><h2>Visites envoyées</h2>${visitsTable(s.visitsSent, 'host')}</section>
<section><h2>Écritures du compte</h2>${entries ? `<table><thead><tr><th>Date</th><th>Libellé</th><th>Débiteur</th><th>Créancier</th><th class="num">Montant</th></tr></thead><tbody>${entries}</tbody></table>` : '<p class="muted">Aucune écriture.</p>'}</section>
<footer><p class="muted">Une écriture « A → B » signifie que A doit le montant à B. Les annulations sont des écritures inverses, jamais des modifications.</p></footer>
</body>
</html>
`;
}
