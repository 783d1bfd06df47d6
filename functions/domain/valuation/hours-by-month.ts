/**
 * Volunteer hours counted by the valuation (time contributions not archived), per month,
 * for the public figures (`/stats`): totals only, never a person, a place or an amount.
 */
import type { Deps } from '../deps.js';
import { valueYear } from './contribution-reads.js';

/** Hours per month of `months` ('YYYY-MM', oldest first), rounded to the hundredth like the report. */
export async function volunteerHoursByMonth(deps: Deps, months: string[]): Promise<number[]> {
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  const valued = (await Promise.all(years.map((y) => valueYear(deps, y)))).flatMap((y) => y.valued);
  const hours = months.map(() => 0);
  for (const { contribution: c } of valued) {
    if (c.kind !== 'time' || !c.hours) continue;
    const i = months.indexOf(c.date.slice(0, 7));
    if (i >= 0) hours[i] = Math.round((hours[i]! + c.hours) * 100) / 100;
  }
  return hours;
}
