/** GET /stats: the network in figures, a public French page with SVG charts. */
import type { Context } from 'hono';
import type { PublicFigures } from '../../domain/stats/public-figures.js';
import { monthLabel, plural } from '../../domain/text/fr.js';

/** The noun after the big figure: « lieux » for 2, « lieu » for 1 (French plural rule from fr.ts). */
const noun = (n: number, one: string, many: string) => plural(n, one, many).replace(/^\S+\s/, '');
import { html, pageResponse, raw } from './layout.js';
import { columnChart, horizontalBarChart } from './svg-charts.js';
import { OUTCOMES, OUTCOME_LABELS, type Outcome } from '../../../schemas/decision.js';

const OUTCOME_COLOURS: Record<Outcome, string> = { adopted: '#1d5e3b', rejected: '#b3261e', no_quorum: '#8a8a8a' };
const HOURS = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
/** « 1 heure », « 12,5 heures » (French: plural from 2). */
const hoursFr = (h: number) => `${HOURS.format(h)} ${h >= 2 ? 'heures' : 'heure'}`;
const KIND_LABELS = { space: 'Espaces', equipment: 'Matériel', other: 'Autres ressources' } as const;
const CSS = '.figures{display:flex;flex-wrap:wrap;gap:1rem;padding:0;list-style:none}.figures li{border:1px solid var(--line);border-radius:.5rem;padding:.6rem 1rem;min-width:9rem}.figures strong{display:block;font-size:1.6rem}.chart{margin:.5rem 0 1.5rem}';

export function statsPage(c: Context, f: PublicFigures): Response {
  const short = f.months.map((m) => {
    const [name, year] = monthLabel(m).split(' ');
    return `${name!.slice(0, 4)}. ${year!.slice(2)}`;
  });
  const body = html`
<ul class="figures">
<li><strong>${f.totals.places}</strong>${noun(f.totals.places, 'lieu', 'lieux')}</li>
<li><strong>${f.totals.people}</strong>${noun(f.totals.people, 'membre inscrit', 'membres inscrits')}</li>
<li><strong>${f.totals.resources}</strong>${noun(f.totals.resources, 'ressource partagée', 'ressources partagées')}</li>
<li><strong>${f.totals.visits}</strong>${noun(f.totals.visits, 'visite entre lieux', 'visites entre lieux')} en 12 mois</li>
<li><strong>${f.totals.events}</strong>${noun(f.totals.events, 'événement', 'événements')} en 12 mois</li>
<li><strong>${f.totals.decisions}</strong>${noun(f.totals.decisions, 'décision prise', 'décisions prises')} en 12 mois</li>
<li><strong>${HOURS.format(f.totals.volunteerHours)}</strong>${f.totals.volunteerHours >= 2 ? 'heures' : 'heure'} de bénévolat en 12 mois</li>
</ul>
<h2>Lieux et membres</h2>
<div class="chart">${raw(columnChart({ title: 'Lieux et membres du réseau à la fin de chaque mois', periods: short, series: [{ name: 'Lieux', colour: '#1d5e3b', values: f.placesByMonth }, { name: 'Membres', colour: '#7aa889', values: f.peopleByMonth }] }))}</div>
<h2>Ressources partagées</h2>
<div class="chart">${raw(horizontalBarChart({ title: 'Ressources par type', bars: f.resourcesByKind.map((k) => ({ label: KIND_LABELS[k.kind], value: k.count })), format: String }))}</div>
<div class="chart">${raw(horizontalBarChart({ title: 'Ressources par commune', bars: f.resourcesByCommune.map((k) => ({ label: k.commune, value: k.count, colour: '#4a7f9c' })), format: String }))}</div>
<h2>Visites entre lieux</h2>
<div class="chart">${raw(columnChart({ title: 'Visites de coworkers entre lieux, par mois', periods: short, series: [{ name: 'Visites', colour: '#ef6c00', values: f.visitsByMonth }] }))}</div>
<h2>Événements</h2>
<div class="chart">${raw(columnChart({ title: 'Événements par mois', periods: short, series: [{ name: 'Événements', colour: '#6a4c93', values: f.eventsByMonth }] }))}</div>
<h2>Décisions prises</h2>
${f.totals.decisions
  ? html`<p>${plural(f.totals.decisions, 'décision prise', 'décisions prises')} en 12 mois, dont ${plural(f.totals.adopted, 'proposition adoptée', 'propositions adoptées')}.</p>
<div class="chart">${raw(columnChart({ title: 'Propositions closes par mois, selon leur issue', periods: short, series: OUTCOMES.map((o) => ({ name: OUTCOME_LABELS[o], colour: OUTCOME_COLOURS[o], values: f.decisionsByMonth[o] })) }))}</div>`
  : html`<p class="muted">Aucune décision collective close ces douze derniers mois.</p>`}
<h2>Bénévolat valorisé</h2>
${f.totals.volunteerHours
  ? html`<p>${hoursFr(f.totals.volunteerHours)} de bénévolat valorisées en 12 mois.</p>
<div class="chart">${raw(columnChart({ title: 'Heures de bénévolat valorisées par mois', periods: short, series: [{ name: 'Heures', colour: '#b5651d', values: f.volunteerHoursByMonth }], format: (n) => HOURS.format(n) }))}</div>`
  : html`<p class="muted">Aucune heure de bénévolat enregistrée ces douze derniers mois.</p>`}
<p class="muted">Chiffres publics : uniquement des comptes, jamais de personne ni de montant. Données ouvertes : <a href="/v1/opendata">/v1/opendata</a>.</p>`;
  const res = pageResponse(c, { title: 'Le réseau en chiffres', lead: 'Lieux, membres, ressources, visites, événements, décisions et bénévolat des douze derniers mois.', body, css: CSS });
  res.headers.set('Cache-Control', 'public, max-age=300, stale-while-revalidate=3600');
  return res;
}
