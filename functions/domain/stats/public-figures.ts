/**
 * The network's public figures for `GET /stats`: counts only, never a person, an amount
 * between two parties or anything a public read would not show.
 */
import type { Deps } from '../deps.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { listEntriesOfMonth } from '../../../integrations/dynamodb/ledger-repository.js';
import { listEventsEndingFrom } from '../../../integrations/dynamodb/events-repository.js';
import { decisionCountsByMonth, type DecisionCounts } from '../decisions/decision-counts.js';
import { volunteerHoursByMonth } from '../valuation/hours-by-month.js';
import { firstDayOf, lastDayOf, monthOf, todayInParis } from '../mobility/periods.js';

export interface PublicFigures {
  months: string[];
  placesByMonth: number[];
  peopleByMonth: number[];
  resourcesByKind: { kind: 'space' | 'equipment' | 'other'; count: number }[];
  resourcesByCommune: { commune: string; count: number }[];
  visitsByMonth: number[];
  eventsByMonth: number[];
  /** Closed proposals per month of their close, by outcome. */
  decisionsByMonth: DecisionCounts;
  /** Hours of volunteer time counted by the valuation, per month. */
  volunteerHoursByMonth: number[];
  totals: { places: number; people: number; resources: number; visits: number; events: number; decisions: number; adopted: number; volunteerHours: number };
}

/** The last 12 months, oldest first, ending with the current one. */
export function lastMonths(today: string, n = 12): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) - (n - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/** Records present at the end of each month: created by then, not archived by then. */
function presentAt(records: { createdAt: string; archivedAt?: string }[], months: string[]): number[] {
  return months.map((m) => {
    const end = `${lastDayOf(m)}T23:59:59.999Z`;
    return records.filter((r) => r.createdAt <= end && (!r.archivedAt || r.archivedAt > end)).length;
  });
}

export async function publicFigures(deps: Deps): Promise<PublicFigures> {
  const months = lastMonths(todayInParis(deps.now()));
  const snap = await loadDirectorySnapshot(deps);
  const fromUtc = `${firstDayOf(months[0]!)}T00:00:00.000Z`;
  const [entryPages, events, decisionsByMonth, hoursByMonth] = await Promise.all([
    Promise.all(months.map((m) => listEntriesOfMonth(deps.table, m, firstDayOf(m), lastDayOf(m)))),
    listEventsEndingFrom(deps.table, { fromUtc }),
    decisionCountsByMonth(deps, months),
    volunteerHoursByMonth(deps, months),
  ]);
  const visitsByMonth = entryPages.map((items) => items.reduce((n, e) => n + (e.kind === 'visit' ? 1 : e.kind === 'visit-cancellation' ? -1 : 0), 0));
  const eventsByMonth = months.map(() => 0);
  for (const e of events) {
    if (e.status === 'cancelled' || typeof e.startsAt !== 'string') continue;
    const i = months.indexOf(monthOf(e.startsAt.slice(0, 10)));
    if (i >= 0) eventsByMonth[i]!++;
  }
  const resources = [...snap.resources()].filter((r) => !r.place.archivedAt);
  const kinds = (['space', 'equipment', 'other'] as const).map((kind) => ({ kind, count: resources.filter((r) => r.facts.kind === kind).length }));
  const communes = new Map<string, number>();
  for (const r of resources) communes.set(r.place.address.commune, (communes.get(r.place.address.commune) ?? 0) + 1);
  const places = snap.places.filter((p) => p.membership !== 'former');
  const placesByMonth = presentAt(places, months);
  const peopleByMonth = presentAt(snap.people, months);
  return {
    months,
    placesByMonth,
    peopleByMonth,
    resourcesByKind: kinds,
    resourcesByCommune: [...communes].map(([commune, count]) => ({ commune, count })).sort((a, b) => b.count - a.count || a.commune.localeCompare(b.commune, 'fr')),
    visitsByMonth,
    eventsByMonth,
    decisionsByMonth,
    volunteerHoursByMonth: hoursByMonth,
    totals: {
      places: placesByMonth.at(-1)!,
      people: peopleByMonth.at(-1)!,
      resources: resources.length,
      visits: visitsByMonth.reduce((a, b) => a + b, 0),
      events: eventsByMonth.reduce((a, b) => a + b, 0),
      decisions: Object.values(decisionsByMonth).flat().reduce((a, b) => a + b, 0),
      adopted: decisionsByMonth.adopted.reduce((a, b) => a + b, 0),
      volunteerHours: Math.round(hoursByMonth.reduce((a, b) => a + b, 0) * 100) / 100,
    },
  };
}
