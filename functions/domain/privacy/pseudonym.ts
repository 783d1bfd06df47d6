/**
 * How an erased person's identifying data is replaced: the name by a pseudonym derived from
 * the record id (stable, so every rewritten text and a repeated erasure agree), the e-mail,
 * phone, biography and skills dropped from record snapshots, and any remaining occurrence of
 * the name, e-mail or phone in a stored text replaced.
 */
import type { Person } from '../../../schemas/person.js';

/** Starts with a vowel so French elision reads right: « Visite d’Anonyme 3F9K2Q… ». */
export function pseudonymOf(personId: string): string {
  return `Anonyme ${personId.slice(-6)}`;
}

export const ERASED_TEXT = '[effacé]';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Scrubber {
  pseudonym: string;
  /** The value with every trace of the person replaced (deep, JSON-like values). */
  scrub<T>(value: T): T;
  /** Does the value still hold the person's name, e-mail or phone? */
  holdsTrace(value: unknown): boolean;
}

/** The person record as it is kept after the erasure (no contact, no biography, no skills, not public). */
export function pseudonymousPerson<T extends Record<string, unknown>>(snapshot: T, pseudonym: string): T {
  const { email, phone, bio, ...rest } = snapshot;
  void email, phone, bio;
  return { ...rest, displayName: pseudonym, skills: [], publicProfile: false } as unknown as T;
}

/** Spaces as typed, pasted or rendered by a spreadsheet (non-breaking, thin). */
const SPACE = '[\\s\\u00a0\\u202f]';

/**
 * The name as a pattern that also matches its variants: any case (flag `i`), accents typed or
 * not (« Heloise » for « Héloïse »), one or more spaces (or a hyphen for a space) between words.
 * The text is NFC-normalised before matching, so a decomposed « é » (NFD) is found too.
 */
function namePattern(name: string): string {
  const words = name.normalize('NFC').trim().split(/[\s\u00a0\u202f]+/u);
  const letter = (c: string) => {
    const base = c.normalize('NFD').replace(/\p{M}/gu, '');
    return base !== c && base.length === 1 ? `[${escapeRe(c)}${escapeRe(base)}]` : escapeRe(c);
  };
  return words.map((w) => [...w].map(letter).join('')).join(`(?:${SPACE}+|${SPACE}*-${SPACE}*)`);
}

/**
 * A French phone number in its usual spellings: « 06 98 76 54 32 », « 0698765432 »,
 * « 06.98.76.54.32 », « 06-98-76-54-32 », « +33 6 98 76 54 32 », « +33 (0)6 98 76 54 32 »,
 * « 0033 6 98 … ». Any other number is matched as typed, and by its digits with any separators.
 */
function phonePattern(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const national = /^0[1-9]\d{8}$/.test(digits) ? digits.slice(1) : /^33[1-9]\d{8}$/.test(digits) ? digits.slice(2) : undefined;
  const sep = `[\\s\\u00a0\\u202f.\\-/]?`;
  const spread = (d: string) => [...d].join(sep);
  if (!national) return `${escapeRe(phone)}|(?<!\\d)${spread(digits)}(?!\\d)`;
  return `(?<![\\d+])(?:(?:\\+|00)${SPACE}?33${sep}(?:\\(0\\)${sep})?|0)${spread(national)}(?!\\d)`;
}

export function scrubberFor(person: Pick<Person, 'id' | 'displayName' | 'email' | 'phone'>): Scrubber {
  const pseudonym = pseudonymOf(person.id);
  const name = person.displayName.normalize('NFC');
  // « de Paul Martin », « d’Agnès Dupont » → « d’Anonyme … »; the bare name → the pseudonym.
  // Whole words only: « Anne » is not erased from « Annecy ».
  const nameRe = new RegExp(`(?<![\\p{L}\\p{N}])([dD]e${SPACE}+|[dD][’'])?(?:${namePattern(name)})(?![\\p{L}\\p{N}])`, 'giu');
  const secrets = [
    ...(person.email?.trim() ? [new RegExp(escapeRe(person.email.trim()), 'giu')] : []),
    ...(person.phone?.trim() && person.phone.replace(/\D/g, '').length >= 6 ? [new RegExp(phonePattern(person.phone.trim()), 'gu')] : []),
  ];
  const text = (s: string): string => {
    let out = s.normalize('NFC').replace(nameRe, (_m, prep?: string) => (prep ? `${prep.startsWith('D') ? 'D' : 'd'}’${pseudonym}` : pseudonym));
    for (const re of secrets) out = out.replace(re, ERASED_TEXT);
    return out === s.normalize('NFC') ? s : out;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const shaped = o.id === person.id && 'displayName' in o ? pseudonymousPerson(o, pseudonym) : o;
      return Object.fromEntries(Object.entries(shaped).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  const patterns = [nameRe, ...secrets].map((re) => new RegExp(re.source, re.flags.replace('g', '')));
  const holds = (v: unknown): boolean => {
    if (typeof v === 'string') {
      const n = v.normalize('NFC');
      return patterns.some((re) => re.test(n));
    }
    if (Array.isArray(v)) return v.some(holds);
    if (v && typeof v === 'object') return Object.values(v).some(holds);
    return false;
  };
  return {
    pseudonym,
    scrub: <T>(value: T) => walk(value) as T,
    holdsTrace: holds,
  };
}
