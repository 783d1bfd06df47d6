/**
 * Postcode + commune name → the commune's INSEE code (code officiel géographique), from
 * the index derived from @etalab/decoupage-administratif (scripts/build-commune-index.ts).
 *
 * Import this module only with `await import()`: the index (0.8 MB) then lands in a
 * chunk of its own, loaded on the first place write or open data request, never on a
 * cold start of the directory.
 */
import index from './commune-index.json' with { type: 'json' };

export interface CommuneMatch {
  inseeCode: string;
  /** The official spelling. */
  name: string;
}

const postcodes = (index as { postcodes: Record<string, string> }).postcodes;

/** Case, accents, hyphens and apostrophes do not matter; « St » and « Ste » stand for Saint and Sainte. */
export function foldCommuneName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\bste\b/g, 'sainte')
    .replace(/\bst\b/g, 'saint');
}

/** Every commune the postcode serves (empty when the postcode does not exist). */
export function communesOfPostcode(postcode: string): CommuneMatch[] {
  const line = postcodes[postcode];
  if (!line) return [];
  return line.split('|').map((e) => ({ inseeCode: e.slice(0, 5), name: e.slice(6) }));
}

/** The commune of that name served by that postcode, or undefined when the pair does not exist. */
export function findCommune(postcode: string, commune: string): CommuneMatch | undefined {
  const folded = foldCommuneName(commune);
  return communesOfPostcode(postcode).find((c) => foldCommuneName(c.name) === folded);
}
