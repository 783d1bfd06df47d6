/**
 * The valuation report and the attestation de bénévolat as printable French page bodies.
 * The page itself (head, CSP, header, print rules) is the shared layout's; here only the
 * content, with classes (no style attributes: the CSP forbids them) and inline SVG charts.
 */
import { escapeHtml as h, euros, monthLabel, dayShort as dayLabel } from '../text/fr.js';
import { hoursPerMonthSvg, valuePerPlaceSvg } from './report-charts.js';
import { LEVEL_LABELS } from './time-value.js';
import { BAND_LABELS } from './mileage.js';
import { UNIT_LABELS } from './in-kind.js';
import type { Attestation } from './year-report.js';
import type { ReportAmounts, ValuationReport } from '../../../schemas/valuation-report.js';
import type { RateUnit } from '../../../schemas/resource.js';

export const REPORT_CSS = `.valo table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0 1rem}
.valo th,.valo td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left}
.valo td.num,.valo th.num{text-align:right;white-space:nowrap}
.valo tr.total td{font-weight:600;border-top:2px solid #333}
.valo .muted{color:#555}.valo .big{font-size:1.25rem;font-weight:600}
.valo .sign{margin-top:3rem;display:flex;gap:4rem}.valo .sign div{flex:1;border-top:1px solid #333;padding-top:.3rem}
@media print{.valo section{break-inside:avoid}}`;

function num(n: number, unit: string): string {
  return `${String(n).replace('.', ',')} ${unit}`;
}

function amountsRow(label: string, a: ReportAmounts, cls = ''): string {
  return `<tr${cls ? ` class="${cls}"` : ''}><td>${h(label)}</td><td class="num">${num(a.hours, 'h')}</td><td class="num">${euros(a.timeValueCents)}</td><td class="num">${num(a.km, 'km')}</td><td class="num">${euros(a.mileageValueCents)}</td><td class="num">${euros(a.inKindValueCents)}</td><td class="num">${euros(a.totalCents)}</td></tr>`;
}

function amountsTable(first: string, rows: string[], total: ReportAmounts): string {
  return `<table><thead><tr><th>${h(first)}</th><th class="num">Heures</th><th class="num">Temps</th><th class="num">Km</th><th class="num">Kilomètres</th><th class="num">En nature</th><th class="num">Total</th></tr></thead><tbody>${rows.join('')}${amountsRow('Total', total, 'total')}</tbody></table>`;
}

function linesTable(r: ValuationReport): string {
  const side = (cls: '86' | '87', title: string, total: number) =>
    `<table><thead><tr><th colspan="2">${h(title)}</th><th class="num">Montant</th></tr></thead><tbody>${r.lines
      .filter((l) => l.class === cls)
      .map((l) => `<tr><td>${l.code}</td><td>${h(l.label)}</td><td class="num">${euros(l.amountCents)}</td></tr>`)
      .join('')}<tr class="total"><td>${cls}</td><td>Total</td><td class="num">${euros(total)}</td></tr></tbody></table>`;
  return side('86', '86 — Emplois des contributions volontaires en nature', r.total86Cents) + side('87', '87 — Contributions volontaires en nature', r.total87Cents);
}

/** The method note: which figures, from which dates, and where rounding happens. */
function methodNote(r: ValuationReport): string {
  const f = r.figures;
  const smic = f.smic.length
    ? f.smic.map((s) => `${euros(s.hourlyCents)} de l’heure à partir du ${dayLabel(s.from)} (${h(s.source)})`).join(' ; ')
    : 'aucun SMIC en vigueur cette année dans les réglages';
  const levels = `exécution × ${String(f.levelMultipliers.execution).replace('.', ',')}, encadrement × ${String(f.levelMultipliers.supervision).replace('.', ',')}, expertise × ${String(f.levelMultipliers.expertise).replace('.', ',')}`;
  const grid = f.mileageGrid
    ? `barème kilométrique des voitures en vigueur au ${dayLabel(f.mileageGrid.from)} (${h(f.mileageGrid.source)}), majoré de ${f.mileageGrid.electricBonusPercent} % pour les véhicules électriques, appliqué au total des kilomètres de l’année de chaque personne et de chaque véhicule (la tranche dépend de ce total), puis réparti entre ses trajets au prorata des kilomètres`
    : 'aucun barème kilométrique pour cette année';
  return `<section><h2>Méthode</h2><ul>
<li>Temps : heures × SMIC brut horaire en vigueur le jour de la contribution — ${smic} — × coefficient de charges ${String(f.chargedCoefficient).replace('.', ',')} × niveau (${levels}).</li>
<li>Kilomètres : ${grid}.</li>
<li>Ressources prêtées : quantité × tarif public de la ressource dans l’annuaire pour cette unité, tel qu’il était publié à la date du prêt (jamais le tarif réseau ou adhérent). Dons en nature : la valeur déclarée, avec la note qui dit comment elle a été estimée.</li>
<li>Comptes : ${h(f.budget)} ; chaque contribution figure une fois en 86 et une fois en 87, si bien que les deux totaux sont égaux.</li>
<li>Arrondis : ${h(f.rounding)} Les contributions archivées ne sont pas comptées.</li>
</ul></section>`;
}

export function reportTitle(r: ValuationReport, placeName?: string): string {
  return `Contributions volontaires ${r.year}${placeName ? ` — ${placeName}` : ''}${r.project ? ` — projet ${r.project}` : ''}`;
}

export function reportBodyHtml(r: ValuationReport): string {
  return `<div class="valo">
<section><h2>En résumé</h2>
<p class="big">Total valorisé : ${euros(r.totalCents)}</p>
<table><tbody>
<tr><td>Heures de bénévolat</td><td class="num">${num(r.hours, 'h')}</td><td class="num">${euros(r.timeValueCents)}</td></tr>
<tr><td>Kilomètres parcourus</td><td class="num">${num(r.km, 'km')}</td><td class="num">${euros(r.mileageValueCents)}</td></tr>
<tr><td>Mises à disposition et dons en nature</td><td class="num"></td><td class="num">${euros(r.inKindValueCents)}</td></tr>
<tr class="total"><td>Total (${r.contributions} contributions)</td><td class="num"></td><td class="num">${euros(r.totalCents)}</td></tr>
</tbody></table></section>
<section><h2>Budget : comptes 86 et 87</h2>${linesTable(r)}</section>
<section><h2>Heures par mois</h2><figure>${hoursPerMonthSvg(r)}</figure></section>
<section><h2>Valeur par lieu</h2><figure>${valuePerPlaceSvg(r)}</figure>
${amountsTable('Lieu', r.byPlace.map((p) => amountsRow(p.placeName, p)), r)}</section>
<section><h2>Par projet</h2>${amountsTable('Projet', r.byProject.map((p) => amountsRow(p.project ?? 'Sans projet', p)), r)}</section>
<section><h2>Par activité</h2>${amountsTable('Activité', r.byActivity.map((a) => amountsRow(a.activity, a)), r)}</section>
<section><h2>Par mois</h2>${amountsTable('Mois', r.byMonth.map((m) => amountsRow(monthLabel(m.month), m)), r)}</section>
<section><h2>En nature, par ressource</h2>${
    r.inKindByResource.length
      ? `<table><thead><tr><th>Ressource ou don</th><th class="num">Quantité</th><th class="num">Valeur</th></tr></thead><tbody>${r.inKindByResource
          .map((k) => `<tr><td>${h(k.name)}</td><td class="num">${k.unit ? `${String(k.quantity).replace('.', ',')} ${h(UNIT_LABELS[k.unit as RateUnit]?.name ?? k.unit)}` : ''}</td><td class="num">${euros(k.valueCents)}</td></tr>`)
          .join('')}<tr class="total"><td>Total</td><td></td><td class="num">${euros(r.inKindValueCents)}</td></tr></tbody></table>`
      : '<p class="muted">Aucune contribution en nature.</p>'
  }</section>
${methodNote(r)}
</div>`;
}

export function attestationTitle(a: Attestation): string {
  return `Attestation de bénévolat ${a.year}`;
}

export function attestationBodyHtml(a: Attestation, today: string): string {
  const r = a.report;
  const acts = r.byActivity.filter((x) => x.hours > 0);
  const mileage = a.mileage.length
    ? `<table><thead><tr><th>Véhicule</th><th class="num">Km dans l’année</th><th>Tranche du barème</th><th class="num">Montant</th></tr></thead><tbody>${a.mileage
        .map((g) => `<tr><td>${Math.min(7, Math.max(3, g.vehicle.fiscalHorsepower))}${g.vehicle.fiscalHorsepower >= 7 ? ' CV et plus' : g.vehicle.fiscalHorsepower <= 3 ? ' CV et moins' : ' CV'}${g.vehicle.electric ? ', électrique (+20 %)' : ''}</td><td class="num">${num(g.totalKm, 'km')}</td><td>${BAND_LABELS[g.band]}</td><td class="num">${euros(g.yearlyCents)}</td></tr>`)
        .join('')}</tbody></table>
<p class="muted">Frais kilométriques engagés pour l’association et non remboursés, évalués au barème fiscal : si la personne renonce expressément à leur remboursement, ce relevé peut appuyer le reçu fiscal de don (article 200 du code général des impôts).</p>`
    : '<p class="muted">Aucun kilomètre déclaré.</p>';
  return `<div class="valo">
<p>Le réseau des tiers-lieux atteste que <strong>${h(a.person.displayName)}</strong>${a.homePlaceName ? ` (${h(a.homePlaceName)})` : ''} a donné de son temps bénévolement en ${a.year} :</p>
<section><h2>Heures par activité</h2>${
    acts.length
      ? `<table><thead><tr><th>Activité</th><th class="num">Heures</th><th class="num">Valorisation</th></tr></thead><tbody>${acts
          .map((x) => `<tr><td>${h(x.activity)}</td><td class="num">${num(x.hours, 'h')}</td><td class="num">${euros(x.timeValueCents)}</td></tr>`)
          .join('')}<tr class="total"><td>Total</td><td class="num">${num(r.hours, 'h')}</td><td class="num">${euros(r.timeValueCents)}</td></tr></tbody></table>`
      : '<p class="muted">Aucune heure déclarée.</p>'
  }</section>
<section><h2>Déplacements</h2>${mileage}</section>
${r.inKindValueCents ? `<section><h2>En nature</h2><p>${euros(r.inKindValueCents)}</p></section>` : ''}
<section><h2>Valorisation totale</h2><p class="big">${euros(r.totalCents)}</p>
<p class="muted">Par lieu : ${r.byPlace.map((p) => `${h(p.placeName)} ${euros(p.totalCents)}`).join(' ; ') || '—'}. Niveaux : ${Object.values(LEVEL_LABELS).join(', ')} ; chiffres et méthode ci-dessous.</p></section>
<div class="sign"><div>Fait le ${h(today)}, pour le réseau (nom, fonction, signature)</div><div>Le ou la bénévole (signature)</div></div>
${methodNote(r)}
</div>`;
}
