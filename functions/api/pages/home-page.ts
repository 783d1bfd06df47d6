/**
 * `GET /`: the network's home page — what the network is, its places (a map and a list with
 * their communes), the next events, and the doors into everything public: the directory, the
 * agenda and its calendar feed, the open data exports, the API docs and the widget snippet.
 */
import type { Place } from '../../../schemas/place.js';
import type { Event } from '../../../schemas/event.js';
import { html, raw, type SafeHtml } from './layout.js';
import { plural } from '../../domain/text/fr.js';
import { formatFrenchDateRange } from '../../domain/events/paris-time.js';
import { placesMapSvg } from './places-map.js';

export interface HomeData {
  places: Place[];
  resourceCount: number;
  events: Event[];
  /** Absolute base of this API (for the widget snippet and the calendar address). */
  baseUrl: string;
}

export const HOME_TITLE = 'Réseau des tiers-lieux de Dordogne';

export const HOME_CSS = `
.tl-map{width:100%;height:auto;max-width:40rem;display:block;margin:1rem 0}
.tl-places{columns:2 16rem;padding-left:1.6rem}.tl-places li{break-inside:avoid;margin:.15rem 0}
.tl-commune{color:#4a5a50}
.tl-doors{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem;padding:0;list-style:none}
.tl-doors li{border:1px solid #c9d6c4;border-radius:10px;padding:.8rem 1rem}
.tl-doors h3{margin:.1rem 0 .4rem;font-size:1.05rem}
.tl-snippet{overflow-x:auto;background:#f3f1ea;padding:.8rem;border-radius:8px;font-size:.85rem}
`;

const communesOf = (places: Place[]) => new Set(places.map((p) => p.address.commune)).size;

function placeItem(p: Place): SafeHtml {
  const link = p.website ?? `/v1/places/${p.id}`;
  return html`<li><a href="${link}">${p.name}</a> <span class="tl-commune">— ${p.address.commune}</span></li>`;
}

function eventItem(e: Event): SafeHtml {
  const when = formatFrenchDateRange(e.startsAt, e.endsAt);
  return html`<li>${e.status === 'cancelled' ? html`<strong>Annulé</strong> · ` : ''}<a href="/events/${e.id}">${e.title}</a> — ${when}${e.place ? html`, ${e.place.name} (${e.place.commune})` : ''}</li>`;
}

export function renderHomeBody(d: HomeData): SafeHtml {
  const map = placesMapSvg(
    d.places.map((p) => ({ name: p.name, commune: p.address.commune, location: p.location })),
    `Carte des ${plural(d.places.length, 'lieu', 'lieux')} du réseau`,
  );
  const feed = `${d.baseUrl}/v1/events.ics`;
  const webcal = feed.replace(/^https?:/, 'webcal:');
  const snippet = `<script type="module" src="${d.baseUrl}/widget.js"></script>\n<tiers-lieux-reseau view="places" lang="fr"></tiers-lieux-reseau>`;
  return html`
<p>Le réseau relie les tiers-lieux de Dordogne : espaces de coworking, fablabs, ateliers partagés, cafés associatifs.
Ensemble, ils tiennent un annuaire commun des lieux, des espaces, du matériel et des compétences ; les coworkers
d’un lieu sont accueillis dans les autres ; les événements de chacun sont annoncés à tous.</p>
<p><strong>${plural(d.places.length, 'lieu', 'lieux')}</strong> dans ${plural(communesOf(d.places), 'commune', 'communes')},
<strong>${plural(d.resourceCount, 'ressource partagée', 'ressources partagées')}</strong>,
${plural(d.events.length, 'événement à venir', 'événements à venir')} dans l’agenda ci-dessous.</p>

<h2 id="lieux">Les lieux</h2>
${map ? raw(map) : ''}
${d.places.length ? html`<ol class="tl-places">${d.places.map(placeItem)}</ol>` : html`<p>Aucun lieu n’est encore inscrit.</p>`}

<h2 id="agenda">L’agenda</h2>
${d.events.length ? html`<ul>${d.events.map(eventItem)}</ul>` : html`<p>Aucun événement annoncé pour l’instant.</p>`}
<p><a href="/v1/events">Tous les événements à venir</a> (JSON) ·
<a href="${webcal}">S’abonner au calendrier du réseau</a> : dans Google Agenda, Apple Calendrier, Thunderbird ou
Outlook, ajoutez un agenda « à partir d’une adresse » et collez <code>${feed}</code>.</p>

<h2 id="entrer">Tout ce qui est public</h2>
<ul class="tl-doors">
<li><h3>L’annuaire</h3><a href="/v1/places">les lieux</a> · <a href="/v1/resources">espaces et matériel</a> ·
<a href="/v1/people">les compétences des personnes</a> · <a href="/v1/skills">la liste des compétences</a></li>
<li><h3>Données ouvertes</h3><a href="/v1/places.geojson">les lieux en GeoJSON</a> (cartes) ·
<a href="/v1/resources.csv">les ressources en CSV</a> (s’ouvre dans Excel ou LibreOffice)</li>
<li><h3>Le calendrier</h3><a href="/v1/events.ics">le flux iCalendar</a> du réseau, à suivre dans tout agenda</li>
<li><h3>Pour les développeurs</h3><a href="/docs">la documentation de l’API</a> · <a href="/v1/openapi.json">OpenAPI 3.1</a></li>
</ul>

<h2 id="widget">Le widget, sur le site de votre lieu</h2>
<p>Deux lignes à coller dans une page de votre site affichent les lieux du réseau
(<code>view="resources"</code> : les ressources, <code>view="events"</code> : l’agenda ; <code>place="…"</code> pour un seul lieu).
<a href="/demo">Voir la démonstration</a>.</p>
<pre class="tl-snippet"><code>${snippet}</code></pre>
`;
}
