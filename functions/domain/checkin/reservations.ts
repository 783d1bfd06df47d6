import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { ConflictError, UnprocessableError } from '../errors.js';
import { recordVisit } from '../mobility/record-visit.js';
import { getVisit } from '../mobility/cancel-visit.js';
import { loadPerson, loadPlace } from '../mobility/directory-refs.js';
import { readMobilitySettings } from '../mobility/settings.js';
import { buildEntry } from '../mobility/ledger-entries.js';
import { SCHEME_LABELS, visitPostings } from '../mobility/money-rules.js';
import { todayInParis } from '../mobility/periods.js';
import { cardPersonOf, requireReservationActor, visitAuditItem } from './visit-audit.js';
import { journalEntryItems } from '../../../integrations/dynamodb/ledger-repository.js';
import { freeSlotItems, openReservationItem, pendingCheckinItem, visitStateItems } from '../../../integrations/dynamodb/reservation-repository.js';
import { TransactionConditionFailed, writeLabelledTransaction, type LabelledItem } from '../../../integrations/dynamodb/transaction.js';
import type { ReservationInput } from '../../../schemas/availability.js';
import type { Visit } from '../../../schemas/visit.js';

/** Check-ins wait this long for the host's answer, then confirm themselves. */
export const CHECKIN_CONFIRM_DAYS = 7;

/**
 * POST /v1/reservations (manager, admin, or a person through their card). Primary course:
 * 1. a card books only for its own person; the day is today or later (422);
 * 2. the visit use case with `reserve`: same refusals (404, 403, 409, 422) and idempotency,
 *    the host's day and the pass day are taken, nothing is posted;
 * 3. in the same transaction: the open-reservation marker (for the release job) and the audit entry.
 */
export async function createReservation(deps: Deps, actor: Actor, input: ReservationInput, idempotencyKey: string): Promise<{ visit: Visit; replayed: boolean }> {
  const cardPerson = cardPersonOf(actor);
  const person = await loadPerson(deps, input.personId);
  requireReservationActor(actor, { personId: person.id, hostPlaceId: input.hostPlaceId, homePlaceId: person.homePlaceId });
  const today = todayInParis(deps.now());
  if (input.date < today) throw new UnprocessableError(`On réserve à partir d’aujourd’hui (${today}).`, [{ path: 'date', message: 'jour passé' }]);
  return recordVisit(deps, actor, input, idempotencyKey, {
    reserve: true,
    fields: { channel: cardPerson ? 'card' : 'api' },
    extraItems: (visit) => [openReservationItem(deps.table, visit, 'put'), visitAuditItem(deps, actor, 'reserve', visit)],
  });
}

async function loadReservation(deps: Deps, actor: Actor, visitId: string): Promise<Visit> {
  const visit = await getVisit(deps, visitId);
  requireReservationActor(actor, visit);
  if (visit.status !== 'reserved') throw new ConflictError(`« ${visitId} » n’est pas (ou plus) une réservation en attente (statut : ${visit.status}).`);
  return visit;
}

async function writeTransition(deps: Deps, items: LabelledItem[], visitId: string): Promise<void> {
  try {
    await writeLabelledTransaction(deps.table, items);
  } catch (err) {
    if (err instanceof TransactionConditionFailed && err.labels.includes('visit-state')) throw new ConflictError(`La visite « ${visitId} » vient de changer d’état ; relisez-la.`);
    throw err;
  }
}

/**
 * POST /v1/reservations/{id}/cancel. Primary course: load the reservation (404, 409 when not
 * reserved), check the actor (its card, the host's or home place's manager, the admin), then in
 * one transaction conditioned on it still being reserved: mark it cancelled, free the host's day
 * and the pass day, drop the open-reservation marker, audit.
 */
export async function cancelReservation(deps: Deps, actor: Actor, visitId: string): Promise<Visit> {
  const visit = await loadReservation(deps, actor, visitId);
  const cancelled: Visit = { ...visit, status: 'cancelled', cancelledAt: deps.now().toISOString(), cancelledBy: actorLabel(actor) };
  await writeTransition(deps, [...visitStateItems(deps.table, cancelled, { status: 'reserved' }), ...freeSlotItems(deps.table, visit), openReservationItem(deps.table, visit, 'delete'), visitAuditItem(deps, actor, 'cancel-reservation', cancelled, visit)], visitId);
  return cancelled;
}

/**
 * A reservation becomes a visit (check-in at the door, or a no-show charged). Primary course:
 * 1. compute the scheme's postings with today's settings (the slot and pass day are already held);
 * 2. in one transaction conditioned on the visit still being reserved: the active visit and its
 *    copies, the journal entry, the open-reservation marker dropped, for a door check-in the
 *    host's pending confirmation, and the audit entry. A second check-in finds it active (409).
 */
export async function checkInReservation(deps: Deps, actor: Actor, reservation: Visit, how: { channel: 'checkin' | 'no-show' }): Promise<Visit> {
  const [person, host, settings] = await Promise.all([loadPerson(deps, reservation.personId), loadPlace(deps, reservation.hostPlaceId), readMobilitySettings(deps)]);
  const { amountCents, postings } = visitPostings(reservation.scheme, { personId: person.id, homePlaceId: reservation.homePlaceId, hostPlaceId: host.id }, settings, host.mobility?.preferentialDayRateCents ?? 0);
  const entry = postings.length
    ? buildEntry(deps, actor, { date: reservation.date, memo: `Visite de ${person.displayName} à ${host.name} (${SCHEME_LABELS[reservation.scheme]})${how.channel === 'no-show' ? ' — réservation non honorée' : ''}`, kind: 'visit', postings, visitId: reservation.id })
    : undefined;
  const now = deps.now();
  const pending = how.channel === 'checkin' && host.mobility?.checkinNeedsConfirmation !== false;
  const confirmBy = pending ? new Date(now.getTime() + CHECKIN_CONFIRM_DAYS * 86_400_000).toISOString() : undefined;
  const visit: Visit = {
    ...reservation,
    status: 'active',
    channel: how.channel,
    amountCents,
    postings,
    entryId: entry?.id,
    checkedInAt: now.toISOString(),
    ...(how.channel === 'no-show' ? { noShow: true } : {}),
    ...(confirmBy ? { confirmation: 'pending' as const, confirmBy } : {}),
  };
  await writeTransition(
    deps,
    [
      ...visitStateItems(deps.table, visit, { status: 'reserved' }),
      ...(entry ? journalEntryItems(deps.table, entry) : []),
      openReservationItem(deps.table, reservation, 'delete'),
      ...(confirmBy ? [pendingCheckinItem(deps.table, visit.id, confirmBy, 'put')] : []),
      visitAuditItem(deps, actor, how.channel === 'no-show' ? 'no-show' : 'check-in', visit, reservation),
    ],
    reservation.id,
  );
  return visit;
}

/** A reservation not checked in by the end of its day, freed: nothing posted. */
export async function releaseReservation(deps: Deps, actor: Actor, reservation: Visit): Promise<Visit> {
  const released: Visit = { ...reservation, status: 'released', releasedAt: deps.now().toISOString() };
  await writeTransition(deps, [...visitStateItems(deps.table, released, { status: 'reserved' }), ...freeSlotItems(deps.table, reservation), openReservationItem(deps.table, reservation, 'delete'), visitAuditItem(deps, actor, 'release', released, reservation)], reservation.id);
  return released;
}
