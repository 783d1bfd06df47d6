import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { loadDirectorySnapshot } from './snapshot.js';
import { matchesTerms, normalizeText, queryTerms, searchString, searchTokens } from './text.js';
import { pageByOffset } from '../paging.js';
import { personFor } from './people-visibility.js';
import { placeSummary } from './search-resources.js';
import type { Person } from '../../../schemas/person.js';
import type { PlaceSummary } from '../../../schemas/place.js';

export interface PeopleSearch {
  skill?: string;
  q?: string;
  placeId?: string;
  limit: number;
  cursor?: string;
}

/**
 * People visible to the actor: public profiles for everyone, plus the people of
 * the manager's own place; emails and phones only for those allowed to see them.
 */
export async function searchPeople(deps: Deps, actor: Actor, s: PeopleSearch): Promise<{ items: (Person & { homePlace?: PlaceSummary })[]; nextCursor?: string }> {
  const snap = await loadDirectorySnapshot(deps);
  const skill = s.skill ? normalizeText(s.skill) : undefined;
  const terms = queryTerms(s.q);
  const out: (Person & { homePlace?: PlaceSummary })[] = [];
  for (const p of snap.people) {
    if (p.archivedAt) continue;
    if (s.placeId && p.homePlaceId !== s.placeId) continue;
    if (skill && !p.skills.some((k) => normalizeText(k.name).includes(skill))) continue;
    if (terms.length && !matchesTerms(searchString(searchTokens([p.displayName, p.bio ?? '', p.skills.map((k) => k.name).join(' ')].join(' '))), terms)) continue;
    const visible = personFor(actor, p);
    if (!visible) continue;
    const home = snap.placesById.get(p.homePlaceId);
    out.push(home ? { ...visible, homePlace: placeSummary(home) } : visible);
  }
  out.sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
  return pageByOffset(out, s.limit, s.cursor);
}

/** Skill names with how many public people have them, most common first. */
export async function listSkills(deps: Deps): Promise<{ name: string; count: number }[]> {
  const snap = await loadDirectorySnapshot(deps);
  const counts = new Map<string, { names: Map<string, number>; count: number }>();
  for (const p of snap.people) {
    if (!p.publicProfile || p.archivedAt) continue;
    const seen = new Set<string>();
    for (const s of p.skills) {
      const key = normalizeText(s.name);
      if (seen.has(key)) continue;
      seen.add(key);
      const c = counts.get(key) ?? { names: new Map(), count: 0 };
      c.count++;
      c.names.set(s.name, (c.names.get(s.name) ?? 0) + 1);
      counts.set(key, c);
    }
  }
  return [...counts.values()]
    .map((c) => ({ name: [...c.names.entries()].sort((a, b) => b[1] - a[1])[0]![0], count: c.count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'fr'));
}
