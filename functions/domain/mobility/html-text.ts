/** Text helpers for the printable French pages (kept for the mobility modules; see `text/fr.ts`). */
export { escapeHtml, euros, monthLabel, dayShort as dayLabel } from '../text/fr.js';
