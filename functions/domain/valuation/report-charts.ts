/**
 * The report's SVG charts (inline, no script): hours per month as columns, value per place as
 * horizontal bars. Pure string building; every label is escaped.
 */
import { escapeHtml as h, euros } from '../text/fr.js';
import type { ValuationReport } from '../../../schemas/valuation-report.js';

const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

function hoursLabel(n: number): string {
  return `${String(Math.round(n * 100) / 100).replace('.', ',')} h`;
}

export function hoursPerMonthSvg(r: ValuationReport): string {
  const W = 720;
  const H = 240;
  const left = 40;
  const bottom = 30;
  const top = 20;
  const max = Math.max(1, ...r.byMonth.map((m) => m.hours));
  const step = (W - left - 10) / 12;
  const bars = r.byMonth
    .map((m, i) => {
      const bh = Math.round(((H - top - bottom) * m.hours) / max);
      const x = Math.round(left + i * step + step * 0.15);
      const y = H - bottom - bh;
      return [
        `<rect x="${x}" y="${y}" width="${Math.round(step * 0.7)}" height="${bh}" fill="#2e7d32"><title>${h(MONTHS[i]!)} : ${hoursLabel(m.hours)}, ${euros(m.timeValueCents)}</title></rect>`,
        m.hours > 0 ? `<text x="${x + Math.round(step * 0.35)}" y="${y - 4}" text-anchor="middle" font-size="10">${h(hoursLabel(m.hours))}</text>` : '',
        `<text x="${x + Math.round(step * 0.35)}" y="${H - bottom + 16}" text-anchor="middle" font-size="11">${h(MONTHS[i]!)}</text>`,
      ].join('');
    })
    .join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="heures-titre" width="100%" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
    `<title id="heures-titre">Heures de bénévolat par mois en ${r.year} (${hoursLabel(r.hours)} au total)</title>`,
    `<line x1="${left}" y1="${H - bottom}" x2="${W - 10}" y2="${H - bottom}" stroke="#999"/>`,
    bars,
    `</svg>`,
  ].join('\n');
}

export function valuePerPlaceSvg(r: ValuationReport): string {
  const W = 720;
  const LABEL = 220;
  const ROW = 28;
  if (r.byPlace.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 ${W} 40"><title>Aucune contribution</title><text x="0" y="24" font-size="14" fill="#555">Aucune contribution comptée cette année.</text></svg>`;
  }
  const max = Math.max(1, ...r.byPlace.map((p) => p.totalCents));
  const scale = (W - LABEL - 120) / max;
  const H = r.byPlace.length * ROW + 36;
  const seg = (x: number, y: number, cents: number, color: string, what: string, name: string) => {
    const w = Math.round(cents * scale);
    return w > 0 ? `<rect x="${x}" y="${y}" width="${w}" height="18" fill="${color}"><title>${h(name)} — ${what} : ${euros(cents)}</title></rect>` : '';
  };
  const rows = r.byPlace
    .map((p, i) => {
      const y = 6 + i * ROW;
      const t = Math.round(p.timeValueCents * scale);
      const m = Math.round(p.mileageValueCents * scale);
      return [
        `<text x="${LABEL - 8}" y="${y + 14}" text-anchor="end" font-size="12">${h(p.placeName)}</text>`,
        seg(LABEL, y, p.timeValueCents, '#2e7d32', 'temps', p.placeName),
        seg(LABEL + t, y, p.mileageValueCents, '#1565c0', 'kilomètres', p.placeName),
        seg(LABEL + t + m, y, p.inKindValueCents, '#ef6c00', 'en nature', p.placeName),
        `<text x="${LABEL + Math.round(p.totalCents * scale) + 6}" y="${y + 14}" font-size="11">${h(euros(p.totalCents))}</text>`,
      ].join('');
    })
    .join('\n');
  const ly = H - 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="lieux-titre" width="100%" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
    `<title id="lieux-titre">Valeur des contributions par lieu en ${r.year}</title>`,
    rows,
    `<rect x="${LABEL}" y="${ly - 10}" width="12" height="12" fill="#2e7d32"/><text x="${LABEL + 16}" y="${ly}" font-size="12">temps</text>`,
    `<rect x="${LABEL + 80}" y="${ly - 10}" width="12" height="12" fill="#1565c0"/><text x="${LABEL + 96}" y="${ly}" font-size="12">kilomètres</text>`,
    `<rect x="${LABEL + 190}" y="${ly - 10}" width="12" height="12" fill="#ef6c00"/><text x="${LABEL + 206}" y="${ly}" font-size="12">en nature</text>`,
    `</svg>`,
  ].join('\n');
}
