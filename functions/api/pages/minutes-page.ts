/** The procès-verbal as a printable French page, with room for the secretary's signature. */
import { html, type PageOptions } from './layout.js';
import { formatFrenchDay, formatFrenchTime } from '../../domain/events/paris-time.js';
import { OUTCOME_LABELS } from '../../../schemas/decision.js';
import type { Minutes } from '../../domain/decisions/minutes.js';

const CSS = `.signature{margin-top:2.5rem;display:grid;grid-template-columns:1fr 1fr;gap:2rem}.signature div{border-top:1px solid var(--ink);padding-top:.3rem;min-height:4rem}.outcome{font-size:1.15rem}`;

const when = (iso: string) => `${formatFrenchDay(new Date(iso))} à ${formatFrenchTime(new Date(iso))}`;
const BY = { self: 'par le lieu', proxy: 'par procuration', admin: 'bulletin papier (saisi par l’administrateur)' } as const;

export function minutesPage(m: Minutes): PageOptions {
  const r = m.result;
  const body = html`<p class="muted">${m.network} · décision collective n° ${m.proposal.id}${m.proposal.round > 1 ? ' · seconde convocation' : ''}</p>
<h2>Proposition</h2>
<p><strong>${m.proposal.title}</strong></p>
${m.proposal.text.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}
<h2>Modalités</h2>
<table><tbody>
<tr><th>Règle</th><td>${m.proposal.ruleLabel}</td></tr>
<tr><th>Quorum</th><td>${Math.round(m.quorum.share * 100)} % des inscrits, soit ${m.quorum.required} lieu(x)</td></tr>
${m.dates.openedAt ? html`<tr><th>Ouverture du vote</th><td>${when(m.dates.openedAt)}</td></tr>` : ''}
<tr><th>Clôture prévue</th><td>${when(m.dates.closesAt)}</td></tr>
<tr><th>Clôture effective</th><td>${when(m.dates.closedAt)}</td></tr>
</tbody></table>
${m.previousRounds.map((pr) => html`<p class="notice warn">Première convocation close le ${when(pr.result.closedAt)} : ${OUTCOME_LABELS[pr.result.outcome]} (${pr.result.participants} votants sur ${pr.result.electorate}, quorum ${pr.result.quorumRequired}).</p>`)}
<h2>Électorat et votes</h2>
<div class="table-wrap"><table>
<thead><tr><th>Lieu membre</th><th>Vote</th><th>Exprimé</th><th>Procuration donnée à</th><th>Commentaire</th></tr></thead>
<tbody>${m.electorate.map((e) => html`<tr><td>${e.placeName}</td><td>${e.choiceLabel}</td><td>${e.castBy ? BY[e.castBy] : ''}</td><td>${e.proxyTo?.placeName ?? ''}</td><td>${e.comment ?? ''}</td></tr>`)}</tbody>
</table></div>
<h2>Résultat</h2>
<table><tbody>
<tr><th>Inscrits</th><td class="num">${r.electorate}</td></tr>
<tr><th>Votants</th><td class="num">${r.participants}</td></tr>
<tr><th>Quorum requis</th><td class="num">${r.quorumRequired}</td></tr>
<tr><th>Pour</th><td class="num">${r.yes}</td></tr>
<tr><th>Contre</th><td class="num">${r.no}</td></tr>
<tr><th>Abstentions</th><td class="num">${r.abstain}</td></tr>
<tr><th>Objections</th><td class="num">${r.objection}</td></tr>
</tbody></table>
<p class="outcome">Résultat : <strong>${m.outcomeLabel}</strong>.</p>
<div class="signature"><div>Le ou la secrétaire de séance<br>Nom et signature</div><div>Le ou la président·e<br>Nom et signature</div></div>`;
  return { title: `Procès-verbal — ${m.proposal.title}`, lead: `${m.network} · décision close le ${when(m.dates.closedAt)}`, body, css: CSS };
}
