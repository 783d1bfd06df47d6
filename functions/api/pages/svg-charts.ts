/**
 * Inline SVG charts for the public and printable pages (bilan, statistiques): plain
 * markup with presentation attributes only, no script, no style attribute (the pages'
 * CSP allows neither). Each chart carries a <title> and its figures as text, so it reads
 * without colours and prints in black and white.
 */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Bar {
  label: string;
  value: number;
  /** Fill colour; default the network's green. */
  colour?: string;
}

const WIDTH = 720;

/** Horizontal bars, one per label, with the formatted value at the end of each bar. */
export function horizontalBarChart(o: { title: string; bars: Bar[]; format: (n: number) => string; labelWidth?: number }): string {
  const label = o.labelWidth ?? 230;
  const row = 28;
  if (!o.bars.length) return emptyChart(o.title);
  const max = Math.max(1, ...o.bars.map((b) => Math.abs(b.value)));
  const scale = (WIDTH - label - 130) / max;
  const height = o.bars.length * row + 16;
  const rows = o.bars.map((b, i) => {
    const y = 8 + i * row;
    const w = Math.max(b.value ? 2 : 0, Math.round(Math.abs(b.value) * scale));
    return `<text x="${label - 8}" y="${y + 15}" text-anchor="end" font-size="13">${esc(b.label)}</text><rect x="${label}" y="${y}" width="${w}" height="20" fill="${b.colour ?? '#2e7d32'}"><title>${esc(b.label)} : ${esc(o.format(b.value))}</title></rect><text x="${label + w + 6}" y="${y + 15}" font-size="12">${esc(o.format(b.value))}</text>`;
  });
  return svg(o.title, height, rows.join(''));
}

/** Columns per period (months), one or more series side by side, with a legend. */
export function columnChart(o: { title: string; periods: string[]; series: { name: string; colour: string; values: number[] }[]; format?: (n: number) => string }): string {
  const format = o.format ?? ((n: number) => String(n));
  if (!o.periods.length) return emptyChart(o.title);
  const top = 24;
  const plot = 170;
  const height = top + plot + 60;
  const max = Math.max(1, ...o.series.flatMap((s) => s.values));
  const slot = (WIDTH - 40) / o.periods.length;
  const barW = Math.max(3, Math.floor((slot - 6) / o.series.length));
  const parts: string[] = [`<line x1="30" y1="${top + plot}" x2="${WIDTH - 5}" y2="${top + plot}" stroke="#555" stroke-width="1"/>`];
  o.periods.forEach((p, i) => {
    const x0 = 34 + i * slot;
    o.series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      const h = Math.round((v / max) * plot);
      const x = x0 + k * barW;
      parts.push(`<rect x="${x.toFixed(1)}" y="${top + plot - h}" width="${barW - 1}" height="${h}" fill="${s.colour}"><title>${esc(p)} — ${esc(s.name)} : ${esc(format(v))}</title></rect>`);
      if (v && o.periods.length <= 12) parts.push(`<text x="${(x + (barW - 1) / 2).toFixed(1)}" y="${top + plot - h - 4}" text-anchor="middle" font-size="10">${esc(format(v))}</text>`);
    });
    parts.push(`<text x="${(x0 + (slot - 6) / 2).toFixed(1)}" y="${top + plot + 16}" text-anchor="middle" font-size="11">${esc(p)}</text>`);
  });
  o.series.forEach((s, k) => {
    const x = 34 + k * 200;
    parts.push(`<rect x="${x}" y="${height - 22}" width="12" height="12" fill="${s.colour}"/><text x="${x + 18}" y="${height - 12}" font-size="12">${esc(s.name)}</text>`);
  });
  return svg(o.title, height, parts.join(''));
}

function emptyChart(title: string): string {
  return svg(title, 40, `<text x="0" y="24" font-size="14" fill="#555">Aucune donnée pour l’instant.</text>`);
}

function svg(title: string, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif"><title>${esc(title)}</title>${body}</svg>`;
}
