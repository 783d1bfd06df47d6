import type { Deps } from '../deps.js';
import { categoryCode } from '../../../schemas/resource-categories.js';
import { loadDirectorySnapshot } from './snapshot.js';
import { normalizeText, queryTerms } from './text.js';
import { roundKm } from './geo.js';
import { decodeCursor, encodeCursor } from '../paging.js';
import type { ResourceFilter, ResourceRangeCriteria } from './index/resource-index.js';
import type { Resource, ResourcePlace } from '../../../schemas/resource.js';
import type { PlaceSummary, Place } from '../../../schemas/place.js';

export interface ResourceSearch extends ResourceRangeCriteria {
  /** A category code or its French label. */
  category?: string;
  /** Exact commune of the place, case and accents aside. */
  commune?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

export type ResourceListItem = Resource & { place: ResourcePlace; distanceKm?: number };

export function placeSummary(p: Place): PlaceSummary {
  return { id: p.id, name: p.name, commune: p.address.commune };
}

/** What a listed resource carries about its place: enough for a card, without the places list. */
export function resourcePlace(p: Place): ResourcePlace {
  return p.website ? { ...placeSummary(p), website: p.website } : placeSummary(p);
}

/** The search as the index reads it: the query cut into normalised words once. */
export function resourceFilter(s: Omit<ResourceSearch, 'limit' | 'cursor'>): ResourceFilter {
  return {
    kind: s.kind,
    // The filter takes the code or its French label (« Salle de réunion »).
    category: s.category !== undefined ? normalizeText(categoryCode(s.category)) : undefined,
    placeId: s.placeId,
    commune: s.commune ? normalizeText(s.commune) : undefined,
    terms: queryTerms(s.q),
    near: s.near,
    radiusKm: s.radiusKm,
    minCapacity: s.minCapacity,
    minSurfaceM2: s.minSurfaceM2,
    lendable: s.lendable,
    maxRateCents: s.maxRateCents,
    rateUnit: s.rateUnit,
  };
}

export function offsetOf(cursor: string | undefined): number {
  return decodeCursor(cursor, (v): v is { o: number } => Number.isSafeInteger((v as { o?: unknown })?.o) && (v as { o: number }).o >= 0)?.o ?? 0;
}

/**
 * Searches shareable resources of published (non-archived) places.
 * 1. load the directory index (one GetItem when nothing changed);
 * 2. ask it for the first `offset + limit + 1` matches: in id (creation) order, or
 *    nearest first with `near` (beyond `radiusKm` left out), ties by id;
 * 3. page them (the extra one says whether there is a next page), with the page's
 *    records (held by the process, or one BatchGet of at most `limit` items).
 * Query words match the beginnings of words: "bois" finds "boisé", accents and case aside.
 */
export async function searchResources(deps: Deps, s: ResourceSearch): Promise<{ items: ResourceListItem[]; nextCursor?: string }> {
  const offset = offsetOf(s.cursor);
  const index = await loadDirectorySnapshot(deps);
  const found = index.resourceIndex.search(resourceFilter(s), offset + s.limit + 1);
  const page = found.slice(offset, offset + s.limit);
  // The page's records: held, or read by id (an index started from the compact artifact).
  const records = await index.resourceRecords.page(deps, page.map((m) => m.facts));
  const items = page.flatMap(({ facts, place, distance }) => {
    const resource = records.get(facts.id);
    return resource ? [{ ...resource, place: resourcePlace(place), ...(distance !== undefined ? { distanceKm: roundKm(distance) } : {}) }] : [];
  });
  return found.length > offset + s.limit ? { items, nextCursor: encodeCursor({ o: offset + s.limit }) } : { items };
}
