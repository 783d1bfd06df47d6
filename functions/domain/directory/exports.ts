import type { Place } from '../../../schemas/place.js';
import { categoryLabel } from '../../../schemas/resource-categories.js';
import type { ResourceListItem } from './search-resources.js';

/** RFC 7946 FeatureCollection; coordinates are `[lon, lat]`. Places without location are left out. */
export function placesToGeoJson(places: Place[], baseUrl?: string) {
  return {
    type: 'FeatureCollection' as const,
    features: places
      .filter((p) => p.location)
      .map((p) => ({
        type: 'Feature' as const,
        id: p.id,
        geometry: { type: 'Point' as const, coordinates: [p.location!.lon, p.location!.lat] },
        properties: {
          name: p.name,
          commune: p.address.commune,
          postcode: p.address.postcode,
          tags: p.tags,
          website: p.website ?? null,
          url: baseUrl ? `${baseUrl}/v1/places/${p.id}` : `/v1/places/${p.id}`,
        },
      })),
  };
}

const RATE_COLUMNS = [
  ['hour', 'Tarif heure (€)'],
  ['half_day', 'Tarif demi-journée (€)'],
  ['day', 'Tarif journée (€)'],
  ['week', 'Tarif semaine (€)'],
  ['month', 'Tarif mois (€)'],
] as const;

const KIND_LABELS = { space: 'Espace', equipment: 'Matériel', other: 'Autre' } as const;

/** Euros with a decimal comma, as a French spreadsheet reads them. */
export function formatEuros(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',');
}

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  // Cells starting with = + - @ are formulas in spreadsheets: neutralise them.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * CSV for French spreadsheet programs: UTF-8 with BOM (accents intact),
 * semicolon separator, decimal comma, CRLF line ends.
 */
export function resourcesToCsv(items: ResourceListItem[]): string {
  const header = ['ID', 'Lieu', 'Commune', 'Type', 'Catégorie', 'Nom', 'Description', 'Capacité', 'Surface (m²)', 'Usages', 'Quantité', ...RATE_COLUMNS.map((c) => c[1]), 'Prêt hors les murs', 'Caution (€)', 'Formation requise', 'Conditions', 'Lien de réservation', 'Dernière vérification'];
  const lines = [header.map(csvCell).join(';')];
  for (const r of items) {
    const rate = (unit: string) => {
      const x = r.rates.find((k) => k.unit === unit && k.audience === 'public') ?? r.rates.find((k) => k.unit === unit);
      return x ? formatEuros(x.amountCents) : '';
    };
    lines.push(
      [
        r.id,
        r.place.name,
        r.place.commune,
        KIND_LABELS[r.kind],
        categoryLabel(r.category),
        r.name,
        r.description,
        r.capacity,
        r.surfaceM2 !== undefined ? String(r.surfaceM2).replace('.', ',') : '',
        r.uses.join(', '),
        r.quantity,
        ...RATE_COLUMNS.map((c) => rate(c[0])),
        r.sharing ? (r.sharing.lendable ? 'Oui' : 'Non') : '',
        r.sharing?.depositCents !== undefined ? formatEuros(r.sharing.depositCents) : '',
        r.sharing?.trainingRequired ? 'Oui' : r.sharing ? 'Non' : '',
        r.sharing?.conditions,
        r.bookingUrl,
        r.verifiedAt ? r.verifiedAt.slice(0, 10) : '',
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
