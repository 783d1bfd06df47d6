/**
 * The coordinator's visits. POST /v1/coordination/visits (admin). Primary course:
 * 1. check the actor and that the place exists;
 * 2. with `confirmDirectory`, mark the place and each of its resources verified today
 *    (one audited write each, the same as POST /v1/{places|resources}/{id}/verify);
 * 3. with `km`, when the settings name a volunteer coordinator with a vehicle, record a
 *    `mileage` contribution of that person for the visited place (it is then valued with
 *    the barème like any other trip); otherwise say why in `mileageNote`;
 * 4. store the visit with its audit entry.
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { authorize } from '../permissions.js';
import { NotFoundError } from '../errors.js';
import { getDirectoryRecordById } from '../../../integrations/dynamodb/directory-repository.js';
import { listCoordinationVisits, listCoordinationVisitsOfPlace, putCoordinationVisitItem } from '../../../integrations/dynamodb/coordination-repository.js';
import { CoordinationVisitSchema, type CoordinationVisit, type CoordinationVisitInput } from '../../../schemas/coordination.js';
import { PlaceSchema } from '../../../schemas/place.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { verifyRecord } from '../directory/write-records.js';
import { readValuationSettings } from '../valuation/settings.js';
import { createContribution } from '../valuation/contributions.js';
import { dayRange, todayInParis } from '../mobility/periods.js';

export const COORDINATION_ACTIVITY = 'Coordination du réseau : visite du lieu';

export async function recordCoordinationVisit(deps: Deps, actor: Actor, input: CoordinationVisitInput): Promise<CoordinationVisit> {
  authorize(actor, 'coordination.visit.write');
  const raw = await getDirectoryRecordById(deps.table, 'place', input.placeId);
  if (!raw || raw.archivedAt) throw new NotFoundError('Lieu', input.placeId);
  const place = PlaceSchema.parse(raw);

  let verified: CoordinationVisit['verified'];
  if (input.confirmDirectory) {
    const note = `Visite de coordination du ${input.date}`;
    await verifyRecord(deps, actor, 'place', place.id, { note });
    const snapshot = await loadDirectorySnapshot(deps);
    // The index holds resources that are not archived.
    const resources = [...snapshot.resources()].filter((r) => r.facts.placeId === place.id);
    for (const r of resources) await verifyRecord(deps, actor, 'resource', r.facts.id, { note });
    verified = { place: true, resources: resources.length };
  }

  let mileageContributionId: string | undefined;
  let mileageNote: string | undefined;
  if (input.km !== undefined) {
    const coordinator = (await readValuationSettings(deps)).coordinator;
    if (!coordinator) mileageNote = 'Aucune personne coordinatrice dans les réglages de valorisation (coordinator) : les kilomètres sont gardés avec la visite seulement.';
    else if (!coordinator.volunteer) mileageNote = 'La personne qui coordonne est salariée : ses kilomètres ne sont pas une contribution volontaire.';
    else if (!coordinator.vehicle) mileageNote = 'Le véhicule de la personne coordinatrice (coordinator.vehicle) manque dans les réglages : pas de contribution kilométrique.';
    else {
      const c = await createContribution(
        deps,
        actor,
        { kind: 'mileage', date: input.date, placeId: place.id, personId: coordinator.personId, activity: COORDINATION_ACTIVITY, km: input.km, vehicle: coordinator.vehicle },
        { note: 'Créée par une visite de coordination' },
      );
      mileageContributionId = c.id;
    }
  }

  const now = deps.now().toISOString();
  const visit: CoordinationVisit = {
    id: deps.newId(),
    placeId: place.id,
    placeName: place.name,
    date: input.date,
    notes: input.notes,
    todos: input.todos ?? [],
    ...(input.km !== undefined ? { km: input.km } : {}),
    confirmDirectory: input.confirmDirectory ?? false,
    ...(verified ? { verified } : {}),
    ...(mileageContributionId ? { mileageContributionId } : {}),
    ...(mileageNote ? { mileageNote } : {}),
    createdAt: now,
    createdBy: actorLabel(actor),
  };
  await putCoordinationVisitItem(deps.table, visit, { id: deps.newId(), entityType: 'coordination-visit', entityId: visit.id, action: 'create', actor: actorLabel(actor), at: now, after: visit });
  return visit;
}

/** GET /v1/coordination/visits: the admin sees all, a manager its own place's (the coordinator's notes about it). */
export async function listCoordinationVisitsFor(deps: Deps, actor: Actor, q: { placeId?: string; from?: string; to?: string }): Promise<{ items: CoordinationVisit[] }> {
  const placeId = actor.role === 'manager' ? (q.placeId ?? actor.placeId) : q.placeId;
  authorize(actor, 'coordination.visit.read', placeId);
  const today = todayInParis(deps.now());
  const { from, to } = dayRange(q, { from: `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, to: today }, 36);
  const raw = placeId ? await listCoordinationVisitsOfPlace(deps.table, placeId, from, to) : await listCoordinationVisits(deps.table, from, to);
  return { items: raw.map((r) => CoordinationVisitSchema.parse(r)).sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1)) };
}
