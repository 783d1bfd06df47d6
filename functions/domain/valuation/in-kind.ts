/**
 * A room or machine of the directory lent for free is valued at that resource's PUBLIC rate
 * for the unit, as the directory published it on the day of the loan (never the network or
 * member rate: funders count what the lender would have charged anyone).
 */
import { UnprocessableError } from '../errors.js';
import { parisDay } from '../events/paris-time.js';
import { roundCents } from './money.js';
import { euros } from '../text/fr.js';
import type { Rate, RateUnit, Resource } from '../../../schemas/resource.js';

export const UNIT_LABELS: Record<RateUnit, { per: string; name: string }> = {
  hour: { per: 'de l’heure', name: 'heure' },
  half_day: { per: 'la demi-journée', name: 'demi-journée' },
  day: { per: 'la journée', name: 'journée' },
  week: { per: 'la semaine', name: 'semaine' },
  month: { per: 'le mois', name: 'mois' },
  unit: { per: 'l’unité', name: 'unité' },
};

export interface ResourceVersion {
  /** When this version was written (ISO). */
  at: string;
  resource: Pick<Resource, 'id' | 'name' | 'rates'>;
}

/**
 * The version in force on `day` (Paris time): the last one written on or before that day.
 * A resource entered in the directory after the loan has no earlier version: its first
 * version is taken then (the rate it was first published with), and `publishedLater` says so.
 */
export function versionOn(versions: readonly ResourceVersion[], day: string): { version: ResourceVersion; publishedLater: boolean } {
  const sorted = [...versions].sort((a, b) => (a.at < b.at ? -1 : 1));
  let found: ResourceVersion | undefined;
  for (const v of sorted) if (parisDay(new Date(v.at)) <= day) found = v;
  if (found) return { version: found, publishedLater: false };
  return { version: sorted[0]!, publishedLater: true };
}

function describeRates(rates: readonly Rate[]): string {
  const pub = rates.filter((r) => r.audience === 'public');
  if (pub.length === 0) return 'la fiche ne publie aucun tarif public';
  return `tarifs publics publiés : ${pub.map((r) => `${euros(r.amountCents)} ${UNIT_LABELS[r.unit].per}`).join(', ')}`;
}

/** The public rate for `unit`; a clear French refusal when the resource publishes none. */
export function publicRateFor(resource: ResourceVersion['resource'], unit: RateUnit, day: string): Rate {
  const rate = resource.rates.find((r) => r.audience === 'public' && r.unit === unit);
  if (!rate) {
    throw new UnprocessableError(
      `La ressource « ${resource.name} » n’a pas de tarif public ${UNIT_LABELS[unit].per} au ${day.split('-').reverse().join('/')} (${describeRates(resource.rates)}). Choisissez une unité qui a un tarif public, ou saisissez une valeur explicite (valueCents) avec une note disant comment elle a été estimée.`,
      [{ path: 'unit', message: `pas de tarif public ${UNIT_LABELS[unit].per} pour cette ressource` }],
    );
  }
  return rate;
}

/** quantity × public rate, rounded once to the cent. */
export function lentValueCents(rate: Rate, quantity: number): number {
  return roundCents(quantity * rate.amountCents);
}
