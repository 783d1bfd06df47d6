import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { requireVisitWriter } from './mobility-access.js';
import { buildEntry } from './ledger-entries.js';
import { reversePostings } from './money-rules.js';
import { dayInWords } from '../text/fr.js';
import { journalEntryItems } from '../../../integrations/dynamodb/ledger-repository.js';
import { cancelVisitItems, getVisitItem } from '../../../integrations/dynamodb/visit-repository.js';
import { TransactionConditionFailed, writeLabelledTransaction } from '../../../integrations/dynamodb/transaction.js';
import { visitAuditItem } from '../checkin/visit-audit.js';
import { VisitSchema, type Visit } from '../../../schemas/visit.js';

export async function getVisit(deps: Deps, visitId: string): Promise<Visit> {
  const raw = await getVisitItem(deps.table, visitId);
  if (!raw) throw new NotFoundError('Visite', visitId);
  return VisitSchema.parse(raw);
}

/**
 * POST /v1/visits/{visitId}/cancel. Primary course:
 * 1. load the visit (404) and check the actor may change it (403);
 * 2. refuse a visit already cancelled (409);
 * 3. in one transaction (conditioned on the visit still being active): mark it cancelled,
 *    post the reversing entry dated the visit's date, free the host's day and the pass day,
 *    write the audit line.
 */
export async function cancelVisit(deps: Deps, actor: Actor, visitId: string): Promise<Visit> {
  const visit = await getVisit(deps, visitId);
  requireVisitWriter(actor, visit.hostPlaceId, visit.homePlaceId);
  const alreadyCancelled = new ConflictError(`La visite « ${visitId} » est déjà annulée.`);
  if (visit.status === 'cancelled') throw alreadyCancelled;
  const reversing = reversePostings(visit.postings);
  const entry = reversing.length
    ? buildEntry(deps, actor, { date: visit.date, memo: `Annulation de la visite du ${dayInWords(visit.date)}`, kind: 'visit-cancellation', postings: reversing, visitId, reversesEntryId: visit.entryId })
    : undefined;
  const cancelled: Visit = {
    ...visit,
    status: 'cancelled',
    cancelledAt: deps.now().toISOString(),
    cancelledBy: actorLabel(actor),
    cancellationEntryId: entry?.id,
    cancellationPostings: reversing,
  };
  try {
    await writeLabelledTransaction(deps.table, [...cancelVisitItems(deps.table, cancelled), ...(entry ? journalEntryItems(deps.table, entry) : []), visitAuditItem(deps, actor, 'cancel', cancelled, visit)]);
  } catch (err) {
    if (err instanceof TransactionConditionFailed && err.labels.includes('visit-state')) throw alreadyCancelled;
    throw err;
  }
  return cancelled;
}
