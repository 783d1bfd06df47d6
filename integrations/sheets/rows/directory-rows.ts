/**
 * Rows of the Lieux, Ressources and Personnes tabs ↔ directory records.
 * `parse` reads a row into a full input (every field the sheet owns, empty =
 * cleared); `render` writes a record as the sheet shows it.
 */
import type { DirectoryType } from '../../dynamodb/keys.js';
import { categoryCode, categoryLabel } from '../../../schemas/resource-categories.js';
import type { Place } from '../../../schemas/place.js';
import type { Resource, Rate } from '../../../schemas/resource.js';
import type { Person } from '../../../schemas/person.js';
import { RATE_HEADERS, VERIFIED, ID, type RowCells } from '../columns.js';
import { CellError, cleanCell, foldText, formatList, formatMoney, formatNumber, formatYesNo, parseInteger, parseList, parseMoneyCents, parseNumber, parseYesNo } from '../values.js';
import { RowReader, compact, finish, formatFreshness, type ParseResult } from '../row-reader.js';
import type { NameIndex } from '../place-refs.js';

export interface RowContext {
  places: NameIndex;
  people: NameIndex;
  now: Date;
  /** Canonical headers present in the sheet (optional columns are managed only when present). */
  presentHeaders: ReadonlySet<string>;
}

export interface DirectoryCodec {
  tab: 'Lieux' | 'Ressources' | 'Personnes';
  type: DirectoryType;
  /** Input fields the sheet owns; a row update sets them all (null clears), others stay untouched. */
  managedFields: readonly string[];
  /** First segment of a validation path → the column to name in the refusal. */
  fieldHeaders: Record<string, string>;
  parse(cells: RowCells, ctx: RowContext, existing?: Record<string, unknown>): ParseResult;
  render(record: Record<string, unknown>, ctx: RowContext): RowCells;
}

export const placeCodec: DirectoryCodec = {
  tab: 'Lieux',
  type: 'place',
  managedFields: ['name', 'description', 'address', 'location', 'website', 'email', 'phone', 'tags', 'openingHours', 'accessibility', 'mobility'],
  fieldHeaders: { name: 'Nom', description: 'Description', 'address.street': 'Adresse', 'address.postcode': 'Code postal', 'address.commune': 'Commune', address: 'Adresse', location: 'Latitude', website: 'Site web', email: 'Email', phone: 'Téléphone', tags: 'Étiquettes', openingHours: 'Horaires', accessibility: 'Accessibilité', mobility: 'Accueille des visiteurs', 'mobility.dailyVisitorCapacity': 'Visiteurs par jour', 'mobility.preferentialDayRateCents': 'Tarif réseau journée (€)' },
  parse(cells) {
    const r = new RowReader(cells);
    const lat = r.read('Latitude', parseNumber);
    const lon = r.read('Longitude', parseNumber);
    if ((lat === undefined) !== (lon === undefined)) r.fail(lat === undefined ? 'Latitude' : 'Longitude', 'renseignez la latitude et la longitude, ou aucune des deux');
    const mobilityCells = ['Accueille des visiteurs', 'Visiteurs par jour', 'Tarif réseau journée (€)'].some((h) => r.text(h) !== undefined);
    const mobility = mobilityCells
      ? { acceptsVisitors: r.read('Accueille des visiteurs', parseYesNo) ?? false, dailyVisitorCapacity: r.read('Visiteurs par jour', parseInteger) ?? 0, preferentialDayRateCents: r.read('Tarif réseau journée (€)', parseMoneyCents) ?? 0 }
      : undefined;
    const input = compact({
      name: r.required('Nom'),
      description: r.text('Description'),
      address: compact({ street: r.text('Adresse'), postcode: r.required('Code postal'), commune: r.required('Commune') }),
      location: lat !== undefined && lon !== undefined ? { lat, lon } : undefined,
      website: r.text('Site web'),
      email: r.text('Email'),
      phone: r.text('Téléphone'),
      tags: parseList(cells['Étiquettes']),
      openingHours: r.text('Horaires'),
      accessibility: r.text('Accessibilité'),
      mobility,
    });
    return finish(r, input);
  },
  render(rec, ctx) {
    const p = rec as unknown as Place;
    return {
      [ID]: p.id,
      Nom: p.name,
      Description: p.description ?? '',
      Adresse: p.address.street ?? '',
      'Code postal': p.address.postcode,
      Commune: p.address.commune,
      Latitude: formatNumber(p.location?.lat),
      Longitude: formatNumber(p.location?.lon),
      'Site web': p.website ?? '',
      Email: p.email ?? '',
      Téléphone: p.phone ?? '',
      Étiquettes: formatList(p.tags),
      Horaires: p.openingHours ?? '',
      Accessibilité: p.accessibility ?? '',
      'Accueille des visiteurs': formatYesNo(p.mobility?.acceptsVisitors),
      'Visiteurs par jour': p.mobility ? String(p.mobility.dailyVisitorCapacity) : '',
      'Tarif réseau journée (€)': formatMoney(p.mobility?.preferentialDayRateCents),
      [VERIFIED]: formatFreshness(p, ctx.now),
    };
  },
};

const KINDS: Record<string, Resource['kind']> = { espace: 'space', space: 'space', materiel: 'equipment', equipment: 'equipment', autre: 'other', other: 'other' };
const KIND_LABELS: Record<Resource['kind'], string> = { space: 'Espace', equipment: 'Matériel', other: 'Autre' };

function parseKind(v: string | undefined): Resource['kind'] {
  const k = KINDS[foldText(v ?? '')];
  if (!k) throw new CellError(`« ${cleanCell(v)} » : Espace, Matériel ou Autre attendu`);
  return k;
}

/** The sheet shows the French label and accepts the label or the code. */
const categoryCodeOf = (typed: string | undefined) => (typed === undefined ? undefined : categoryCode(typed));

export const resourceCodec: DirectoryCodec = {
  tab: 'Ressources',
  type: 'resource',
  managedFields: ['placeId', 'kind', 'category', 'name', 'description', 'capacity', 'surfaceM2', 'uses', 'quantity', 'rates', 'sharing', 'bookingUrl'],
  fieldHeaders: { placeId: 'Lieu', kind: 'Type', category: 'Catégorie', name: 'Nom', description: 'Description', capacity: 'Capacité', surfaceM2: 'Surface (m²)', uses: 'Usages', quantity: 'Quantité', rates: 'Tarif journée (€)', sharing: 'Prêt hors les murs', 'sharing.depositCents': 'Caution (€)', 'sharing.conditions': 'Conditions', bookingUrl: 'Lien de réservation' },
  parse(cells, ctx, existing) {
    const r = new RowReader(cells);
    // Rates the sheet does not show (member rates, per-unit rates, network rates without their column) are kept.
    const managed = (rate: Rate) => RATE_HEADERS.some(([unit, , network]) => rate.unit === unit && (rate.audience === 'public' || (rate.audience === 'network' && ctx.presentHeaders.has(network))));
    const rates: Rate[] = ((existing?.rates as Rate[] | undefined) ?? []).filter((x) => !managed(x));
    for (const [unit, pub, network] of RATE_HEADERS) {
      const p = r.read(pub, parseMoneyCents);
      if (p !== undefined) rates.push({ unit, amountCents: p, audience: 'public' });
      if (ctx.presentHeaders.has(network)) {
        const n = r.read(network, parseMoneyCents);
        if (n !== undefined) rates.push({ unit, amountCents: n, audience: 'network' });
      }
    }
    const sharingCells = ['Prêt hors les murs', 'Caution (€)', 'Formation requise', 'Conditions'].some((h) => r.text(h) !== undefined);
    const sharing = sharingCells
      ? compact({ lendable: r.read('Prêt hors les murs', parseYesNo) ?? false, depositCents: r.read('Caution (€)', parseMoneyCents), trainingRequired: r.read('Formation requise', parseYesNo), conditions: r.text('Conditions') })
      : undefined;
    const input = compact({
      placeId: r.required('Lieu') && r.read('Lieu', (v) => ctx.places.resolve(v)),
      kind: r.required('Type') && r.read('Type', parseKind),
      category: categoryCodeOf(r.required('Catégorie')),
      name: r.required('Nom'),
      description: r.text('Description'),
      capacity: r.read('Capacité', parseInteger),
      surfaceM2: r.read('Surface (m²)', parseNumber),
      uses: parseList(cells['Usages']),
      quantity: r.read('Quantité', parseInteger) ?? 1,
      rates,
      sharing,
      bookingUrl: r.text('Lien de réservation'),
    });
    return finish(r, input);
  },
  render(rec, ctx) {
    const x = rec as unknown as Resource;
    const rate = (unit: string, audience: string) => formatMoney(x.rates.find((k) => k.unit === unit && k.audience === audience)?.amountCents);
    const cells: RowCells = {
      [ID]: x.id,
      Lieu: ctx.places.label(x.placeId),
      Type: KIND_LABELS[x.kind],
      Catégorie: categoryLabel(x.category),
      Nom: x.name,
      Description: x.description ?? '',
      Capacité: x.capacity === undefined ? '' : String(x.capacity),
      'Surface (m²)': formatNumber(x.surfaceM2),
      Usages: formatList(x.uses),
      Quantité: String(x.quantity),
      'Prêt hors les murs': formatYesNo(x.sharing?.lendable),
      'Caution (€)': formatMoney(x.sharing?.depositCents),
      'Formation requise': formatYesNo(x.sharing?.trainingRequired),
      Conditions: x.sharing?.conditions ?? '',
      'Lien de réservation': x.bookingUrl ?? '',
      [VERIFIED]: formatFreshness(x, ctx.now),
    };
    for (const [unit, pub, network] of RATE_HEADERS) {
      cells[pub] = rate(unit, 'public');
      if (ctx.presentHeaders.has(network)) cells[network] = rate(unit, 'network');
    }
    return cells;
  },
};

export const personCodec: DirectoryCodec = {
  tab: 'Personnes',
  type: 'person',
  managedFields: ['homePlaceId', 'displayName', 'email', 'phone', 'skills', 'bio', 'publicProfile'],
  fieldHeaders: { homePlaceId: "Lieu d'attache", displayName: 'Nom affiché', email: 'Email', phone: 'Téléphone', skills: 'Compétences', bio: 'Présentation', publicProfile: 'Profil public' },
  parse(cells, ctx, existing) {
    const r = new RowReader(cells);
    // Skill levels are not in the sheet: keep the known level of a skill that stays.
    const levels = new Map(((existing?.skills as Person['skills'] | undefined) ?? []).map((s) => [foldText(s.name), s.level]));
    const skills = parseList(cells['Compétences']).map((name) => compact({ name, level: levels.get(foldText(name)) }));
    const input = compact({
      homePlaceId: r.required("Lieu d'attache") && r.read("Lieu d'attache", (v) => ctx.places.resolve(v)),
      displayName: r.required('Nom affiché'),
      email: r.text('Email'),
      phone: r.text('Téléphone'),
      skills,
      bio: r.text('Présentation'),
      publicProfile: r.read('Profil public', parseYesNo) ?? false,
    });
    return finish(r, input);
  },
  render(rec, ctx) {
    const p = rec as unknown as Person;
    return {
      [ID]: p.id,
      'Nom affiché': p.displayName,
      "Lieu d'attache": ctx.places.label(p.homePlaceId),
      Email: p.email ?? '',
      Téléphone: p.phone ?? '',
      Compétences: formatList(p.skills.map((s) => s.name)),
      Présentation: p.bio ?? '',
      'Profil public': formatYesNo(p.publicProfile),
      [VERIFIED]: formatFreshness(p, ctx.now),
    };
  },
};

export const DIRECTORY_CODECS = [placeCodec, resourceCodec, personCodec] as const;
