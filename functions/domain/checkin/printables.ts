/**
 * The printed things of the check-in: the A4 poster of a place and the member card of a person,
 * as SVG (the HTML pages embed the same drawing). The QR code is encoded by the `qrcode`
 * library; this module only draws its modules as one SVG path.
 */
import QRCode from 'qrcode';

function xml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** The QR code of `text` drawn at (x, y), `size` wide, with a white quiet zone of 4 modules. */
export function qrCodeSvg(text: string, x: number, y: number, size: number): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const cell = size / (n + 8);
  let path = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) if (modules.get(row, col)) path += `M${col + 4} ${row + 4}h1v1h-1z`;
  }
  return `<g transform="translate(${x} ${y}) scale(${cell})"><rect width="${n + 8}" height="${n + 8}" fill="#fff"/><path d="${path}" fill="#000" shape-rendering="crispEdges"/></g>`;
}

export const POSTER_LINES = ['Scannez ce code avec le téléphone qui garde votre carte de membre : votre journée est enregistrée.', 'Pas de carte sur ce téléphone ? La page vous demandera le code imprimé sur votre carte.'];

/** A4 portrait (millimetres): the place's name, the QR code to its check-in link, two lines. */
export function posterSvg(placeName: string, commune: string, url: string): string {
  const name = xml(placeName);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 210 297" width="210mm" height="297mm" role="img" aria-label="Affiche de passage — ${name}">
<rect width="210" height="297" fill="#fff"/>
<text x="105" y="30" text-anchor="middle" font-family="sans-serif" font-size="9" fill="#555">Réseau des tiers-lieux — passage de coworker</text>
<text x="105" y="50" text-anchor="middle" font-family="sans-serif" font-size="${placeName.length > 28 ? 10 : 14}" font-weight="bold" fill="#000">${name}</text>
<text x="105" y="60" text-anchor="middle" font-family="sans-serif" font-size="7" fill="#333">${xml(commune)}</text>
${qrCodeSvg(url, 35, 72, 140)}
<text x="105" y="232" text-anchor="middle" font-family="sans-serif" font-size="5.2" fill="#000">${xml(POSTER_LINES[0]!)}</text>
<text x="105" y="242" text-anchor="middle" font-family="sans-serif" font-size="5.2" fill="#000">${xml(POSTER_LINES[1]!)}</text>
<text x="105" y="280" text-anchor="middle" font-family="monospace" font-size="3" fill="#777">${xml(url)}</text>
</svg>`;
}

/** A bank-card sized member card (85.6 × 54 mm): name, home place, personal code, QR code. */
export function cardSvg(displayName: string, homePlaceName: string | undefined, url: string, code: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 85.6 54" width="85.6mm" height="54mm" role="img" aria-label="Carte de membre — ${xml(displayName)}">
<rect x="0.3" y="0.3" width="85" height="53.4" rx="3" fill="#fff" stroke="#333" stroke-width="0.4"/>
<text x="5" y="9" font-family="sans-serif" font-size="3.2" fill="#555">Réseau des tiers-lieux — carte de membre</text>
<text x="5" y="18" font-family="sans-serif" font-size="5" font-weight="bold" fill="#000">${xml(displayName)}</text>
${homePlaceName ? `<text x="5" y="24" font-family="sans-serif" font-size="3.2" fill="#333">Lieu d’attache : ${xml(homePlaceName)}</text>` : ''}
<text x="5" y="37" font-family="sans-serif" font-size="3" fill="#555">Code personnel</text>
<text x="5" y="44" font-family="monospace" font-size="5.5" font-weight="bold" fill="#000">${xml(code)}</text>
${qrCodeSvg(url, 52, 16, 32)}
</svg>`;
}
