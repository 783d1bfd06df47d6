/**
 * The member places in the national « Lieux de médiation numérique » standard
 * (LaMednum/standard-mediation-num v1.0.2, table schema in ../shared/contracts/opendata/).
 * A place goes into the file only when every required column can be filled truthfully;
 * the others are listed in the report with their reasons.
 */
import type { Place } from '../../../schemas/place.js';
import { findCommune } from '../../../integrations/geo/commune-lookup.js';
import { todayInParis } from '../mobility/periods.js';
import { NETWORK_NAME } from './network.js';

/** The standard's columns, in its order (the header row). */
export const MEDIATION_COLUMNS = [
  'id', 'pivot', 'nom', 'commune', 'code_postal', 'code_insee', 'adresse', 'complement_adresse', 'latitude', 'longitude',
  'typologie', 'telephone', 'courriels', 'site_web', 'horaires', 'presentation_resume', 'presentation_detail', 'source',
  'itinerance', 'structure_parente', 'date_maj', 'services', 'publics_specifiquement_adresses', 'prise_en_charge_specifique',
  'frais_a_charge', 'dispositif_programmes_nationaux', 'formations_labels', 'autres_formations_labels', 'modalites_acces',
  'modalites_accompagnement', 'fiche_acces_libre', 'prise_rdv',
] as const;
export type MediationRow = Record<(typeof MEDIATION_COLUMNS)[number], string>;

export interface ExcludedPlace {
  placeId: string;
  name: string;
  reasons: string[];
}

const RESUME_MAX = 280;

/** `05 53 00 00 00`, `+33 5 53…`, `0553000000` → `+33553000000`; anything else is left out (the column is optional). */
export function internationalPhone(phone: string | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/[\s.\-()]/g, '');
  const national = /^0(\d{9})$/.exec(digits);
  if (national) return `+33${national[1]}`;
  if (/^\+33\d{9}$/.test(digits)) return digits;
  return '';
}

function resume(description: string | undefined): { resume: string; detail: string } {
  const text = (description ?? '').replace(/\s+/g, ' ').trim();
  if (text.length <= RESUME_MAX) return { resume: text, detail: '' };
  const cut = text.slice(0, RESUME_MAX - 1);
  const atWord = cut.lastIndexOf(' ') > RESUME_MAX / 2 ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return { resume: `${atWord}…`, detail: text };
}

function isFablab(p: Place): boolean {
  return p.tags.some((t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '') === 'fablab');
}

/** One place → its row, or the reasons it cannot be published. */
export function placeToMediationRow(p: Place): { row: MediationRow } | { excluded: ExcludedPlace } {
  const reasons: string[] = [];
  if (!p.legalId) reasons.push('numéro SIRET ou RNA (legalId) manquant');
  if (!p.address.street) reasons.push('adresse (voie) manquante');
  const commune = findCommune(p.address.postcode, p.address.commune);
  if (!commune) reasons.push(`la commune « ${p.address.commune} » n’existe pas avec le code postal ${p.address.postcode}`);
  if (reasons.length) return { excluded: { placeId: p.id, name: p.name, reasons } };
  const text = resume(p.description);
  const row: MediationRow = Object.fromEntries(MEDIATION_COLUMNS.map((c) => [c, ''])) as MediationRow;
  Object.assign(row, {
    id: p.id,
    pivot: p.legalId!,
    nom: p.name,
    commune: commune!.name,
    code_postal: p.address.postcode,
    code_insee: commune!.inseeCode,
    adresse: p.address.street!,
    latitude: p.location ? String(p.location.lat) : '',
    longitude: p.location ? String(p.location.lon) : '',
    typologie: isFablab(p) ? 'TIERS_LIEUX|FABLAB' : 'TIERS_LIEUX',
    telephone: internationalPhone(p.phone),
    courriels: p.email ?? '',
    site_web: p.website ?? '',
    horaires: p.openingHours ?? '',
    presentation_resume: text.resume,
    presentation_detail: text.detail,
    source: NETWORK_NAME,
    itinerance: 'Fixe',
    structure_parente: NETWORK_NAME,
    // The day a person last checked the record; a record never checked is dated by its last change.
    date_maj: todayInParis(new Date(p.verifiedAt ?? p.updatedAt)),
  } satisfies Partial<MediationRow>);
  return { row };
}

/** The member places (not archived), split into published rows and excluded places, by name. */
export function buildMediationDataset(places: Place[]): { rows: MediationRow[]; excluded: ExcludedPlace[] } {
  const rows: MediationRow[] = [];
  const excluded: ExcludedPlace[] = [];
  const members = places.filter((p) => !p.archivedAt && p.membership === 'member').sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  for (const p of members) {
    const r = placeToMediationRow(p);
    if ('row' in r) rows.push(r.row);
    else excluded.push(r.excluded);
  }
  return { rows, excluded };
}

/** RFC 4180: comma-separated, every field quoted (as the standard's example), CRLF, UTF-8 without BOM. */
export function mediationCsv(rows: MediationRow[]): string {
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = [MEDIATION_COLUMNS.map(q).join(','), ...rows.map((r) => MEDIATION_COLUMNS.map((c) => q(r[c])).join(','))];
  return lines.join('\r\n') + '\r\n';
}
