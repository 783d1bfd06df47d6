/** The French pages of the check-in at the door (/c/…) and of the member card (/m/…). */
import type { Context } from 'hono';
import { errorPage, html, pageResponse, type SafeHtml } from './layout.js';
import { dayInWords, euros, monthLabel, ofName, plural } from '../../domain/text/fr.js';
import type { DoorCheckinResult } from '../../domain/checkin/door-checkin.js';
import type { MemberView } from '../../domain/checkin/member-view.js';
import type { TokenRefusal } from '../../domain/checkin/tokens.js';

const CSS = `form.inline{display:inline}.big{font-size:1.15rem}.muted{color:#555}ul.plain{padding-left:1.2rem}
label{display:block;margin:.6rem 0 .2rem}input,select,button{font-size:1.05rem;padding:.45rem .6rem}button{cursor:pointer}`;

/** "à La Ruche", "au Chai", "aux Ateliers" (French contraction before the article). */
export function atPlace(name: string): string {
  if (/^Le\s/.test(name)) return `au ${name.slice(3)}`;
  if (/^Les\s/.test(name)) return `aux ${name.slice(4)}`;
  return `à ${name}`;
}

export function tokenErrorPage(c: Context, kind: 'poster' | 'card', reason: TokenRefusal): Response {
  if (kind === 'poster') {
    return reason === 'revoked'
      ? errorPage(c, 410, 'Affiche remplacée', 'Cette affiche a été remplacée par une nouvelle : demandez à l’accueil du lieu la nouvelle affiche (ou son lien).')
      : errorPage(c, 404, 'Affiche inconnue', 'Ce QR code ne correspond à aucune affiche du réseau. Vérifiez l’adresse, ou demandez l’affiche à l’accueil du lieu.');
  }
  return reason === 'revoked'
    ? errorPage(c, 410, 'Carte remplacée', 'Cette carte de membre a été remplacée : demandez une nouvelle carte à votre lieu d’attache.')
    : errorPage(c, 404, 'Carte inconnue', 'Ce lien ne correspond à aucune carte de membre. Vérifiez l’adresse, ou demandez votre carte à votre lieu d’attache.');
}

export function tooManyPage(c: Context): Response {
  return errorPage(c, 429, 'Trop de tentatives', 'Ce lien a servi trop souvent en une minute : patientez une minute puis réessayez.');
}

function codeForm(action: string, message?: string): SafeHtml {
  return html`<form method="post" action="${action}">
${message ? html`<p class="muted">${message}</p>` : ''}
<label for="code">Votre code personnel (imprimé sur votre carte de membre)</label>
<input id="code" name="code" autocomplete="off" autocapitalize="characters" inputmode="text" maxlength="12" required placeholder="ABCD-EFGH">
<p><button type="submit">Enregistrer ma journée</button></p>
</form>`;
}

/** GET /c/<token>: with a card on the phone one button records the day; else the code is asked. */
export function doorPage(c: Context, o: { action: string; placeName: string; card?: { token: string; name: string } }): Response {
  const body = o.card
    ? html`<form method="post" action="${o.action}"><input type="hidden" name="card" value="${o.card.token}">
<p class="big">Bonjour ${o.card.name} : enregistrer votre journée ${atPlace(o.placeName)} aujourd’hui ?</p>
<p><button type="submit">Enregistrer ma journée</button></p></form>
<details><summary>Ce n’est pas vous ?</summary>${codeForm(o.action)}</details>`
    : codeForm(o.action, 'Ce téléphone ne garde pas de carte de membre : ouvrez une fois le lien (QR code) de votre carte pour qu’il s’en souvienne, ou entrez votre code.');
  return pageResponse(c, { title: `Passage ${atPlace(o.placeName)}`, body, noindex: true, css: CSS });
}

/** What the door answers once the check-in went through. */
export function checkinResultLine(r: DoorCheckinResult): string {
  const at = atPlace(r.host.name);
  if (r.outcome === 'already') return `Votre journée ${at} est déjà enregistrée aujourd’hui : rien n’a changé.`;
  const v = r.visit;
  if (v.scheme === 'pass') return `Journée enregistrée ${at} — 1 jour de pass utilisé, il vous en reste ${r.passDaysLeft ?? 0}`;
  if (v.scheme === 'preferential') return `Journée enregistrée ${at} — tarif préférentiel à régler sur place : ${euros(v.amountCents)}`;
  return `Journée enregistrée ${at} — réglée par votre lieu d’attache, rien à payer sur place`;
}

export function checkinResultPage(c: Context, r: DoorCheckinResult): Response {
  const pending = r.outcome === 'recorded' && r.visit.confirmation === 'pending';
  return pageResponse(c, {
    title: r.outcome === 'already' ? 'Déjà enregistrée' : 'Journée enregistrée',
    noindex: true,
    css: CSS,
    body: html`<p class="big" role="status">${checkinResultLine(r)}</p>
<p class="muted">${r.person.displayName}, ${dayInWords(r.visit.date)}.${pending ? ' Le lieu d’accueil confirmera votre passage dans les 7 jours.' : ''}</p>`,
  });
}

/** A reservation the card could not make (full, already booked, past day…): why, and the way back. */
export function reservationRefusedPage(c: Context, status: number, message: string, back: string): Response {
  return pageResponse(c, { title: 'Réservation impossible', status, noindex: true, css: CSS, body: html`<p class="big" role="alert">${message}</p><p><a href="${back}">Retour à ma carte</a></p>` });
}

export function refusedPage(c: Context, status: number, message: string, retry?: string): Response {
  return pageResponse(c, { title: 'Passage non enregistré', status, noindex: true, css: CSS, body: html`<p class="big" role="alert">${message}</p>${retry ? codeForm(retry) : ''}` });
}

/** GET /m/<card token>: pass days left, reservations (with their cancel button), last visits, a booking form. */
export function memberPage(c: Context, o: { view: MemberView; token: string; hosts: { id: string; name: string }[]; key: string; preselect?: { placeId?: string; date?: string } }): Response {
  const { view, token } = o;
  const base = `/m/${token}`;
  const month = monthLabel(view.today.slice(0, 7));
  const passes = view.passes.length
    ? html`<ul class="plain">${view.passes.map((p) => html`<li>Il vous reste ${plural(p.daysLeft, 'jour', 'jours')} de pass sur ${p.daysPerPeriod} (${p.period.length === 7 ? month : p.period}).</li>`)}</ul>`
    : html`<p class="muted">Pas de pass mobilité en cours : vos journées sont réglées par votre lieu d’attache ou au tarif préférentiel.</p>`;
  const reservations = view.reservations.length
    ? html`<ul class="plain">${view.reservations.map((v) => html`<li>${dayInWords(v.date)} — ${v.hostName} <form class="inline" method="post" action="${base}/reservations/${v.id}/cancel"><button type="submit">Annuler</button></form></li>`)}</ul>`
    : html`<p class="muted">Aucune réservation à venir.</p>`;
  const visits = view.lastVisits.length
    ? html`<ul class="plain">${view.lastVisits.map((v) => html`<li>${dayInWords(v.date)} — ${v.hostName}${v.confirmation === 'pending' ? ' (à confirmer par le lieu)' : ''}</li>`)}</ul>`
    : html`<p class="muted">Aucun passage pour l’instant.</p>`;
  // The widget's « Réserver » names a place; say so when the card cannot book it there.
  const unbookable = o.preselect?.placeId && !o.hosts.some((h) => h.id === o.preselect!.placeId)
    ? html`<p class="muted" role="alert">Le lieu choisi ne se réserve pas avec votre carte (c’est votre lieu d’attache, ou il n’accueille pas de coworkers) : choisissez-en un autre.</p>`
    : '';
  const booking = o.hosts.length
    ? html`${unbookable}<form method="post" action="${base}/reservations"><input type="hidden" name="key" value="${o.key}">
<label for="place">Lieu d’accueil</label><select id="place" name="hostPlaceId" required>${o.hosts.map((h) => html`<option value="${h.id}"${h.id === o.preselect?.placeId ? html` selected` : ''}>${h.name}</option>`)}</select>
<label for="date">Jour</label><input id="date" name="date" type="date" min="${view.today}" value="${o.preselect?.date ?? view.today}" required>
<p><button type="submit">Réserver</button></p></form>`
    : html`<p class="muted">Aucun lieu n’accueille de coworkers pour l’instant.</p>`;
  return pageResponse(c, {
    title: `Carte ${ofName(view.person.displayName)}`,
    lead: `Ce téléphone garde maintenant votre carte : scannez l’affiche d’un lieu pour enregistrer votre journée.${view.homePlace ? ` Lieu d’attache : ${view.homePlace.name}.` : ''}`,
    noindex: true,
    css: CSS,
    body: html`<h2>Mon pass</h2>${passes}<h2>Mes réservations</h2>${reservations}<h2>Réserver une journée</h2>${booking}<h2>Mes derniers passages</h2>${visits}`,
  });
}

export function messagePage(c: Context, title: string, message: string, back?: string): Response {
  return pageResponse(c, { title, noindex: true, css: CSS, body: html`<p class="big" role="status">${message}</p>${back ? html`<p><a href="${back}">Retour à ma carte</a></p>` : ''}` });
}
