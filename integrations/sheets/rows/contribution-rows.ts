/**
 * Rows of the Bénévolat tab ↔ volunteer contributions (POST /v1/contributions). The kind is
 * read from what the row says: hours (time), km (mileage), or a resource lent / a value (in kind).
 */
import type { Contribution } from '../../../schemas/contribution.js';
import { CONTRIBUTION_LEVELS } from '../../../schemas/contribution.js';
import type { RateUnit } from '../../../schemas/resource.js';
import { ID, type RowCells } from '../columns.js';
import { CellError, cleanCell, foldText, formatDay, formatMoney, formatNumber, formatYesNo, parseDay, parseInteger, parseMoneyCents, parseNumber, parseYesNo } from '../values.js';
import { RowReader, compact, finish, type ParseResult } from '../row-reader.js';
import type { NameIndex } from '../place-refs.js';
import type { RowContext } from './directory-rows.js';

type Level = (typeof CONTRIBUTION_LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = { execution: 'Exécution', supervision: 'Encadrement', expertise: 'Expertise' };
export const UNIT_LABELS: Record<RateUnit, string> = { hour: 'heure', half_day: 'demi-journée', day: 'journée', week: 'semaine', month: 'mois', unit: 'unité' };

const fromLabels = <K extends string>(labels: Record<K, string>, extra: Record<string, K> = {}) => {
  const m = new Map<string, K>();
  for (const [code, label] of Object.entries(labels) as [K, string][]) {
    m.set(foldText(label), code);
    m.set(foldText(code), code);
  }
  for (const [k, v] of Object.entries(extra)) m.set(foldText(k), v);
  return m;
};
const LEVELS = fromLabels(LEVEL_LABELS);
const UNITS = fromLabels(UNIT_LABELS, { heures: 'hour', h: 'hour', 'demi-journees': 'half_day', 'demi journee': 'half_day', jour: 'day', jours: 'day', journees: 'day', semaines: 'week', unites: 'unit' });

/** What the sheet writes in `Personne`'s place when the column is parsed (first segment of a path → column). */
export const CONTRIBUTION_FIELD_HEADERS: Record<string, string> = {
  kind: 'Heures',
  date: 'Date',
  placeId: 'Lieu',
  personId: 'Personne',
  volunteerName: 'Personne',
  activity: 'Activité',
  project: 'Projet',
  hours: 'Heures',
  level: 'Niveau',
  km: 'Km',
  vehicle: 'Puissance fiscale (CV)',
  'vehicle.fiscalHorsepower': 'Puissance fiscale (CV)',
  'vehicle.electric': 'Électrique',
  resourceId: 'Ressource prêtée',
  quantity: 'Quantité',
  unit: 'Unité',
  valueCents: 'Valeur (€)',
  note: 'Valeur (€)',
};

/** The resources of the directory, to name a resource lent by its ID or its name within its place. */
export interface ResourceRefs {
  resolve(placeId: string | undefined, v: string | undefined): string | undefined;
  label(id: string): string;
}

export function resourceRefs(resources: readonly { id: string; name: string; placeId: string; archivedAt?: string }[]): ResourceRefs {
  const live = resources.filter((r) => !r.archivedAt);
  const byId = new Map(live.map((r) => [r.id, r]));
  const sameName = (r: { name: string; placeId: string }) => live.filter((x) => x.placeId === r.placeId && foldText(x.name) === foldText(r.name));
  return {
    resolve(placeId, v) {
      const s = cleanCell(v);
      if (s === '') return undefined;
      const direct = byId.get(s);
      if (direct) {
        if (placeId && direct.placeId !== placeId) throw new CellError(`la ressource « ${s} » appartient à un autre lieu que celui de la colonne « Lieu »`);
        return s;
      }
      const found = live.filter((r) => (!placeId || r.placeId === placeId) && foldText(r.name) === foldText(s));
      if (found.length === 1) return found[0]!.id;
      if (found.length > 1) throw new CellError(`nom ambigu « ${s} » : ${found.length} ressources du lieu portent ce nom, indiquez l’ID`);
      throw new CellError(`ressource inconnue « ${s} » pour ce lieu (nom ou ID de l’onglet Ressources)`);
    },
    label(id) {
      const r = byId.get(id);
      return r && sameName(r).length === 1 ? r.name : id;
    },
  };
}

/** `Personne`: an ID or a unique display name of the Personnes tab, or else the free name of a volunteer. */
function readPerson(r: RowReader, people: NameIndex): { personId?: string; volunteerName?: string } {
  const v = r.text('Personne');
  if (v === undefined) return {};
  try {
    return { personId: people.resolve(v) };
  } catch (err) {
    if (!(err instanceof CellError)) throw err;
    if (err.message.startsWith('nom ambigu')) {
      r.fail('Personne', err.message);
      return {};
    }
    return { volunteerName: v };
  }
}

export function parseContributionRow(cells: RowCells, ctx: RowContext, resources: ResourceRefs): ParseResult {
  const r = new RowReader(cells);
  const date = r.required('Date') && r.read('Date', parseDay);
  const placeId = r.required('Lieu') && r.read('Lieu', (v) => ctx.places.resolve(v));
  const activity = r.required('Activité');
  const person = readPerson(r, ctx.people);
  const hours = r.read('Heures', parseNumber);
  const km = r.read('Km', parseNumber);
  const resourceCell = r.text('Ressource prêtée');
  const valueCents = r.read('Valeur (€)', parseMoneyCents);
  const groups = [hours !== undefined, km !== undefined, resourceCell !== undefined || valueCents !== undefined].filter(Boolean).length;
  if (groups === 0 && !r.errors.some((e) => /Heures|Km|Valeur/.test(e))) r.fail('Heures', 'indiquez des heures, des kilomètres (colonne « Km »), ou une ressource prêtée ou une valeur (colonnes « Ressource prêtée », « Valeur (€) »)');
  if (groups > 1) r.fail('Heures', 'une ligne décrit une seule contribution : des heures, ou des kilomètres, ou une ressource prêtée / une valeur — faites une ligne par contribution');
  const kind = hours !== undefined ? 'time' : km !== undefined ? 'mileage' : 'in_kind';
  const level = r.read('Niveau', (v) => {
    const s = cleanCell(v);
    if (s === '') return undefined;
    const code = LEVELS.get(foldText(s));
    if (!code) throw new CellError(`« ${s} » : Exécution, Encadrement ou Expertise attendu`);
    return code;
  });
  const horsepower = r.read('Puissance fiscale (CV)', parseInteger);
  const electric = r.read('Électrique', parseYesNo);
  const unit = r.read('Unité', (v) => {
    const s = cleanCell(v);
    if (s === '') return undefined;
    const code = UNITS.get(foldText(s));
    if (!code) throw new CellError(`« ${s} » : heure, demi-journée, journée, semaine, mois ou unité attendu`);
    return code;
  });
  const resourceId = resourceCell === undefined ? undefined : r.read('Ressource prêtée', (v) => resources.resolve(placeId, v));
  if (kind === 'mileage' && horsepower === undefined) r.fail('Puissance fiscale (CV)', 'obligatoire avec des kilomètres (ex. 5)');
  const input = compact({
    kind,
    date,
    placeId,
    ...person,
    activity,
    project: r.text('Projet'),
    hours,
    level,
    km,
    vehicle: kind === 'mileage' && horsepower !== undefined ? { fiscalHorsepower: horsepower, electric: electric ?? false } : undefined,
    resourceId,
    quantity: r.read('Quantité', parseNumber),
    unit,
    valueCents: resourceCell === undefined ? valueCents : undefined,
    // The sheet has no note column: an explicit value says where it was declared.
    note: resourceCell === undefined && valueCents !== undefined ? `Valeur déclarée dans l’onglet Bénévolat du tableur (${activity ?? ''})` : undefined,
  });
  if (resourceCell !== undefined && valueCents !== undefined) r.fail('Valeur (€)', 'une ressource prêtée est valorisée à son tarif public : laissez « Valeur (€) » vide');
  return finish(r, input);
}

export function renderContributionRow(c: Contribution, ctx: RowContext, resources: ResourceRefs): RowCells {
  return {
    [ID]: c.id,
    Date: formatDay(c.date),
    Lieu: ctx.places.label(c.placeId),
    Personne: c.personId ? ctx.people.label(c.personId) : (c.volunteerName ?? ''),
    Activité: c.activity,
    Projet: c.project ?? '',
    Heures: formatNumber(c.hours),
    Niveau: c.level ? LEVEL_LABELS[c.level] : '',
    Km: formatNumber(c.km),
    'Puissance fiscale (CV)': formatNumber(c.vehicle?.fiscalHorsepower),
    Électrique: c.vehicle ? formatYesNo(c.vehicle.electric) : '',
    'Ressource prêtée': c.resourceId ? resources.label(c.resourceId) : '',
    Quantité: formatNumber(c.quantity),
    Unité: c.unit ? UNIT_LABELS[c.unit] : '',
    'Valeur (€)': formatMoney(c.valueCents),
  };
}
