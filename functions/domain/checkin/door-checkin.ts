import type { Deps } from '../deps.js';
import { ConflictError } from '../errors.js';
import { recordVisit } from '../mobility/record-visit.js';
import { getVisit } from '../mobility/cancel-visit.js';
import { loadPerson, loadPlace } from '../mobility/directory-refs.js';
import { passCandidates } from '../mobility/passes.js';
import { todayInParis } from '../mobility/periods.js';
import { CHECKIN_CONFIRM_DAYS, checkInReservation } from './reservations.js';
import { cardActor, visitAuditItem } from './visit-audit.js';
import { defaultSchemeOf } from './member-view.js';
import { getVisitIdOfPersonAtHost, pendingCheckinItem } from '../../../integrations/dynamodb/reservation-repository.js';
import type { Place } from '../../../schemas/place.js';
import type { Person } from '../../../schemas/person.js';
import type { Visit } from '../../../schemas/visit.js';

export interface DoorCheckinResult {
  /** `recorded` now, or `already` recorded today (a second scan changes nothing). */
  outcome: 'recorded' | 'already';
  visit: Visit;
  person: Person;
  host: Place;
  /** Pass days left in the period after this visit (pass visits only). */
  passDaysLeft?: number;
}

async function passDaysLeft(deps: Deps, visit: Visit): Promise<number | undefined> {
  if (!visit.passId) return undefined;
  const c = (await passCandidates(deps, visit.personId, visit.date)).find((x) => x.pass.id === visit.passId);
  return c ? Math.max(0, c.remaining) : undefined;
}

/**
 * A person checks in at a host's door today (poster scanned with their card, or their code).
 * Primary course:
 * 1. a visit or reservation of this person at this host today? A reservation is checked in
 *    (its slot is already held); an active visit answers `already` — nothing changes;
 * 2. else the scheme: the person's valid pass with days left, else the home place's default
 *    (`retrocession` unless it says `preferential`);
 * 3. the visit use case (capacity, quotas, postings, all refusals) with `channel: "checkin"`,
 *    pending for the host for 7 days unless the host turned confirmation off, audited.
 * A concurrent second scan loses on the person-at-host marker and answers `already`.
 */
export async function checkInAtDoor(deps: Deps, personId: string, hostPlaceId: string, via: 'carte' | 'code'): Promise<DoorCheckinResult> {
  const actor = cardActor(personId);
  const date = todayInParis(deps.now());
  const [person, host] = await Promise.all([loadPerson(deps, personId), loadPlace(deps, hostPlaceId)]);
  const existing = async (): Promise<DoorCheckinResult | undefined> => {
    const visitId = await getVisitIdOfPersonAtHost(deps.table, host.id, date, person.id);
    if (!visitId) return undefined;
    const visit = await getVisit(deps, visitId);
    if (visit.status === 'reserved') {
      try {
        const checked = await checkInReservation(deps, actor, visit, { channel: 'checkin' });
        return { outcome: 'recorded', visit: checked, person, host, passDaysLeft: await passDaysLeft(deps, checked) };
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        return { outcome: 'already', visit: await getVisit(deps, visitId), person, host };
      }
    }
    return { outcome: 'already', visit, person, host, passDaysLeft: await passDaysLeft(deps, visit) };
  };
  const found = await existing();
  if (found) return found;

  const scheme = await defaultSchemeOf(deps, person, date);
  const pending = host.mobility?.checkinNeedsConfirmation !== false;
  const confirmBy = pending ? new Date(deps.now().getTime() + CHECKIN_CONFIRM_DAYS * 86_400_000).toISOString() : undefined;
  try {
    // A fresh key: the person-at-host marker, not the key, is what makes a second scan a no-op.
    const { visit } = await recordVisit(deps, actor, { personId: person.id, hostPlaceId: host.id, date, scheme }, `checkin#${deps.newId()}`, {
      fields: { channel: 'checkin', ...(confirmBy ? { confirmation: 'pending' as const, confirmBy } : {}) },
      extraItems: (v) => [...(confirmBy ? [pendingCheckinItem(deps.table, v.id, confirmBy, 'put')] : []), visitAuditItem(deps, actor, 'check-in', v, undefined, via)],
    });
    return { outcome: 'recorded', visit, person, host, passDaysLeft: await passDaysLeft(deps, visit) };
  } catch (err) {
    if (err instanceof ConflictError) {
      const raced = await existing();
      if (raced) return raced;
    }
    throw err;
  }
}
