import type { Deps } from '../deps.js';
import { categoryCode } from '../../../schemas/resource-categories.js';
import { loadDirectorySnapshot, type IndexedResource } from './snapshot.js';
import { matchesQuery, normalizeText } from './text.js';
import { distanceKm, roundKm } from './geo.js';
import { pageByOffset } from '../paging.js';
import type { Resource, RateUnit, ResourceKind } from '../../../schemas/resource.js';
import type { PlaceSummary, Place } from '../../../schemas/place.js';

export interface ResourceSearch {
  kind?: ResourceKind;
  category?: string;
  placeId?: string;
  q?: string;
  near?: { lat: number; lon: number };
  radiusKm?: number;
  minCapacity?: number;
  minSurfaceM2?: number;
  lendable?: boolean;
  maxRateCents?: number;
  rateUnit?: RateUnit;
  limit: number;
  cursor?: string;
}

export type ResourceListItem = Resource & { place: PlaceSummary; distanceKm?: number };

export function placeSummary(p: Place): PlaceSummary {
  return { id: p.id, name: p.name, commune: p.address.commune };
}

function cheapestRate(r: Resource, unit?: RateUnit): number | undefined {
  const amounts = r.rates.filter((x) => !unit || x.unit === unit).map((x) => x.amountCents);
  return amounts.length ? Math.min(...amounts) : undefined;
}

/**
 * Searches shareable resources of published (non-archived) places.
 * 1. load the directory snapshot (one GetItem when nothing changed);
 * 2. keep the resources matching every filter given;
 * 3. with `near`, compute distances, drop those beyond `radiusKm`, sort nearest first;
 * 4. page the result.
 */
export async function searchResources(deps: Deps, s: ResourceSearch): Promise<{ items: ResourceListItem[]; nextCursor?: string }> {
  const snap = await loadDirectorySnapshot(deps);
  // The filter takes the code or its French label (« Salle de réunion »).
  const category = s.category ? normalizeText(categoryCode(s.category)) : undefined;
  const matched: { entry: IndexedResource; distance?: number }[] = [];
  for (const entry of snap.resources) {
    const { resource: r, place } = entry;
    if (r.archivedAt || place.archivedAt) continue;
    if (s.kind && r.kind !== s.kind) continue;
    if (category && entry.category !== category) continue;
    if (s.placeId && r.placeId !== s.placeId) continue;
    if (s.minCapacity !== undefined && (r.capacity ?? 0) < s.minCapacity) continue;
    if (s.minSurfaceM2 !== undefined && (r.surfaceM2 ?? 0) < s.minSurfaceM2) continue;
    if (s.lendable !== undefined && (r.sharing?.lendable ?? false) !== s.lendable) continue;
    if (s.maxRateCents !== undefined) {
      const rate = cheapestRate(r, s.rateUnit);
      if (rate === undefined || rate > s.maxRateCents) continue;
    }
    if (s.q && !matchesQuery(entry.text, s.q)) continue;
    let distance: number | undefined;
    if (s.near) {
      if (!place.location) continue;
      distance = distanceKm(s.near, place.location);
      if (s.radiusKm !== undefined && distance > s.radiusKm) continue;
    }
    matched.push({ entry, distance });
  }
  if (s.near) matched.sort((a, b) => a.distance! - b.distance!);
  const page = pageByOffset(matched, s.limit, s.cursor);
  return {
    ...page,
    items: page.items.map(({ entry, distance }) => ({
      ...entry.resource,
      place: placeSummary(entry.place),
      ...(distance !== undefined ? { distanceKm: roundKm(distance) } : {}),
    })),
  };
}
