/**
 * A statement as a printable French page: the parts the shared page layout wraps
 * (title, subtitle, CSS, body). No script, no style attribute (strict CSP); the chart is inline SVG.
 */
import { SCHEME_LABELS } from './money-rules.js';
import { flowsChartSvg } from './statement-chart.js';
import { visitLabel } from './statement-lines.js';
import { dayInWords, escapeHtml as h, euros, monthLabel } from '../text/fr.js';
import type { Statement, StatementVisit } from '../../../schemas/statement.js';

export const STATEMENT_CSS = `table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #e0e0e0;padding:.3rem .4rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}.muted{color:#666}tr.cancelled td{color:#777}.tag-x{font-weight:600;color:#a33}
.net{font-size:1.2rem;font-weight:600}.why{color:#444;font-size:.9rem;margin:.2rem 0 .8rem}figure{margin:0;overflow-x:auto}svg{max-width:100%;height:auto}
@media print{a{color:inherit}h2{break-after:avoid}table{break-inside:auto}}`;

function visitsTable(visits: StatementVisit[], counterpart: 'home' | 'host'): string {
  if (visits.length === 0) return '<p class="muted">Aucune visite.</p>';
  const rows = visits
    .map((v) => {
      const cancelled = v.status === 'cancelled';
      const status = cancelled ? '<span class="tag-x">annulée</span> — rien n’est dû' : 'confirmée';
      return `<tr${cancelled ? ' class="cancelled"' : ''}><td>${dayInWords(v.date)}</td><td>${h(visitLabel(v))}</td><td>${h(counterpart === 'home' ? v.homePlaceName : v.hostPlaceName)}</td><td>${status}</td><td class="num">${euros(cancelled ? 0 : v.amountCents)}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>Date</th><th>Visite</th><th>${counterpart === 'home' ? 'Lieu d’attache' : 'Lieu d’accueil'}</th><th>Statut</th><th class="num">Montant</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function statementTitle(s: Statement): string {
  return `Relevé mobilité — ${s.place.name} — ${monthLabel(s.period)}`;
}

/** The page's own content (inside the layout's main). */
export function statementBodyHtml(s: Statement): string {
  const entries = s.lines
    .filter((l) => l.kind === 'entry')
    .map((l) => `<tr><td>${dayInWords(l.date)}</td><td>${h(l.label)}</td><td>${h(l.fromName)}</td><td>${h(l.toName)}</td><td class="num">${euros(l.amountCents)}</td></tr>`)
    .join('\n');
  const transfers = s.transfers.length
    ? `<ul>${s.transfers.map((t) => `<li><strong>${h(t.fromName)} verse ${euros(t.amountCents)} à ${h(t.toName)}</strong><p class="why">${h(t.reason)}</p></li>`).join('')}</ul>`
    : '<p class="muted">Aucun virement à effectuer pour ce lieu.</p>';
  const net = s.summary.netCents;
  const modeText = s.mode === 'hub' ? 'Chaque lieu règle son solde avec la tête de réseau seulement.' : 'Compensation au plus court entre organisations.';
  return `<section><h2>En résumé</h2>
<p class="net">${net > 0 ? `Le lieu doit recevoir ${euros(net)} au titre du mois.` : net < 0 ? `Le lieu doit verser ${euros(-net)} au titre du mois.` : 'Le lieu n’a rien à verser ni à recevoir ce mois-ci.'}</p>
<table><tbody>
<tr><td>Visites reçues (confirmées)</td><td class="num">${s.summary.visitsReceived}</td></tr>
<tr><td>Visites envoyées (confirmées)</td><td class="num">${s.summary.visitsSent}</td></tr>
<tr><td>Dû au lieu par les autres organisations</td><td class="num">${euros(s.summary.owedToPlaceCents)}</td></tr>
<tr><td>Dû par le lieu aux autres organisations</td><td class="num">${euros(s.summary.owedByPlaceCents)}</td></tr>
<tr><td>Payé sur place (${SCHEME_LABELS.preferential})</td><td class="num">${euros(s.summary.paidOnSiteCents)}</td></tr>
</tbody></table></section>
<section><h2>Virements à effectuer</h2><p class="muted">${modeText}</p>${transfers}</section>
<section><h2>Flux du mois entre organisations</h2>
<figure>${flowsChartSvg(s.flows, s.place.name)}</figure></section>
<section><h2>Visites reçues</h2>${visitsTable(s.visitsReceived, 'home')}</section>
<section><h2>Visites envoyées</h2>${visitsTable(s.visitsSent, 'host')}</section>
<section><h2>Autres écritures du compte</h2>${entries ? `<table><thead><tr><th>Date</th><th>Libellé</th><th>Débiteur</th><th>Créancier</th><th class="num">Montant</th></tr></thead><tbody>${entries}</tbody></table>` : '<p class="muted">Aucune autre écriture.</p>'}</section>
<footer><p class="muted">Une écriture « A → B » signifie que A doit le montant à B. Une visite annulée reste visible, marquée annulée, et ne coûte rien : son écriture inverse l’annule.</p></footer>`;
}
