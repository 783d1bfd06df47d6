/**
 * Europe/Paris time without a date library: the offset of an instant comes from Intl
 * (the tz database shipped with Node), wall-clock times are converted by fixed-point
 * iteration (twice is enough: offsets only change by one hour).
 */
const TZ = 'Europe/Paris';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The Paris wall-clock reading of an instant. */
export function parisWallClock(instant: Date): WallClock {
  const p: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour! % 24, minute: p.minute!, second: p.second! };
}

/** Minutes to add to UTC to get Paris time at this instant (60 in winter, 120 in summer). */
export function parisOffsetMinutes(instant: Date): number {
  const w = parisWallClock(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant at which Paris clocks show this wall-clock time (a time skipped by DST moves forward). */
export function parisLocalToInstant(local: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(local);
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  let t = asUtc - parisOffsetMinutes(new Date(asUtc)) * 60_000;
  t = asUtc - parisOffsetMinutes(new Date(t)) * 60_000;
  return new Date(t);
}

/** Any ISO 8601 date-time (with offset, `Z`, or Paris wall-clock) → the instant. */
export function parseParisDateTime(s: string): Date {
  return /(Z|[+-]\d{2}:?\d{2})$/i.test(s) ? new Date(s) : parisLocalToInstant(s);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-05-12T18:30:00+02:00`: the instant written with the Paris offset. */
export function toParisIso(input: string | Date): string {
  const instant = typeof input === 'string' ? parseParisDateTime(input) : input;
  const w = parisWallClock(instant);
  const off = parisOffsetMinutes(instant);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2026-05-12T16:30:00.000Z`: sortable UTC form used in index keys. */
export function toUtcIso(s: string): string {
  return parseParisDateTime(s).toISOString();
}

/** The Paris day (`YYYY-MM-DD`) of an instant. */
export function parisDay(instant: Date): string {
  const w = parisWallClock(instant);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: TZ, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** `18 h 30`, `9 h` — the way French posters write times. */
export function formatFrenchTime(instant: Date): string {
  const w = parisWallClock(instant);
  return w.minute === 0 ? `${w.hour} h` : `${w.hour} h ${pad(w.minute)}`;
}

/** `jeudi 12 mars 2026` (1er for the first of the month). */
export function formatFrenchDay(instant: Date): string {
  return dayFormat.format(instant).replace(/^(\p{L}+) 1 /u, '$1 1er ');
}

/**
 * A French sentence for an event's dates, in Paris time:
 * `le jeudi 12 mars 2026 de 18 h 30 à 21 h`, `le jeudi 12 mars 2026 à 18 h 30`,
 * `du jeudi 12 mars 2026 à 18 h au samedi 14 mars 2026 à 12 h`.
 */
export function formatFrenchDateRange(startsAt: string, endsAt?: string): string {
  const start = parseParisDateTime(startsAt);
  if (!endsAt) return `le ${formatFrenchDay(start)} à ${formatFrenchTime(start)}`;
  const end = parseParisDateTime(endsAt);
  if (parisDay(start) === parisDay(end)) return `le ${formatFrenchDay(start)} de ${formatFrenchTime(start)} à ${formatFrenchTime(end)}`;
  return `du ${formatFrenchDay(start)} à ${formatFrenchTime(start)} au ${formatFrenchDay(end)} à ${formatFrenchTime(end)}`;
}
