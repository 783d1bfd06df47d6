/**
 * The inline SVG chart of a statement: one row per counterparty, a bar for what it
 * owes the place and one for what the place owes it. Pure string building, no script.
 */
import type { CounterpartyFlow } from '../../../schemas/statement.js';
import { escapeHtml, euros } from './html-text.js';

const WIDTH = 720;
const LABEL = 210;
const ROW = 46;
const BAR = 16;

export function flowsChartSvg(flows: readonly CounterpartyFlow[], placeName: string): string {
  if (flows.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${WIDTH}" height="40" viewBox="0 0 ${WIDTH} 40"><title>Aucun flux ce mois-ci</title><text x="0" y="24" font-size="14" fill="#555">Aucun flux entre organisations ce mois-ci.</text></svg>`;
  }
  const max = Math.max(1, ...flows.flatMap((f) => [f.owedToPlaceCents, f.owedByPlaceCents]));
  const scale = (WIDTH - LABEL - 110) / max;
  const height = flows.length * ROW + 40;
  const rows = flows
    .map((f, i) => {
      const y = 10 + i * ROW;
      const inW = Math.max(f.owedToPlaceCents > 0 ? 2 : 0, Math.round(f.owedToPlaceCents * scale));
      const outW = Math.max(f.owedByPlaceCents > 0 ? 2 : 0, Math.round(f.owedByPlaceCents * scale));
      return [
        `<text x="${LABEL - 8}" y="${y + BAR + 4}" text-anchor="end" font-size="13">${escapeHtml(f.name)}</text>`,
        `<rect x="${LABEL}" y="${y}" width="${inW}" height="${BAR}" fill="#2e7d32"><title>${escapeHtml(f.name)} → ${escapeHtml(placeName)} : ${euros(f.owedToPlaceCents)}</title></rect>`,
        `<text x="${LABEL + inW + 6}" y="${y + 12}" font-size="11">${euros(f.owedToPlaceCents)}</text>`,
        `<rect x="${LABEL}" y="${y + BAR + 2}" width="${outW}" height="${BAR}" fill="#ef6c00"><title>${escapeHtml(placeName)} → ${escapeHtml(f.name)} : ${euros(f.owedByPlaceCents)}</title></rect>`,
        `<text x="${LABEL + outW + 6}" y="${y + BAR + 14}" font-size="11">${euros(f.owedByPlaceCents)}</text>`,
      ].join('');
    })
    .join('\n');
  const legendY = height - 14;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="flux-titre" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<title id="flux-titre">Flux du mois entre ${escapeHtml(placeName)} et les autres organisations</title>`,
    rows,
    `<rect x="${LABEL}" y="${legendY - 10}" width="12" height="12" fill="#2e7d32"/><text x="${LABEL + 18}" y="${legendY}" font-size="12">dû au lieu</text>`,
    `<rect x="${LABEL + 120}" y="${legendY - 10}" width="12" height="12" fill="#ef6c00"/><text x="${LABEL + 138}" y="${legendY}" font-size="12">dû par le lieu</text>`,
    `</svg>`,
  ].join('\n');
}
