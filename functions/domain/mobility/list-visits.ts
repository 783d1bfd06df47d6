import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { requireNetworkReader, requirePersonReader, requirePlaceReader } from './mobility-access.js';
import { loadPerson } from './directory-refs.js';
import { dayRange, firstDayOf, lastDayOf, monthOf, monthsBetween, todayInParis } from './periods.js';
import { pageByOffset } from '../paging.js';
import { listVisitsOfMonth, listVisitsOfPerson, listVisitsOfPlace } from '../../../integrations/dynamodb/visit-repository.js';
import { VisitSchema, type Visit, type VisitListItem } from '../../../schemas/visit.js';
import { accountNamesFor } from './account-names.js';

/**
 * GET /v1/visits?placeId=&personId=&from=&to=, oldest first.
 * - placeId: the visits the place received and sent (its own manager, network-wide roles);
 * - personId: that person's visits (its home place's manager, network-wide roles);
 * - neither: every visit of at most 12 months (network-wide roles; the current month by default);
 * - status: one status, or `pending` (check-ins awaiting the host's confirmation).
 */
export async function listVisits(
  deps: Deps,
  actor: Actor,
  q: { placeId?: string; personId?: string; from?: string; to?: string; status?: Visit['status'] | 'pending'; limit: number; cursor?: string },
): Promise<{ items: VisitListItem[]; nextCursor?: string }> {
  let raw: Record<string, unknown>[];
  if (q.placeId) {
    requirePlaceReader(actor, q.placeId, { integration: true });
    const { from, to } = dayRange(q, { from: '0000-01-01', to: '9999-12-31' }, Number.MAX_SAFE_INTEGER);
    raw = (await listVisitsOfPlace(deps.table, q.placeId, from, to)).map((r) => r.visit).filter((v) => q.personId === undefined || v.personId === q.personId);
  } else if (q.personId) {
    const person = await loadPerson(deps, q.personId);
    requirePersonReader(actor, person.homePlaceId);
    const { from, to } = dayRange(q, { from: '0000-01-01', to: '9999-12-31' }, Number.MAX_SAFE_INTEGER);
    raw = await listVisitsOfPerson(deps.table, q.personId, from, to);
  } else {
    requireNetworkReader(actor);
    const month = monthOf(todayInParis(deps.now()));
    const { from, to } = dayRange(q, { from: firstDayOf(month), to: lastDayOf(month) }, 12);
    raw = (await Promise.all(monthsBetween(monthOf(from), monthOf(to)).map((m) => listVisitsOfMonth(deps.table, m, from, to)))).flat();
  }
  const visits = raw.map((r) => VisitSchema.parse(r));
  // `pending`: check-ins at the door the host has not confirmed yet (they are active visits).
  const matches = (v: Visit) => q.status === undefined || (q.status === 'pending' ? v.status === 'active' && v.confirmation === 'pending' : v.status === q.status);
  const page = pageByOffset(visits.filter(matches), q.limit, q.cursor);
  const names = await accountNamesFor(deps, actor);
  return {
    ...page,
    items: page.items.map((v) => {
      const personName = names.visiblePersonName(v.personId);
      return { ...v, ...(personName ? { personName } : {}), hostPlaceName: names.placeName(v.hostPlaceId), homePlaceName: names.placeName(v.homePlaceId) };
    }),
  };
}
