/** Audit entries of reservations and check-ins: who, through which channel, before and after. */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { auditItem } from '../audit.js';
import { ForbiddenError } from '../errors.js';
import { PERMISSIONS, authorize } from '../permissions.js';
import type { LabelledItem } from '../../../integrations/dynamodb/transaction.js';
import type { Visit } from '../../../schemas/visit.js';

/** `record` and `cancel` are the plain API/sync visit and its cancellation (../mobility/). */
export type VisitAuditAction = 'record' | 'cancel' | 'reserve' | 'cancel-reservation' | 'check-in' | 'release' | 'no-show' | 'confirm' | 'refuse';

export function visitAuditItem(deps: Deps, actor: Actor, action: VisitAuditAction, after: Visit, before?: Visit, note?: string): LabelledItem {
  return auditItem(deps, actor, { entityType: 'visit', entityId: after.id, action, before, after, channel: after.channel, note });
}

/**
 * The actor a member card acts as. It is a `system` actor (the table gives it the admin's
 * grants), so every use case reached with it first checks it acts for its own person only.
 */
export function cardActor(personId: string): Actor {
  return { role: 'system', id: `card:${personId}` };
}

/** The person a card actor stands for, if it is one. */
export function cardPersonOf(actor: Actor): string | undefined {
  return actor.role === 'system' && actor.id.startsWith('card:') ? actor.id.slice(5) : undefined;
}

/** Reserving or cancelling: a card only for its own person; everyone else as the permission table says. */
export function requireReservationActor(actor: Actor, visit: Pick<Visit, 'personId' | 'hostPlaceId' | 'homePlaceId'>): void {
  const cardPerson = cardPersonOf(actor);
  if (cardPerson !== undefined) {
    if (cardPerson !== visit.personId) throw new ForbiddenError('Une carte de membre n’agit que pour la personne à qui elle appartient.');
    return;
  }
  authorize(actor, 'reservation.write', visit.hostPlaceId, visit.homePlaceId);
}

/** Confirming or refusing a check-in: the host's manager, the admin, the jobs. */
export function requireHostConfirmer(actor: Actor, visit: Pick<Visit, 'hostPlaceId'>): void {
  if (cardPersonOf(actor) !== undefined) throw new ForbiddenError(PERMISSIONS['checkin.confirm'].denied);
  authorize(actor, 'checkin.confirm', visit.hostPlaceId);
}
