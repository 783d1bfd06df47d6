/**
 * The page a place's freshness link opens: each record not checked for a while, with
 * three answers a volunteer can give from a phone, no JavaScript needed —
 * « Toujours exact », « À modifier » (a short form), « N’existe plus ».
 */
import { html, type SafeHtml } from './layout.js';
import { dayInWords, plural } from '../../domain/text/fr.js';
import { formatMoney } from '../../../integrations/sheets/values.js';
import type { StaleRecord } from '../../domain/directory/list-stale-records.js';
import type { Place } from '../../../schemas/place.js';
import type { Resource, RateUnit } from '../../../schemas/resource.js';
import type { Person } from '../../../schemas/person.js';

export type StaleWithRecord =
  | { stale: StaleRecord; type: 'place'; record: Place }
  | { stale: StaleRecord; type: 'resource'; record: Resource }
  | { stale: StaleRecord; type: 'person'; record: Person };

const TYPE_LABELS = { place: 'le lieu', resource: 'ressource', person: 'personne' } as const;

/** The public rates a volunteer may correct here, as the sheet names them. */
export const EDITABLE_RATES: { unit: RateUnit; field: string; label: string }[] = [
  { unit: 'hour', field: 'rate_hour', label: 'Tarif heure (€)' },
  { unit: 'half_day', field: 'rate_half_day', label: 'Tarif demi-journée (€)' },
  { unit: 'day', field: 'rate_day', label: 'Tarif journée (€)' },
  { unit: 'week', field: 'rate_week', label: 'Tarif semaine (€)' },
  { unit: 'month', field: 'rate_month', label: 'Tarif mois (€)' },
];

function lastChecked(s: StaleRecord): string {
  const when = dayInWords(s.lastCheckedAt.slice(0, 10));
  return s.neverVerified ? `Jamais vérifiée depuis sa création, le ${when} (il y a ${plural(s.daysSinceCheck, 'jour', 'jours')}).` : `Dernière vérification le ${when}, il y a ${plural(s.daysSinceCheck, 'jour', 'jours')}.`;
}

function field(ref: string, name: string, label: string, value: string | number | undefined, kind: 'text' | 'number' | 'money' | 'area' = 'text'): SafeHtml {
  const id = `${ref.replace(':', '-')}-${name}`;
  const v = value === undefined ? '' : String(value);
  if (kind === 'area') return html`<label for="${id}">${label}</label><textarea id="${id}" name="${name}">${v}</textarea>`;
  const mode = kind === 'number' ? 'numeric' : kind === 'money' ? 'decimal' : 'text';
  return html`<label for="${id}">${label}</label><input id="${id}" name="${name}" value="${v}" inputmode="${mode}" autocomplete="off">`;
}

function editFields(item: StaleWithRecord): SafeHtml {
  const f = (name: string, label: string, value: string | number | undefined, kind?: 'text' | 'number' | 'money' | 'area') => field(`${item.type}:${item.record.id}`, name, label, value, kind);
  switch (item.type) {
    case 'resource': {
      const r = item.record;
      const rate = (unit: RateUnit) => r.rates.find((x) => x.unit === unit && x.audience === 'public')?.amountCents;
      return html`${f('description', 'Description', r.description, 'area')}${f('capacity', 'Capacité (personnes)', r.capacity, 'number')}${EDITABLE_RATES.map((x) => f(x.field, x.label, formatMoney(rate(x.unit)) || undefined, 'money'))}${f('conditions', 'Conditions de prêt ou d’accès', r.sharing?.conditions, 'area')}`;
    }
    case 'place': {
      const p = item.record;
      return html`${f('description', 'Description', p.description, 'area')}${p.mobility ? html`${f('dailyVisitorCapacity', 'Visiteurs accueillis par jour', p.mobility.dailyVisitorCapacity, 'number')}${f('preferentialDayRate', 'Tarif réseau journée (€)', formatMoney(p.mobility.preferentialDayRateCents), 'money')}` : ''}${f('openingHours', 'Horaires', p.openingHours)}`;
    }
    case 'person':
      return f('bio', 'Présentation', item.record.bio, 'area');
  }
}

function recordCard(item: StaleWithRecord, action: string): SafeHtml {
  const ref = `${item.type}:${item.record.id}`;
  const hidden = html`<input type="hidden" name="record" value="${ref}">`;
  return html`<article class="card" id="${ref}">
<h2>${item.stale.name} <span class="muted">(${TYPE_LABELS[item.type]})</span></h2>
<p class="muted">${lastChecked(item.stale)}</p>
<div class="actions">
<form method="post" action="${action}">${hidden}<button name="action" value="verify">Toujours exact</button></form>
<form method="post" action="${action}">${hidden}<button name="action" value="archive" class="danger">N’existe plus</button></form>
</div>
<details><summary class="button secondary">À modifier</summary>
<form method="post" action="${action}">${hidden}${editFields(item)}<p><button name="action" value="edit">Enregistrer et marquer comme vérifiée</button></p></form>
</details>
</article>`;
}

export const FRESHNESS_CSS = 'details>summary{list-style:none;display:inline-block}details>summary::-webkit-details-marker{display:none}details[open]>summary{margin-bottom:.4rem}article.card h2{border:0;margin-top:.2rem}';

/** The page body: a notice (what was just done, or why not), then the records still to check. */
export function freshnessPageBody(opts: { placeName: string; olderThanDays: number; items: StaleWithRecord[]; action: string; notice?: { text: string; tone: 'ok' | 'bad' }; expiresAt: string }): SafeHtml {
  const notice = opts.notice ? html`<p class="notice ${opts.notice.tone === 'bad' ? 'bad' : ''}" role="status">${opts.notice.text}</p>` : '';
  const intro = html`<p>Ces fiches de <strong>${opts.placeName}</strong> n’ont pas été vérifiées depuis plus de ${plural(opts.olderThanDays, 'jour', 'jours')}. Pour chacune, dites-nous si elle est toujours exacte, corrigez-la, ou signalez qu’elle n’existe plus. Chaque réponse est enregistrée tout de suite.</p>`;
  const list = opts.items.length
    ? html`${opts.items.map((i) => recordCard(i, opts.action))}`
    : html`<p class="notice">Tout est à jour : aucune fiche ne reste à vérifier. Merci !</p>`;
  return html`${notice}${intro}${list}<p class="muted">Ce lien personnel est valable jusqu’au ${dayInWords(opts.expiresAt.slice(0, 10))}. Ne le transmettez qu’aux personnes qui gèrent ce lieu.</p>`;
}
