/**
 * Cell values read the way a French user types them, and written back the way
 * a French spreadsheet shows them. Parsers return `undefined` for an empty cell
 * and throw `CellError` (a French reason) for a value they cannot read.
 */
export class CellError extends Error {}

const PARIS = 'Europe/Paris';

/** Trims and turns non-breaking spaces (French number formatting) into spaces. */
export function cleanCell(v: string | undefined): string {
  return (v ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
}

/** `12`, `12,5`, `12,50 €`, `1 200,00`, `1200.5` → cents. */
export function parseMoneyCents(v: string | undefined): number | undefined {
  const s = cleanCell(v).replace(/\s*(€|eur|euros?)$/i, '').replace(/^€\s*/, '');
  if (s === '') return undefined;
  const compact = s.replace(/ /g, '');
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!m) throw new CellError(`montant illisible « ${cleanCell(v)} » (exemple : 12,50 €)`);
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** Cents → `12,50` (decimal comma, no currency sign: the header says €). */
export function formatMoney(cents: number | undefined): string {
  if (cents === undefined) return '';
  return (cents / 100).toFixed(2).replace('.', ',');
}

const YES = new Set(['oui', 'o', 'x', 'true', 'vrai', 'yes', '1', '✓', '✔', 'checked']);
const NO = new Set(['non', 'n', 'false', 'faux', 'no', '0', '']);

/** `Oui`/`Non`, `x`, `true`, a ticked checkbox; empty = no. */
export function parseYesNo(v: string | undefined): boolean {
  const s = cleanCell(v).toLowerCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  throw new CellError(`« ${cleanCell(v)} » : Oui ou Non attendu`);
}

export function formatYesNo(b: boolean | undefined): string {
  return b === undefined ? '' : b ? 'Oui' : 'Non';
}

/** A decimal number with a comma or a point. */
export function parseNumber(v: string | undefined): number | undefined {
  const s = cleanCell(v).replace(/ /g, '').replace(',', '.');
  if (s === '') return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new CellError(`nombre illisible « ${cleanCell(v)} »`);
  return Number(s);
}

export function parseInteger(v: string | undefined): number | undefined {
  const n = parseNumber(v);
  if (n !== undefined && !Number.isInteger(n)) throw new CellError(`nombre entier attendu, reçu « ${cleanCell(v)} »`);
  return n;
}

export function formatNumber(n: number | undefined): string {
  return n === undefined ? '' : String(n).replace('.', ',');
}

function checkDay(y: number, m: number, d: number, raw: string): string {
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const dt = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(dt.getTime()) || dt.toISOString().slice(0, 10) !== iso) throw new CellError(`date inexistante « ${raw} »`);
  return iso;
}

/** `12/12/2026` or `2026-12-12` → `2026-12-12`. */
export function parseDay(v: string | undefined): string | undefined {
  const s = cleanCell(v);
  if (s === '') return undefined;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return checkDay(Number(m[3]), Number(m[2]), Number(m[1]), s);
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return checkDay(Number(m[1]), Number(m[2]), Number(m[3]), s);
  throw new CellError(`date illisible « ${s} » (format JJ/MM/AAAA)`);
}

/** `2026-12-12` → `12/12/2026`. */
export function formatDay(day: string | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** Offset of Europe/Paris from UTC, in minutes, at a UTC instant. */
function parisOffsetMinutes(utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: PARIS, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - utcMs) / 60_000);
}

/** A wall-clock time in Paris → the UTC instant (the first one when the clock repeats). */
export function parisWallClockToIso(day: string, hh: number, mm: number): string {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, mo - 1, d, hh, mm);
  let utc = naive - parisOffsetMinutes(naive) * 60_000;
  utc = naive - parisOffsetMinutes(utc) * 60_000;
  return new Date(utc).toISOString();
}

/** `12/12/2026 14:00` (Paris time), `12/12/2026` (midnight) or ISO 8601 with offset → ISO UTC. */
export function parseDateTime(v: string | undefined): string | undefined {
  const s = cleanCell(v);
  if (s === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s);
    if (Number.isNaN(t)) throw new CellError(`date et heure illisibles « ${s} »`);
    return new Date(t).toISOString();
  }
  const m = /^(.+?)(?:\s+(?:à\s+)?(\d{1,2})[:h](\d{2}))?$/.exec(s);
  const day = m ? parseDay(m[1]) : undefined;
  if (!m || !day) throw new CellError(`date et heure illisibles « ${s} » (format JJ/MM/AAAA HH:MM)`);
  const hh = Number(m[2] ?? 0);
  const mm = Number(m[3] ?? 0);
  if (hh > 23 || mm > 59) throw new CellError(`heure inexistante « ${s} »`);
  return parisWallClockToIso(day, hh, mm);
}

/** ISO instant → `12/12/2026 14:00` in Paris time. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** The Paris day of an instant, `YYYY-MM-DD`. */
export function parisDay(iso: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: PARIS, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** `menuiserie, soudure; couture` → trimmed, non-empty items. */
export function parseList(v: string | undefined): string[] {
  return cleanCell(v)
    .split(/[;,]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

export function formatList(items: readonly string[] | undefined): string {
  return (items ?? []).join(', ');
}

/** Case-, accent- and space-insensitive form used to match headers, names and enum labels. */
export function foldText(s: string): string {
  return cleanCell(s).normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ');
}
