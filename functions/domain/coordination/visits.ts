/**
 * The coordinator's visits. POST /v1/coordination/visits (admin or the coordinator's token).
 * A visit is three writes that cannot share one transaction (each directory record moves
 * the directory's version counter; a place may have more resources than a transaction
 * holds), so it is made idempotent instead: a retry after a crash completes it, without
 * duplicates. Primary course:
 * 1. check the actor and that the place exists;
 * 2. the intent: by the idempotency key (the client's `Idempotency-Key`, else the actor and
 *    the body), store once the visit id, the trip's contribution id and the start time;
 *    a retry reads them back; if the visit is already stored, it is answered as is;
 * 3. with `confirmDirectory`, mark verified the place and each of its resources not yet
 *    verified since the intent's start (one audited write each; a retry skips those done);
 * 4. with `km`, when the settings name a volunteer coordinator with a vehicle, the `mileage`
 *    contribution under the intent's id (a retry finds it and does not add a second);
 * 5. store the visit with its audit entry (condition: not there yet).
 * The directory and the contribution are written under the visit's authority (the
 * coordinator may verify the place visited, not edit the directory otherwise), with the
 * caller's name in their audit entries.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { authorize } from '../permissions.js';
import { NotFoundError } from '../errors.js';
import { getDirectoryRecordById } from '../../../integrations/dynamodb/directory-repository.js';
import { getCoordinationVisitItem, listCoordinationVisits, listCoordinationVisitsOfPlace, putCoordinationVisitItem, putVisitIntent } from '../../../integrations/dynamodb/coordination-repository.js';
import { getContributionItem } from '../../../integrations/dynamodb/contribution-repository.js';
import { TransactionConditionFailed } from '../../../integrations/dynamodb/transaction.js';
import { CoordinationVisitSchema, type CoordinationVisit, type CoordinationVisitInput } from '../../../schemas/coordination.js';
import { PlaceSchema } from '../../../schemas/place.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { verifyRecord } from '../directory/write-records.js';
import { readValuationSettings } from '../valuation/settings.js';
import { createContribution } from '../valuation/contributions.js';
import { dayRange, todayInParis } from '../mobility/periods.js';

export const COORDINATION_ACTIVITY = 'Coordination du réseau : visite du lieu';
const INTENT_DAYS = 30;

/** Same key for the same request: the client's key, else who sends it and what (fields in a fixed order). */
export function visitKeyHash(actor: Actor, input: CoordinationVisitInput, idempotencyKey?: string): string {
  const body = idempotencyKey
    ? `key:${idempotencyKey}`
    : JSON.stringify([input.placeId, input.date, input.notes, input.todos ?? [], input.km ?? null, input.confirmDirectory ?? false]);
  return createHash('sha256').update(`${actorLabel(actor)}\n${body}`).digest('hex');
}

async function verifyPlaceOnce(deps: Deps, by: Actor, placeId: string, startedAt: string, date: string): Promise<CoordinationVisit['verified']> {
  const note = `Visite de coordination du ${date}`;
  const fresh = (r: { verifiedAt?: string }) => r.verifiedAt !== undefined && r.verifiedAt >= startedAt;
  const place = await getDirectoryRecordById(deps.table, 'place', placeId);
  if (!place || !fresh(place as { verifiedAt?: string })) await verifyRecord(deps, by, 'place', placeId, { note });
  const snapshot = await loadDirectorySnapshot(deps);
  // The index holds resources that are not archived; their stored record says when they were last verified.
  const ids = [...snapshot.resources()].filter((r) => r.facts.placeId === placeId).map((r) => r.facts.id);
  for (const id of ids) {
    const r = await getDirectoryRecordById(deps.table, 'resource', id);
    if (!r || !fresh(r as { verifiedAt?: string })) await verifyRecord(deps, by, 'resource', id, { note });
  }
  return { place: true, resources: ids.length };
}

async function mileageOnce(deps: Deps, by: Actor, input: CoordinationVisitInput, placeId: string, contributionId: string): Promise<{ id?: string; note?: string }> {
  const coordinator = (await readValuationSettings(deps)).coordinator;
  if (!coordinator) return { note: 'Aucune personne coordinatrice dans les réglages de valorisation (coordinator) : les kilomètres sont gardés avec la visite seulement.' };
  if (!coordinator.volunteer) return { note: 'La personne qui coordonne est salariée : ses kilomètres ne sont pas une contribution volontaire.' };
  if (!coordinator.vehicle) return { note: 'Le véhicule de la personne coordinatrice (coordinator.vehicle) manque dans les réglages : pas de contribution kilométrique.' };
  if (await getContributionItem(deps.table, contributionId)) return { id: contributionId };
  await createContribution(
    deps,
    by,
    { kind: 'mileage', date: input.date, placeId, personId: coordinator.personId, activity: COORDINATION_ACTIVITY, km: input.km!, vehicle: coordinator.vehicle },
    { note: 'Créée par une visite de coordination', id: contributionId },
  );
  return { id: contributionId };
}

export async function recordCoordinationVisit(deps: Deps, actor: Actor, input: CoordinationVisitInput, opts: { idempotencyKey?: string } = {}): Promise<CoordinationVisit> {
  authorize(actor, 'coordination.visit.write');
  const raw = await getDirectoryRecordById(deps.table, 'place', input.placeId);
  if (!raw || raw.archivedAt) throw new NotFoundError('Lieu', input.placeId);
  const place = PlaceSchema.parse(raw);

  const now = deps.now();
  const intent = await putVisitIntent(deps.table, visitKeyHash(actor, input, opts.idempotencyKey), { visitId: deps.newId(), contributionId: deps.newId(), startedAt: now.toISOString() }, Math.floor(now.getTime() / 1000) + INTENT_DAYS * 86_400);
  const stored = await getCoordinationVisitItem(deps.table, input.date, intent.visitId, place.id);
  if (stored) return CoordinationVisitSchema.parse(stored);

  const by: Actor = { role: 'system', id: actorLabel(actor) };
  const verified = input.confirmDirectory ? await verifyPlaceOnce(deps, by, place.id, intent.startedAt, input.date) : undefined;
  const mileage = input.km !== undefined ? await mileageOnce(deps, by, input, place.id, intent.contributionId) : {};

  const at = deps.now().toISOString();
  const visit: CoordinationVisit = {
    id: intent.visitId,
    placeId: place.id,
    placeName: place.name,
    date: input.date,
    notes: input.notes,
    todos: input.todos ?? [],
    ...(input.km !== undefined ? { km: input.km } : {}),
    confirmDirectory: input.confirmDirectory ?? false,
    ...(verified ? { verified } : {}),
    ...(mileage.id ? { mileageContributionId: mileage.id } : {}),
    ...(mileage.note ? { mileageNote: mileage.note } : {}),
    createdAt: intent.startedAt,
    createdBy: actorLabel(actor),
  };
  try {
    await putCoordinationVisitItem(deps.table, visit, { id: deps.newId(), entityType: 'coordination-visit', entityId: visit.id, action: 'create', actor: actorLabel(actor), at, after: visit });
  } catch (err) {
    // Two retries racing: the other one stored it.
    if (!(err instanceof TransactionConditionFailed)) throw err;
    return CoordinationVisitSchema.parse(await getCoordinationVisitItem(deps.table, input.date, intent.visitId, place.id));
  }
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
