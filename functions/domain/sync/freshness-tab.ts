/**
 * The `À vérifier` tab, written by the API only: one row per place with how many of its
 * records were not checked for 180 days and, when there are any, its freshness link (the
 * page where a volunteer confirms, corrects or archives them) and the last day it opens.
 * A place with nothing to check shows 0 and no link, so a row never keeps a stale count.
 */
import type { Deps } from '../deps.js';
import { signLink } from '../links/signed-links.js';
import { DEFAULT_OLDER_THAN_DAYS, FRESHNESS_LINK_DAYS, freshnessPagePath } from '../directory/freshness-links.js';
import { listStaleRecords } from '../directory/list-stale-records.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { placeIndex } from '../../../integrations/sheets/place-refs.js';
import { formatDay } from '../../../integrations/sheets/values.js';
import { OWNED_TAB_KEYS, type RowCells } from '../../../integrations/sheets/columns.js';
import type { OwnedTab } from './owned-tabs.js';
import { lastValidDay, steppedExpiry } from './stable-expiry.js';

/** The link changes every 10 days and so has 20 to 30 days left (the 30 days of freshness links). */
const STEP_DAYS = 10;

export function freshnessTab(deps: Deps, now: Date, olderThanDays = DEFAULT_OLDER_THAN_DAYS): OwnedTab {
  return {
    tab: 'À vérifier',
    key: OWNED_TAB_KEYS['À vérifier'],
    // The directory's records (their checks and archives) and place names.
    dependsOn: ['place', 'resource', 'person'],
    async rows() {
      const snap = await loadDirectorySnapshot(deps);
      const names = placeIndex(snap.places);
      const places = snap.places.filter((p) => !p.archivedAt).sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id));
      const expiresAt = steppedExpiry(now, FRESHNESS_LINK_DAYS, STEP_DAYS);
      // One pass over the directory: a person counts for its home place only, as on that place's page.
      const stale = new Map<string, number>();
      for (const r of await listStaleRecords(deps, { role: 'system', id: 'sync:freshness' }, { olderThanDays })) stale.set(r.placeId, (stale.get(r.placeId) ?? 0) + 1);
      const rows: RowCells[] = [];
      for (const place of places) {
        const count = stale.get(place.id) ?? 0;
        const link = count ? (await signLink(deps, freshnessPagePath(place.id), { query: { olderThanDays: String(olderThanDays) }, expiresAt })).url : '';
        rows.push({ Lieu: names.label(place.id), 'Fiches à vérifier': String(count), Lien: link, "Valable jusqu'au": link ? formatDay(lastValidDay(expiresAt)) : '' });
      }
      return rows;
    },
  };
}
