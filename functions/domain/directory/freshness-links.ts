/**
 * Freshness links: one signed link per place with records not checked for
 * `olderThanDays`, opening a page where a volunteer confirms, corrects or archives them.
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { requireAdmin } from '../access.js';
import { signLink } from '../links/signed-links.js';
import { listStaleRecords, type StaleRecord } from './list-stale-records.js';
import { loadDirectorySnapshot } from './snapshot.js';

export const FRESHNESS_LINK_DAYS = 30;
export const DEFAULT_OLDER_THAN_DAYS = 180;

export interface FreshnessLink {
  placeId: string;
  placeName: string;
  url: string;
  staleCount: number;
  expiresAt: string;
}

/** The page a place's freshness link opens (the threshold travels in the signed query). */
export function freshnessPagePath(placeId: string): string {
  return `/verifier/${encodeURIComponent(placeId)}`;
}

/** The actor a freshness link acts as: that place's manager, named so the audit shows where a change came from. */
export function freshnessLinkActor(placeId: string): Actor & { role: 'manager' } {
  return { role: 'manager', id: 'lien-de-verification', placeId };
}

/**
 * Primary course:
 * 1. only the admin (or a scheduled job) may ask;
 * 2. the stale records at the threshold, grouped by place, as seen by each place's manager
 *    (so private people of that place count, others' do not);
 * 3. one link per place that has any, valid 30 days.
 */
export async function listFreshnessLinks(deps: Deps, actor: Actor, olderThanDays: number): Promise<FreshnessLink[]> {
  requireAdmin(actor);
  const snap = await loadDirectorySnapshot(deps);
  // One pass over the directory, grouped by place: what each place's manager sees of its own
  // place is every record of it (its private people included), which is what the admin sees.
  const staleByPlace = new Map<string, number>();
  for (const r of await listStaleRecords(deps, actor, { olderThanDays })) staleByPlace.set(r.placeId, (staleByPlace.get(r.placeId) ?? 0) + 1);
  const out: FreshnessLink[] = [];
  for (const place of snap.places) {
    const staleCount = staleByPlace.get(place.id) ?? 0;
    if (place.archivedAt || staleCount === 0) continue;
    const link = await signLink(deps, freshnessPagePath(place.id), { query: { olderThanDays: String(olderThanDays) }, validDays: FRESHNESS_LINK_DAYS });
    out.push({ placeId: place.id, placeName: place.name, url: link.url, staleCount, expiresAt: link.expiresAt });
  }
  return out.sort((a, b) => a.placeName.localeCompare(b.placeName, 'fr'));
}

/** What a place's freshness page lists. */
export function staleRecordsOfPlace(deps: Deps, placeId: string, olderThanDays: number): Promise<StaleRecord[]> {
  return listStaleRecords(deps, freshnessLinkActor(placeId), { olderThanDays, placeId });
}
