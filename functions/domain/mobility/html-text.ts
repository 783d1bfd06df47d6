/** Text helpers for the printable French pages. */
const EUR = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function euros(cents: number): string {
  return EUR.format(cents / 100);
}

/** `2025-03` → « mars 2025 ». */
export function monthLabel(month: string): string {
  return new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** `2025-03-04` → « 04/03/2025 ». */
export function dayLabel(day: string): string {
  return day.split('-').reverse().join('/');
}
