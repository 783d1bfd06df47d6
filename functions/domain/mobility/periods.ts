/** Calendar helpers for the ledger: days `YYYY-MM-DD`, months `YYYY-MM`, in Europe/Paris. */
import { BadRequestError } from '../errors.js';

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function firstDayOf(month: string): string {
  return `${month}-01`;
}

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/** Every month from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const end = to;
  for (;;) {
    const cur = `${y}-${String(m).padStart(2, '0')}`;
    if (cur > end) return out;
    out.push(cur);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/** Today in Europe/Paris. */
export function todayInParis(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The pass period a day falls in: `YYYY-MM` for monthly passes, `YYYY` for yearly ones. */
export function passPeriodOf(period: 'month' | 'year', day: string): string {
  return period === 'month' ? day.slice(0, 7) : day.slice(0, 4);
}

/**
 * A day range from query bounds that may be days or months (`2025-03` = the whole month).
 * Missing bounds take the defaults; at most `maxMonths` months.
 */
export function dayRange(q: { from?: string; to?: string }, defaults: { from: string; to: string }, maxMonths: number): { from: string; to: string } {
  const from = q.from === undefined ? defaults.from : q.from.length === 7 ? firstDayOf(q.from) : q.from;
  const to = q.to === undefined ? defaults.to : q.to.length === 7 ? lastDayOf(q.to) : q.to;
  if (from > to) throw new BadRequestError(`« from » (${from}) doit précéder « to » (${to}).`);
  if (monthsBetween(monthOf(from), monthOf(to)).length > maxMonths) throw new BadRequestError(`Intervalle trop long : ${maxMonths} mois au plus.`);
  return { from, to };
}
