import type { Deps } from '../deps.js';
import { loadDirectorySnapshot } from './snapshot.js';
import { matchesTerms, normalizeText, queryTerms } from './text.js';
import { distanceKm, roundKm } from './geo.js';
import { pageByOffset } from '../paging.js';
import type { Place } from '../../../schemas/place.js';

export interface PlaceSearch {
  q?: string;
  tag?: string;
  /** Exact commune, case and accents aside. */
  commune?: string;
  near?: { lat: number; lon: number };
  radiusKm?: number;
  includeArchived?: boolean;
  limit: number;
  cursor?: string;
}

/** Places matching the filters; nearest first with `near`, else by name. */
export async function searchPlaces(deps: Deps, s: PlaceSearch): Promise<{ items: (Place & { distanceKm?: number })[]; nextCursor?: string }> {
  const snap = await loadDirectorySnapshot(deps);
  const tag = s.tag ? normalizeText(s.tag) : undefined;
  const commune = s.commune ? normalizeText(s.commune) : undefined;
  const terms = queryTerms(s.q);
  const matched: (Place & { distanceKm?: number })[] = [];
  for (const p of snap.places) {
    if (p.archivedAt && !s.includeArchived) continue;
    if (tag && !p.tags.some((t) => normalizeText(t) === tag)) continue;
    if (commune && normalizeText(p.address.commune) !== commune) continue;
    if (terms.length && !matchesTerms(snap.placeText.get(p.id) ?? '', terms)) continue;
    if (s.near) {
      if (!p.location) continue;
      const d = distanceKm(s.near, p.location);
      if (s.radiusKm !== undefined && d > s.radiusKm) continue;
      matched.push({ ...p, distanceKm: roundKm(d) });
    } else matched.push(p);
  }
  if (s.near) matched.sort((a, b) => a.distanceKm! - b.distanceKm!);
  else matched.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return pageByOffset(matched, s.limit, s.cursor);
}
