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

export function scrubberFor(person: Pick<Person, 'id' | 'displayName' | 'email' | 'phone'>): Scrubber {
  const pseudonym = pseudonymOf(person.id);
  const name = person.displayName.normalize('NFC');
  // « de Paul Martin », « d’Agnès Dupont » → « d’Anonyme … »; the bare name → the pseudonym.
  // Whole words only: « Anne » is not erased from « Annecy ».
  const nameRe = new RegExp(`(?<![\\p{L}\\p{N}])([dD]e |[dD][’'])?${escapeRe(name)}(?![\\p{L}\\p{N}])`, 'giu');
  const secrets = [person.email, person.phone].filter((s): s is string => !!s && s.trim().length > 0).map((s) => new RegExp(escapeRe(s), 'giu'));
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
  const probes = [name, ...[person.email, person.phone].filter((s): s is string => !!s && s.trim().length > 0)].map((s) => s.normalize('NFC').toLocaleLowerCase('fr'));
  return {
    pseudonym,
    scrub: <T>(value: T) => walk(value) as T,
    holdsTrace: (value) => {
      const json = JSON.stringify(value ?? null).normalize('NFC').toLocaleLowerCase('fr');
      return probes.some((p) => json.includes(p));
    },
  };
}
