import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { loadDirectorySnapshot } from './snapshot.js';
import { personFor } from './people-visibility.js';

export interface StaleRecord {
  type: 'place' | 'resource' | 'person';
  id: string;
  name: string;
  placeId: string;
  placeName?: string;
  /** When a person last confirmed it (or created it). */
  lastCheckedAt: string;
  neverVerified: boolean;
  daysSinceCheck: number;
}

const DAY_MS = 86_400_000;

/**
 * Records not checked for `olderThanDays` (verifiedAt, or creation when never
 * verified), oldest first, so managers know what to re-check.
 */
export async function listStaleRecords(deps: Deps, actor: Actor, opts: { olderThanDays: number; placeId?: string }): Promise<StaleRecord[]> {
  const snap = await loadDirectorySnapshot(deps);
  const now = deps.now().getTime();
  const cutoff = now - opts.olderThanDays * DAY_MS;
  const out: StaleRecord[] = [];
  const consider = (type: StaleRecord['type'], r: { id: string; verifiedAt?: string; createdAt: string; archivedAt?: string }, name: string, placeId: string) => {
    if (r.archivedAt) return;
    if (opts.placeId && placeId !== opts.placeId) return;
    const last = r.verifiedAt ?? r.createdAt;
    const t = Date.parse(last);
    if (t > cutoff) return;
    out.push({ type, id: r.id, name, placeId, placeName: snap.placesById.get(placeId)?.name, lastCheckedAt: last, neverVerified: !r.verifiedAt, daysSinceCheck: Math.floor((now - t) / DAY_MS) });
  };
  for (const p of snap.places) consider('place', p, p.name, p.id);
  for (const { resource: r, place } of await snap.resourcesWithRecords()) if (!place.archivedAt) consider('resource', r, r.name, r.placeId);
  for (const p of snap.people) if (personFor(actor, p)) consider('person', p, p.displayName, p.homePlaceId);
  return out.sort((a, b) => a.lastCheckedAt.localeCompare(b.lastCheckedAt));
}
