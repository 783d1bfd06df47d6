/**
 * French text helpers shared by every page, statement and message: money, dates in
 * sentences, elision, plurals. No dependencies, so any chunk may import them cheaply.
 */
const EUR = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** 123450 → « 1 234,50 € » (the narrow no-break spaces of fr-FR). */
export function euros(cents: number): string {
  return EUR.format(cents / 100);
}

/** `2026-12-02` → « 2 décembre 2026 »; the first of the month is « 1er ». */
export function dayInWords(day: string): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}

/** `2026-12-02` → « 02/12/2026 » (tables, where a column of dates must line up). */
export function dayShort(day: string): string {
  return day.slice(0, 10).split('-').reverse().join('/');
}

/** `2026-12` → « décembre 2026 ». */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}

// Most words and first names in h take the elision (h muet: « d’Hélène », « d’Hugo »);
// these common words have an h aspiré and keep « de » (« de Hameau-Vert »).
const H_ASPIRE = /^(haut|hameau|halle|hangar|hall|hache|haie|hall|hasard|hêtre|héron|hibou|houx|hutte|hérisson|honte|hollande|hongrie)/i;
const VOWEL = /^[aeiouyàâäéèêëîïôöùûüÿæœ]/i;

/** Whether « de » / « le » elides before this word (vowel, or h muet). */
export function elides(word: string): boolean {
  const w = word.trim();
  if (VOWEL.test(w)) return true;
  return /^h/i.test(w) && !H_ASPIRE.test(w);
}

/** « de » before a name, elided where French wants it: « d’Agnès », « d’Hélène », « de Paul ». */
export function ofName(name: string): string {
  return elides(name) ? `d’${name.trim()}` : `de ${name.trim()}`;
}

/** 1 → « 1 jour », 3 → « 3 jours »; French counts 0 and 1 as singular. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${Math.abs(n) < 2 ? one : many}`;
}
