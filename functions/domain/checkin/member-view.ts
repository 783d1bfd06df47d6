import type { Deps } from '../deps.js';
import { loadPerson, loadPlace } from '../mobility/directory-refs.js';
import { passCandidates } from '../mobility/passes.js';
import { todayInParis } from '../mobility/periods.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { listVisitsOfPerson } from '../../../integrations/dynamodb/visit-repository.js';
import { VisitSchema, type Visit, type VisitScheme } from '../../../schemas/visit.js';
import type { Person } from '../../../schemas/person.js';
import type { Place } from '../../../schemas/place.js';

export interface MemberView {
  person: Person;
  homePlace?: Place;
  today: string;
  /** Passes valid today with the days left in the current period. */
  passes: { passId: string; period: string; daysLeft: number; daysPerPeriod: number }[];
  reservations: (Visit & { hostName: string })[];
  lastVisits: (Visit & { hostName: string })[];
}

/** What a member sees on their card page: pass days left, reservations to come, last visits. */
export async function memberView(deps: Deps, personId: string): Promise<MemberView> {
  const today = todayInParis(deps.now());
  const person = await loadPerson(deps, personId);
  const [homePlace, candidates, raw, snap] = await Promise.all([
    loadPlace(deps, person.homePlaceId).catch(() => undefined),
    passCandidates(deps, person.id, today),
    listVisitsOfPerson(deps.table, person.id, '0000-01-01', '9999-12-31'),
    loadDirectorySnapshot(deps),
  ]);
  const named = raw.map((r) => VisitSchema.parse(r)).map((v) => ({ ...v, hostName: snap.placesById.get(v.hostPlaceId)?.name ?? v.hostPlaceId }));
  return {
    person,
    ...(homePlace ? { homePlace } : {}),
    today,
    passes: candidates.map((c) => ({ passId: c.pass.id, period: c.period, daysLeft: Math.max(0, c.remaining), daysPerPeriod: c.pass.daysPerPeriod })),
    reservations: named.filter((v) => v.status === 'reserved' && v.date >= today),
    lastVisits: named.filter((v) => v.status === 'active').reverse().slice(0, 10),
  };
}

/** The scheme a member books or checks in with: a pass with days left, else the home place's default. */
export async function defaultSchemeOf(deps: Deps, person: Person, day: string): Promise<VisitScheme> {
  const candidates = await passCandidates(deps, person.id, day);
  if (candidates.some((c) => c.remaining > 0)) return 'pass';
  const home = await loadPlace(deps, person.homePlaceId).catch(() => undefined);
  return home?.mobility?.defaultVisitScheme ?? 'retrocession';
}
