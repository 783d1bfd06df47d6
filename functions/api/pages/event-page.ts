/**
 * An event's public page (`/events/{id}`, the link the Facebook posts carry): when, where —
 * the place's name and address and a link to the place —, the price, the description, how to
 * add the network's agenda to a calendar, and schema.org `Event` JSON-LD for search engines.
 *
 * The JSON-LD is a `<script type="application/ld+json">` data block: browsers never run it,
 * so CSP `script-src` does not apply to it (the Chromium test checks no violation is
 * reported); `<` is escaped so no value can close the element.
 */
import type { Event } from '../../../schemas/event.js';
import type { Place } from '../../../schemas/place.js';
import { html, raw, type SafeHtml } from './layout.js';
import { eventJsonLd, jsonLdScriptText } from '../../domain/events/json-ld.js';
import { formatFrenchDateRange } from '../../domain/events/paris-time.js';
import { euros } from '../../domain/text/fr.js';

export const EVENT_CSS = `.tl-cancelled{background:#b91c1c;color:#fff;padding:.2rem .5rem;border-radius:4px;font-weight:700}
.tl-where{border-left:4px solid #2f6b4f;padding:.2rem 0 .2rem .8rem}`;

export function eventSummary(e: Event): string {
  const when = formatFrenchDateRange(e.startsAt, e.endsAt);
  const where = e.place ? `${e.place.name} (${e.place.commune})` : '';
  return [when.charAt(0).toUpperCase() + when.slice(1), where].filter(Boolean).join(' — ');
}

export function eventPrice(e: Event): string {
  return e.priceCents === undefined ? '' : e.priceCents === 0 ? 'Entrée libre' : `Tarif : ${euros(e.priceCents)}`;
}

/** The JSON-LD data block (in the body: valid anywhere in the document). */
export function eventJsonLdBlock(e: Event, place: Place | undefined, pageUrl: string | undefined): SafeHtml {
  const ld = eventJsonLd({ ...e, place: place ? { name: place.name, commune: place.address.commune, street: place.address.street, postcode: place.address.postcode } : e.place }, pageUrl);
  return raw(`<script type="application/ld+json">${jsonLdScriptText(ld)}</script>`);
}

export function renderEventBody(e: Event, place: Place | undefined, pageUrl: string | undefined): SafeHtml {
  const price = eventPrice(e);
  const placeLink = place ? (place.website ?? `/v1/places/${place.id}`) : undefined;
  const address = place ? [place.address.street, `${place.address.postcode} ${place.address.commune}`].filter(Boolean).join(', ') : undefined;
  return html`
${e.status === 'cancelled' ? html`<p><span class="tl-cancelled">Annulé</span> Cet événement n’aura pas lieu.</p>` : ''}
<p><strong>${eventSummary(e)}</strong></p>
${price ? html`<p>${price}</p>` : ''}
${
  place
    ? html`<section class="tl-where" aria-label="Lieu"><p><strong>${place.name}</strong><br>${address}</p>
<p><a href="${placeLink}">${place.website ? `Le site de ${place.name}` : `La fiche de ${place.name} dans l’annuaire`}</a> ·
<a href="/v1/events.ics?placeId=${place.id}">l’agenda de ce lieu</a> (iCalendar)</p></section>`
    : ''
}
${e.description ? e.description.split(/\n{2,}/).map((p) => html`<p>${p}</p>`) : ''}
${e.imageUrl ? html`<p><a href="${e.imageUrl}">Voir l’affiche</a></p>` : ''}
${e.url ? html`<p><a href="${e.url}">Page de l’événement sur le site du lieu</a></p>` : ''}
<p><a href="/v1/events.ics">S’abonner au calendrier du réseau</a> (iCalendar : Google Agenda, Apple Calendrier, Thunderbird, Outlook) · <a href="/#agenda">l’agenda du réseau</a></p>
${eventJsonLdBlock(e, place, pageUrl)}
`;
}
