/**
 * The choices of a search form (communes, place tags) without the places list: at national
 * scale (3,500 places) that list is about 2 MB in 7 pages, for a few hundred names. Read from
 * the directory snapshot every search already keeps up to date.
 */
import type { Deps } from '../deps.js';
import { loadDirectorySnapshot } from './snapshot.js';
import { normalizeText } from './text.js';
import type { DirectoryFacets } from '../../../schemas/facets.js';

type Facet = DirectoryFacets['communes'][number];

/**
 * Counts values the way the filters compare them (case and accents aside, `normalizeText`), so
 * that choosing a value finds exactly the places counted; the spelling shown is the most
 * frequent one (the first met on a tie).
 */
function tally(values: Iterable<string>): Facet[] {
  const byKey = new Map<string, { spellings: Map<string, number>; places: number }>();
  for (const raw of values) {
    const value = raw.trim();
    if (!value) continue;
    const key = normalizeText(value);
    const entry = byKey.get(key) ?? { spellings: new Map(), places: 0 };
    entry.places++;
    entry.spellings.set(value, (entry.spellings.get(value) ?? 0) + 1);
    byKey.set(key, entry);
  }
  const out: Facet[] = [];
  for (const { spellings, places } of byKey.values()) {
    let best = '';
    let most = 0;
    for (const [s, n] of spellings) if (n > most) [best, most] = [s, n];
    out.push({ value: best, places });
  }
  return out.sort((a, b) => a.value.localeCompare(b.value, 'fr'));
}

/** A place counts once per tag, whatever its spellings (its first spelling kept). */
function oncePerPlace(tags: string[]): string[] {
  const seen = new Map<string, string>();
  for (const t of tags) {
    const key = normalizeText(t);
    if (!seen.has(key)) seen.set(key, t);
  }
  return [...seen.values()];
}

/** Communes and tags of the places not archived, each with its number of places. */
export async function directoryFacets(deps: Deps): Promise<DirectoryFacets> {
  const snap = await loadDirectorySnapshot(deps);
  const active = snap.places.filter((p) => !p.archivedAt);
  return {
    communes: tally(active.map((p) => p.address.commune)),
    tags: tally(active.flatMap((p) => oncePerPlace(p.tags))),
  };
}
