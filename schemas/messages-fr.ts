/**
 * Validation messages written for the network's volunteers, not for developers:
 * one short French sentence per field, saying what is expected and, where it helps,
 * what was received ("un nombre entier de centimes est attendu (12,5 reçu)").
 * Installed once as zod's global error map (`schemas/common.ts`); a schema's own
 * message (a regex's, a refinement's) still wins over these.
 */
import type * as z from 'zod';

const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 20, useGrouping: false });

/** How a received value is quoted back: numbers the French way, text in guillemets, short. */
export function shownValue(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? NUMBER.format(v) : String(v);
  if (typeof v === 'string') return `« ${v.length > 40 ? `${v.slice(0, 40)}…` : v} »`;
  if (typeof v === 'boolean') return v ? 'vrai' : 'faux';
  if (v === null) return 'rien (null)';
  if (Array.isArray(v)) return 'une liste';
  if (typeof v === 'object') return 'un objet';
  return String(v);
}

const EXPECTED: Record<string, string> = {
  string: 'un texte est attendu',
  number: 'un nombre est attendu',
  int: 'un nombre entier est attendu',
  boolean: 'true (oui) ou false (non) est attendu',
  array: 'une liste est attendue',
  object: 'un objet est attendu',
  date: 'une date est attendue',
  bigint: 'un nombre entier est attendu',
};

const FORMATS: Record<string, string> = {
  email: 'adresse e-mail invalide (exemple : prenom@exemple.fr)',
  url: 'adresse web invalide (elle commence par https://)',
  datetime: 'date et heure attendues au format ISO 8601 (exemple : 2026-12-02T14:00:00+01:00)',
  date: 'format de date attendu : AAAA-MM-JJ',
  time: 'heure attendue au format HH:MM',
  uuid: 'identifiant invalide',
  regex: 'format invalide',
};

function lastKey(path: readonly PropertyKey[]): string {
  const k = path[path.length - 1];
  return typeof k === 'string' ? k : '';
}

function list(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : String(v)));
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ou ${shown[shown.length - 1]}`;
}

function sizeUnit(origin: string | undefined, n: number): string {
  switch (origin) {
    case 'string':
      return n > 1 ? 'caractères' : 'caractère';
    case 'array':
    case 'set':
      return n > 1 ? 'éléments' : 'élément';
    case 'file':
      return 'octets';
    default:
      return '';
  }
}

/** The global error map: French words for every kind of validation failure. */
export function frenchMessage(iss: z.core.$ZodRawIssue): string | undefined {
  const input = (iss as { input?: unknown }).input;
  const path = (iss.path ?? []) as PropertyKey[];
  switch (iss.code) {
    case 'invalid_type': {
      if (input === undefined) return 'champ obligatoire';
      const expected = String(iss.expected);
      const cents = /Cents$/.test(lastKey(path));
      if (cents && (expected === 'int' || expected === 'number')) return `un nombre entier de centimes est attendu (${shownValue(input)} reçu)`;
      // A query parameter coerced to a number arrives here as NaN: the text itself is lost.
      if (typeof input === 'number' && Number.isNaN(input)) return EXPECTED[expected] ?? 'un nombre est attendu';
      if (typeof input === 'number' && !Number.isFinite(input)) return 'un nombre fini est attendu';
      return `${EXPECTED[expected] ?? 'une autre valeur est attendue'} (${shownValue(input)} reçu)`;
    }
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string') return min <= 1 ? 'ce champ ne peut pas être vide' : `texte trop court (${min} ${sizeUnit('string', min)} au moins)`;
      if (iss.origin === 'array' || iss.origin === 'set') return `au moins ${min} ${sizeUnit('array', min)} attendus`;
      return iss.inclusive ? `doit être au moins ${NUMBER.format(min)} (${shownValue(input)} reçu)` : `doit être supérieur à ${NUMBER.format(min)} (${shownValue(input)} reçu)`;
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'string') return `texte trop long (${max} ${sizeUnit('string', max)} au plus)`;
      if (iss.origin === 'array' || iss.origin === 'set') return `${max} ${sizeUnit('array', max)} au plus`;
      return iss.inclusive ? `doit être au plus ${NUMBER.format(max)} (${shownValue(input)} reçu)` : `doit être inférieur à ${NUMBER.format(max)} (${shownValue(input)} reçu)`;
    }
    case 'invalid_format':
      if (iss.format === 'starts_with') return `doit commencer par « ${(iss as { prefix?: string }).prefix ?? ''} »`;
      if (iss.format === 'ends_with') return `doit finir par « ${(iss as { suffix?: string }).suffix ?? ''} »`;
      if (iss.format === 'includes') return `doit contenir « ${(iss as { includes?: string }).includes ?? ''} »`;
      return FORMATS[iss.format] ?? 'format invalide';
    case 'not_multiple_of':
      return `doit être un multiple de ${NUMBER.format(Number(iss.divisor))}`;
    case 'invalid_value':
      if (input === undefined) return 'champ obligatoire';
      return iss.values.length === 1 ? `valeur attendue : ${list(iss.values)} (${shownValue(input)} reçu)` : `valeur attendue : ${list(iss.values)} (${shownValue(input)} reçu)`;
    case 'unrecognized_keys':
      return 'champ inconnu';
    case 'invalid_union':
      if (input === undefined) return 'champ obligatoire';
      return 'valeur non reconnue : vérifiez le format attendu';
    case 'invalid_key':
      return 'clé invalide';
    case 'invalid_element':
      return 'élément invalide';
    case 'custom':
      return 'valeur invalide';
    default:
      return undefined;
  }
}
