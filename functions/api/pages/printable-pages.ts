/** The printable poster (A4) and member card pages: the SVG drawing inside the shared layout. */
import type { Context } from 'hono';
import { html, pageResponse, raw } from './layout.js';
import { cardSvg, posterSvg } from '../../domain/checkin/printables.js';
import type { MemberCard, PlacePoster } from '../../domain/checkin/cards-and-posters.js';

// On paper only the drawing is printed, at its real size.
const PRINT_CSS = `.printable svg{display:block;max-width:100%;height:auto;margin:0 auto}
.printable.card svg{width:85.6mm}
@media print{@page{size:A4;margin:0}nav,header,footer,h1,.lead,.screen-only{display:none!important}main{margin:0;padding:0}.printable svg{max-width:none}.printable.poster svg{width:210mm;height:297mm}}`;

export function posterPage(c: Context, poster: PlacePoster): Response {
  return pageResponse(c, {
    title: `Affiche de passage — ${poster.place.name}`,
    lead: 'À imprimer en A4 et à afficher à l’entrée : les coworkers d’autres lieux la scannent pour enregistrer leur journée.',
    noindex: true,
    css: PRINT_CSS,
    body: html`<div class="printable poster">${raw(posterSvg(poster.place.name, poster.place.address.commune, poster.url))}</div>
<p class="screen-only">Lien de l’affiche : <a href="${poster.url}">${poster.url}</a>. Une affiche perdue ou recopiée se renouvelle (l’ancienne cesse aussitôt de fonctionner).</p>`,
  });
}

export function cardPage(c: Context, card: MemberCard): Response {
  return pageResponse(c, {
    title: `Carte de membre — ${card.person.displayName}`,
    lead: 'À imprimer et à remettre à la personne : le QR code ouvre sa page sur son téléphone, le code sert quand le téléphone n’a pas la carte.',
    noindex: true,
    css: PRINT_CSS,
    body: html`<div class="printable card">${raw(cardSvg(card.person.displayName, card.homePlace?.name, card.url, card.code))}</div>
<p class="screen-only">Lien personnel : <a href="${card.url}">${card.url}</a> — code : <strong>${card.code}</strong>. Ne le partagez pas : il permet d’enregistrer des journées au nom de cette personne.</p>`,
  });
}
