/**
 * A map-like SVG of the places: each located place is a numbered dot at its position
 * (equirectangular projection, longitudes shrunk by cos(latitude) so distances look right
 * at the latitude of the network), the numbers matching the list under it. No tiles, no
 * script, no request: it prints, and it works offline. Presentation attributes only
 * (fill, stroke, font-size): the pages' CSP forbids style attributes.
 */
export interface MapPlace {
  name: string;
  commune: string;
  location?: { lat: number; lon: number };
}

const WIDTH = 640;
const MARGIN = 48;

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The SVG markup, or undefined when no place has a position. `places` keep their order (their number is index + 1). */
export function placesMapSvg(places: MapPlace[], title: string): string | undefined {
  const located = places.map((p, i) => ({ ...p, n: i + 1 })).filter((p): p is MapPlace & { n: number; location: { lat: number; lon: number } } => Boolean(p.location));
  if (!located.length) return undefined;
  const lats = located.map((p) => p.location.lat);
  const lons = located.map((p) => p.location.lon);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  // At least ~0.3° each way, so one place or places in one town still make a readable map.
  const spanX = Math.max((Math.max(...lons) - Math.min(...lons)) * k, 0.3);
  const spanY = Math.max(Math.max(...lats) - Math.min(...lats), 0.3);
  // The height follows the network's shape (between a band and a square), so the map has no empty half.
  const HEIGHT = Math.round(Math.min(Math.max(((WIDTH - 2 * MARGIN) * spanY) / spanX + 2 * MARGIN, 260), WIDTH));
  const scale = Math.min((WIDTH - 2 * MARGIN) / spanX, (HEIGHT - 2 * MARGIN) / spanY);
  const cx = ((Math.min(...lons) + Math.max(...lons)) / 2) * k;
  const cy = midLat;
  const x = (lon: number) => WIDTH / 2 + (lon * k - cx) * scale;
  const y = (lat: number) => HEIGHT / 2 - (lat - cy) * scale;
  const dots = located
    .map((p) => {
      const px = x(p.location.lon).toFixed(1);
      const py = y(p.location.lat).toFixed(1);
      // The commune next to the dot, on the side with room.
      const right = Number(px) < WIDTH - 150;
      const label = `<text x="${(Number(px) + (right ? 15 : -15)).toFixed(1)}" y="${py}" dy="4" text-anchor="${right ? 'start' : 'end'}" font-size="12" fill="#1d2521">${esc(p.commune)}</text>`;
      return `<g><title>${esc(`${p.n}. ${p.name} — ${p.commune}`)}</title><circle cx="${px}" cy="${py}" r="11" fill="#2f6b4f" stroke="#ffffff" stroke-width="2"/><text x="${px}" y="${py}" dy="4" text-anchor="middle" font-size="11" font-weight="700" fill="#ffffff">${p.n}</text>${label}</g>`;
    })
    .join('');
  // A scale bar of 10 km (1° of latitude ≈ 111 km) so the map reads as a map.
  const tenKm = (10 / 111) * scale;
  const x0 = WIDTH - 16 - tenKm;
  const bar = `<g><line x1="${x0.toFixed(1)}" y1="${HEIGHT - 12}" x2="${WIDTH - 16}" y2="${HEIGHT - 12}" stroke="#1d2521" stroke-width="2"/><text x="${WIDTH - 16}" y="${HEIGHT - 18}" text-anchor="end" font-size="11" fill="#1d2521">10 km</text></g>`;
  return `<svg class="tl-map" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="tl-map-title" xmlns="http://www.w3.org/2000/svg"><title id="tl-map-title">${esc(title)}</title><rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" rx="12" fill="#eef3ec" stroke="#c9d6c4"/><text x="${WIDTH - 16}" y="24" text-anchor="end" font-size="14" fill="#4a5a50">N ↑</text>${dots}${bar}</svg>`;
}
