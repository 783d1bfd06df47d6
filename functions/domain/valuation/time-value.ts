/**
 * Value of volunteer time: hours × SMIC brut horaire in force on the day × charged
 * coefficient × level multiplier, rounded once, to the cent, per contribution.
 */
import { smicOn } from './figures/smic.js';
import { roundCents } from './money.js';
import { UnprocessableError } from '../errors.js';
import type { ValuationFigures } from '../../../schemas/valuation-settings.js';

export type Level = 'execution' | 'supervision' | 'expertise';

export const LEVEL_LABELS: Record<Level, string> = { execution: 'Exécution', supervision: 'Encadrement', expertise: 'Expertise' };

/** The SMIC entry in force on `day`; refused in French when the settings know none. */
export function smicEntryOn(figures: Pick<ValuationFigures, 'smicHourly'>, day: string) {
  const entry = smicOn(figures.smicHourly, day);
  if (!entry) {
    const first = figures.smicHourly[0]?.from ?? '—';
    throw new UnprocessableError(`Aucun SMIC horaire connu au ${day} : les réglages de valorisation commencent au ${first}. Ajoutez la valeur en vigueur à cette date (PUT /v1/settings/valuation).`, [{ path: 'date', message: 'pas de SMIC horaire connu à cette date' }]);
  }
  return entry;
}

/** The hourly rate applied on `day` for `level`, in cents (not rounded: it is a factor, not a line). */
export function hourlyRateCents(figures: ValuationFigures, day: string, level: Level): number {
  return smicEntryOn(figures, day).hourlyCents * figures.chargedCoefficient * figures.levelMultipliers[level];
}

/** The value of `hours` given on `day` at `level`: the one rounding of a time line. */
export function timeValueCents(figures: ValuationFigures, day: string, hours: number, level: Level): number {
  return roundCents(hours * hourlyRateCents(figures, day, level));
}
