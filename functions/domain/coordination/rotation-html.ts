/**
 * A rotation plan as a French page body: an SVG map of the base and the places (an
 * equirectangular projection is exact enough at the scale of a département) with each
 * day's tour drawn from the base and back, and the list of days. No script, no style attribute.
 */
import { escapeHtml as h } from '../text/fr.js';
import { dayInWordsFallback } from './day-words.js';
import type { Rotation } from '../../../schemas/coordination.js';

export interface MapPoint {
  id: string;
  name: string;
  lat: number;
  lon: number;
}

const COLORS = ['#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#c62828', '#00838f', '#9e9d24', '#4e342e'];

export const ROTATION_CSS = `.rota table{border-collapse:collapse;width:100%;font-size:.9rem}
.rota th,.rota td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left}
.rota td.num{text-align:right;white-space:nowrap}.rota .muted{color:#555}
.rota figure{margin:0}.rota svg{max-width:100%;height:auto}`;

export function rotationMapSvg(r: Rotation, base: MapPoint, points: ReadonlyMap<string, MapPoint>): string {
  const all = [base, ...points.values()];
  const W = 720;
  const H = 520;
  const pad = 40;
  const k = Math.cos((base.lat * Math.PI) / 180);
  const xs = all.map((p) => p.lon * k);
  const ys = all.map((p) => p.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((W - 2 * pad) / Math.max(1e-6, maxX - minX), (H - 2 * pad) / Math.max(1e-6, maxY - minY));
  const px = (p: MapPoint) => [Math.round(pad + (p.lon * k - minX) * scale), Math.round(H - pad - (p.lat - minY) * scale)] as const;
  const tours = r.days
    .filter((d) => d.stops.length)
    .map((d, i) => {
      const pts = [base, ...d.stops.map((s) => points.get(s.placeId)).filter((p): p is MapPoint => !!p), base].map(px);
      return `<polyline points="${pts.map(([x, y]) => `${x},${y}`).join(' ')}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2" stroke-opacity="0.7"><title>${h(d.date)} : ${h(d.stops.map((s) => s.placeName).join(' → '))} (${String(d.km).replace('.', ',')} km)</title></polyline>`;
    })
    .join('\n');
  const dots = [...points.values()]
    .map((p) => {
      const [x, y] = px(p);
      return `<circle cx="${x}" cy="${y}" r="6" fill="#fff" stroke="#333" stroke-width="2"><title>${h(p.name)}</title></circle><text x="${x + 9}" y="${y + 4}" font-size="12">${h(p.name)}</text>`;
    })
    .join('\n');
  const [bx, by] = px(base);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="carte-titre" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
    `<title id="carte-titre">Carte des lieux et des tournées depuis ${h(base.name)}</title>`,
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#f7f7f2"/>`,
    tours,
    dots,
    `<rect x="${bx - 8}" y="${by - 8}" width="16" height="16" fill="#333"><title>Base : ${h(base.name)}</title></rect><text x="${bx + 11}" y="${by + 5}" font-size="13" font-weight="bold">${h(base.name)} (base)</text>`,
    `</svg>`,
  ].join('\n');
}

export function rotationBodyHtml(r: Rotation, base: MapPoint, points: ReadonlyMap<string, MapPoint>, icsUrl: string): string {
  const rows = r.days
    .map((d) => `<tr><td>${h(dayInWordsFallback(d.date))}</td><td>${d.stops.length ? h(d.stops.map((s) => s.placeName).join(' → ')) : '<span class="muted">—</span>'}</td><td class="num">${String(d.km).replace('.', ',')} km</td></tr>`)
    .join('');
  const shares = r.visitsPerPlace.map((v) => `<tr><td>${h(v.placeName)}</td><td class="num">${String(v.weight).replace('.', ',')}</td><td class="num">${v.visits}</td></tr>`).join('');
  const skipped = r.skipped.length ? `<p class="muted">Non planifiés : ${r.skipped.map((s) => `${h(s.placeName)} (${h(s.reason)})`).join(' ; ')}.</p>` : '';
  return `<div class="rota">
<p>Départ et retour chaque jour : <strong>${h(r.basePlaceName)}</strong>. ${r.maxPlacesPerDay} lieux par jour au plus. Total estimé : ${String(r.totalKm).replace('.', ',')} km par la route (distance à vol d’oiseau × ${String(r.roadFactor).replace('.', ',')}).</p>
<p><a href="${h(icsUrl)}">Ajouter le plan à un agenda (.ics)</a></p>
<section><h2>Carte</h2><figure>${rotationMapSvg(r, base, points)}</figure></section>
<section><h2>Jour par jour</h2><table><thead><tr><th>Jour</th><th>Tournée (dans l’ordre)</th><th class="num">Km</th></tr></thead><tbody>${rows}</tbody></table></section>
<section><h2>Visites par lieu</h2><table><thead><tr><th>Lieu</th><th class="num">Poids</th><th class="num">Visites</th></tr></thead><tbody>${shares}</tbody></table>${skipped}
<p class="muted">Chaque lieu est visité au moins une fois quand les jours le permettent ; les autres visites sont réparties en proportion des poids (plus forts restes) ; la personne coordinatrice anime, relie et transmet, sans jamais remplacer le gestionnaire du lieu.</p></section>
</div>`;
}
