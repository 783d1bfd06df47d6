/**
 * Mileage valued with the barème kilométrique. The band depends on a person's total distance
 * over the calendar year (per vehicle, as the barème is), so the value is computed for the
 * year and then shared among that person's trips in proportion to their km.
 *
 * Rounding happens once: the yearly amount of a (person, vehicle) is rounded to the cent;
 * the trips' shares are then exact integer cents (largest remainder), so they add up to that
 * yearly amount to the cent, and a year's report is reproducible.
 */
import { gridRowFor, type MileageGrid } from './figures/bareme-kilometrique.js';
import { smicOn } from './figures/smic.js';
import { kmTenths, largestRemainder, roundRatio } from './money.js';
import { UnprocessableError } from '../errors.js';
import type { ValuationFigures } from '../../../schemas/valuation-settings.js';

export type MileageBand = 'upTo5000' | 'from5001To20000' | 'over20000';

export const BAND_LABELS: Record<MileageBand, string> = {
  upTo5000: 'jusqu’à 5 000 km',
  from5001To20000: 'de 5 001 à 20 000 km',
  over20000: 'au-delà de 20 000 km',
};

/** The grid applied to the distances of `year` (the latest one in force on 1 January). */
export function mileageGridFor(figures: Pick<ValuationFigures, 'mileageGrids'>, year: number): MileageGrid {
  const grid = smicOn(figures.mileageGrids, `${year}-01-01`);
  if (!grid) {
    throw new UnprocessableError(
      `Aucun barème kilométrique connu pour ${year} : les réglages de valorisation commencent au ${figures.mileageGrids[0]?.from ?? '—'}.`,
      [{ path: 'date', message: 'pas de barème kilométrique pour cette année' }],
    );
  }
  return grid as MileageGrid;
}

export function bandOf(totalKm: number): MileageBand {
  if (totalKm <= 5000) return 'upTo5000';
  if (totalKm <= 20000) return 'from5001To20000';
  return 'over20000';
}

/** The yearly amount, in cents, of `totalKm` driven in one year with this vehicle. */
export function yearlyMileageCents(grid: MileageGrid, totalKm: number, vehicle: { fiscalHorsepower: number; electric: boolean }): { cents: number; band: MileageBand } {
  const row = gridRowFor(grid, vehicle.fiscalHorsepower);
  const d10 = kmTenths(totalKm);
  const band = bandOf(d10 / 10);
  // Units: tenths of km × thousandths of € per km = 1/10 000 €; a cent is 100 of them.
  let units: number;
  if (band === 'upTo5000') units = d10 * row.upTo5000.perKmMillis;
  else if (band === 'from5001To20000') units = d10 * row.from5001To20000.perKmMillis + row.from5001To20000.fixedCents * 100;
  else units = d10 * row.over20000.perKmMillis;
  const bonus = vehicle.electric ? grid.electricBonusPercent : 0;
  return { cents: roundRatio(units * (100 + bonus), 100 * 100), band };
}

export interface Trip {
  id: string;
  date: string;
  km: number;
  /** Who drove: `person:<id>` or `name:<normalised free name>`. */
  personKey: string;
  vehicle: { fiscalHorsepower: number; electric: boolean };
}

export interface MileageGroup {
  personKey: string;
  year: number;
  vehicle: { fiscalHorsepower: number; electric: boolean };
  totalKm: number;
  band: MileageBand;
  yearlyCents: number;
  gridFrom: string;
}

/** The grouping key of a trip: its driver, its vehicle and its year. */
function groupKey(t: Trip): string {
  const cv = Math.min(7, Math.max(3, Math.round(t.vehicle.fiscalHorsepower)));
  return `${t.date.slice(0, 4)}|${t.personKey}|${cv}|${t.vehicle.electric ? 'e' : 't'}`;
}

/**
 * Values every trip: yearly amount per (year, person, vehicle), then shares in proportion to km.
 * Trips are ordered by date then id before sharing, so the cent left by the rounding always
 * lands on the same trip.
 */
export function valueTrips(figures: Pick<ValuationFigures, 'mileageGrids'>, trips: readonly Trip[]): { shares: Map<string, number>; groups: MileageGroup[] } {
  const byGroup = new Map<string, Trip[]>();
  for (const t of trips) {
    const k = groupKey(t);
    const list = byGroup.get(k);
    if (list) list.push(t);
    else byGroup.set(k, [t]);
  }
  const shares = new Map<string, number>();
  const groups: MileageGroup[] = [];
  for (const [, list] of [...byGroup.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    list.sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1));
    const first = list[0]!;
    const year = Number(first.date.slice(0, 4));
    const grid = mileageGridFor(figures, year);
    const tenths = list.map((t) => kmTenths(t.km));
    const totalKm = tenths.reduce((s, x) => s + x, 0) / 10;
    const { cents, band } = yearlyMileageCents(grid, totalKm, first.vehicle);
    largestRemainder(cents, tenths).forEach((c, i) => shares.set(list[i]!.id, c));
    groups.push({ personKey: first.personKey, year, vehicle: first.vehicle, totalKm, band, yearlyCents: cents, gridFrom: grid.from });
  }
  return { shares, groups };
}
