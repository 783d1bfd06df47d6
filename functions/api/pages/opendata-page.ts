/** GET /v1/opendata: the datasets described for data.gouv.fr (licence, fields, update, links). */
import type { Context } from 'hono';
import { MEDIATION_COLUMNS } from '../../domain/opendata/mediation-numerique.js';
import { NETWORK_NAME } from '../../domain/opendata/network.js';
import { html, pageResponse } from './layout.js';

const FIELD_NOTES: Partial<Record<(typeof MEDIATION_COLUMNS)[number], string>> = {
  id: 'identifiant du lieu dans l’annuaire du réseau',
  pivot: 'SIRET (14 chiffres, clé vérifiée) ou numéro RNA de la structure',
  nom: 'nom du lieu',
  commune: 'nom officiel de la commune',
  code_postal: 'code postal',
  code_insee: 'code officiel géographique, déduit du code postal et de la commune (découpage administratif Etalab)',
  adresse: 'voie',
  latitude: 'WGS84',
  longitude: 'WGS84',
  typologie: 'TIERS_LIEUX, et FABLAB pour les lieux étiquetés fablab',
  telephone: 'format international (+33…)',
  courriels: 'adresse de contact du lieu',
  site_web: 'site du lieu',
  horaires: 'format OpenStreetMap opening_hours',
  presentation_resume: '280 caractères au plus',
  presentation_detail: 'présentation complète quand elle dépasse 280 caractères',
  source: NETWORK_NAME,
  itinerance: 'Fixe',
  structure_parente: NETWORK_NAME,
  date_maj: 'dernière vérification de la fiche par une personne (à défaut, dernière modification)',
};

export function openDataPage(c: Context, counts: { published: number; excluded: number }): Response {
  const body = html`
<p>Le réseau publie les données de ses lieux membres sous la <strong>Licence Ouverte / Open Licence 2.0 (Etalab)</strong> : réutilisation libre, y compris commerciale, à condition de citer la source (« ${NETWORK_NAME} ») et la date de mise à jour.</p>
<h2>Lieux de médiation numérique</h2>
<p>Les lieux membres du réseau au format du standard national « Lieux de médiation numérique » (version 1.0.2 du schéma LaMednum/standard-mediation-num), lu par la cartographie nationale et data.inclusion.</p>
<ul>
<li>Fichier : <a href="/v1/opendata/lieux-mediation-numerique.csv">lieux-mediation-numerique.csv</a> — CSV, UTF-8, séparateur virgule, valeurs multiples séparées par « | ».</li>
<li>Contenu aujourd’hui : ${counts.published} lieux publiés ; ${counts.excluded} lieux membres pas encore publiables (voir le <a href="/v1/opendata/report">rapport de publication</a>, qui donne la raison pour chacun).</li>
<li>Mise à jour : en continu — le fichier est produit à chaque demande à partir de l’annuaire (mis en cache cinq minutes) ; chaque fiche est revérifiée par son lieu au moins tous les six mois.</li>
<li>Couverture : département de la Dordogne (24).</li>
<li>Licence : Licence Ouverte 2.0 (etalab-2.0).</li>
</ul>
<h3>Champs</h3>
<table><thead><tr><th>Colonne</th><th>Contenu</th></tr></thead><tbody>${MEDIATION_COLUMNS.map((col) => html`<tr><td><code>${col}</code></td><td>${FIELD_NOTES[col] ?? 'non renseigné par le réseau'}</td></tr>`)}</tbody></table>
<h2>Autres jeux de données</h2>
<ul>
<li><a href="/v1/places.geojson">Lieux du réseau en GeoJSON</a> (RFC 7946) — même licence.</li>
<li><a href="/v1/resources.csv">Ressources partageables (espaces, matériel)</a> — CSV pour tableur français.</li>
<li><a href="/v1/events.ics">Agenda des événements</a> — iCalendar.</li>
</ul>
<p>Documentation de l’API : <a href="/docs">/docs</a>.</p>`;
  return pageResponse(c, { title: 'Données ouvertes du réseau', lead: 'Jeux de données publiés, prêts à être référencés sur data.gouv.fr.', body, css: 'table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}' });
}
