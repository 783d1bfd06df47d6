/**
 * The volunteer index of contributions (gsi2, keys.contribution) exists since the erasure
 * stopped sweeping years. Contributions written before it have no entry there, so the export
 * and the erasure would not find them: this backfill gives them one. It reads each year of the
 * year index (gsi1, days are limited to 2000–2100), once, and is idempotent: a contribution
 * already indexed is skipped, one written meanwhile (its version moved) already carries the
 * index from its own write. Run with `npm run backfill-contribution-index` once after deploying.
 */
import type { TableRef } from '../../../integrations/dynamodb/client.js';
import { FIRST_YEAR, LAST_YEAR } from '../../../schemas/common.js';
import { keys } from '../../../integrations/dynamodb/keys.js';
import { listContributionIndexStateOfYear, setContributionVolunteerKey } from '../../../integrations/dynamodb/contribution-repository.js';
import { inBatches } from './person-data.js';

export interface BackfillReport {
  seen: number;
  indexed: number;
  /** Changed between the read and the update: their own write indexed them. */
  skippedChanged: number;
}

export async function backfillContributionIndex(table: TableRef, years: { from?: number; to?: number } = {}): Promise<BackfillReport> {
  const report: BackfillReport = { seen: 0, indexed: 0, skippedChanged: 0 };
  const first = years.from ?? FIRST_YEAR;
  const list = Array.from({ length: (years.to ?? LAST_YEAR) - first + 1 }, (_, i) => first + i);
  // Ten years read side by side: a year partition is one Query (a few pages at most).
  const perYear = await inBatches(list, 10, (year) => listContributionIndexStateOfYear(table, year));
  const items = perYear.flat();
  report.seen = items.length;
  const missing = items.flatMap((i) => {
    const want = keys.contribution(String(i.id), String(i.date), { personId: i.personId as string | undefined, volunteerName: i.volunteerName as string | undefined });
    return want.gsi2pk && (want.gsi2pk !== i.gsi2pk || want.gsi2sk !== i.gsi2sk) ? [{ id: String(i.id), version: Number(i.version), index: { gsi2pk: want.gsi2pk, gsi2sk: want.gsi2sk! } }] : [];
  });
  const done = await inBatches(missing, 10, (m) => setContributionVolunteerKey(table, m, m.index));
  report.indexed = done.filter(Boolean).length;
  report.skippedChanged = done.filter((d) => !d).length;
  return report;
}
