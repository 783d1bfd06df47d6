/**
 * The page a voting link opens: the proposal, the place's current vote (its own only) and a
 * form that works without JavaScript (form-encoded POST to the same address).
 */
import { html, type PageOptions, type SafeHtml } from './layout.js';
import { formatFrenchDay, formatFrenchTime } from '../../domain/events/paris-time.js';
import { CHOICE_LABELS, OBJECTION_MIN_CHARS, RULE_LABELS, VOTE_CHOICES, type StoredProposal, type Vote, type Elector } from '../../../schemas/decision.js';

export const BALLOT_CSS = `.choices{border:1px solid var(--line);border-radius:.5rem;padding:.6rem 1rem}.choices label{font-weight:400;display:flex;gap:.6rem;align-items:center;margin:.5rem 0}.choices input{width:auto}.text p{margin:.4rem 0}`;

export function closingLine(p: StoredProposal): string {
  const at = new Date(p.closesAt);
  return `${formatFrenchDay(at)} à ${formatFrenchTime(at)}`;
}

function paragraphs(text: string): SafeHtml {
  return html`${text.split(/\n{2,}|\r\n\r\n/).map((para) => html`<p>${para}</p>`)}`;
}

export function ballotPage(o: { proposal: StoredProposal; elector: Elector; vote?: Vote; error?: string; draft?: { choice?: string; comment?: string }; status?: number }): PageOptions {
  const { proposal: p, elector, vote } = o;
  const checked = o.draft?.choice ?? vote?.choice;
  const comment = o.draft?.comment ?? vote?.comment ?? '';
  const body = html`<p class="muted">Bulletin de <strong>${elector.placeName}</strong> · ${RULE_LABELS[p.rule]}${p.round > 1 ? ' · seconde convocation' : ''} · clôture le ${closingLine(p)}</p>
<section class="card text"><h2>La proposition</h2>${paragraphs(p.text)}</section>
${vote ? html`<p class="notice" id="current-vote">Vote enregistré pour ${elector.placeName} : <strong>${CHOICE_LABELS[vote.choice]}</strong>. Vous pouvez le changer jusqu’à la clôture.</p>` : html`<p class="notice warn" id="current-vote">${elector.placeName} n’a pas encore voté.</p>`}
${o.error ? html`<p class="notice bad" role="alert" id="form-error">${o.error}</p>` : ''}
<form method="post">
<fieldset class="choices"><legend>Votre vote</legend>
${VOTE_CHOICES.map((c) => html`<label><input type="radio" name="choice" value="${c}" required${checked === c ? html` checked` : ''}> ${CHOICE_LABELS[c]}</label>`)}
</fieldset>
<label for="comment">Commentaire (obligatoire pour une objection : ${OBJECTION_MIN_CHARS} caractères au moins)</label>
<textarea id="comment" name="comment" maxlength="2000">${comment}</textarea>
<p><button type="submit">Enregistrer le vote</button></p>
</form>`;
  return { title: p.title, lead: 'Vote des lieux membres du réseau', body, noindex: true, css: BALLOT_CSS, status: o.status };
}

export function confirmationPage(o: { proposal: StoredProposal; elector: Elector; vote: Vote }): PageOptions {
  const { proposal: p, elector, vote } = o;
  const body = html`<p class="notice" role="status" id="confirmation">Le vote de <strong>${elector.placeName}</strong> est enregistré : <strong>${CHOICE_LABELS[vote.choice]}</strong>.</p>
${vote.comment ? html`<p>Votre commentaire : « ${vote.comment} »</p>` : ''}
<p>Vous pouvez le changer jusqu’à la clôture, le ${closingLine(p)}, en rouvrant ce lien.</p>
<p><a class="button secondary" href="">Revenir au bulletin</a></p>`;
  return { title: 'Vote enregistré', lead: p.title, body, noindex: true };
}
