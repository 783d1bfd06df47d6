import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { ConflictError } from '../errors.js';
import { getVisit } from '../mobility/cancel-visit.js';
import { buildEntry } from '../mobility/ledger-entries.js';
import { reversePostings } from '../mobility/money-rules.js';
import { requireHostConfirmer, visitAuditItem } from './visit-audit.js';
import { journalEntryItems } from '../../../integrations/dynamodb/ledger-repository.js';
import { freeSlotItems, pendingCheckinItem, visitStateItems } from '../../../integrations/dynamodb/reservation-repository.js';
import { TransactionConditionFailed, writeLabelledTransaction, type LabelledItem } from '../../../integrations/dynamodb/transaction.js';
import type { Visit } from '../../../schemas/visit.js';

async function loadPending(deps: Deps, actor: Actor, visitId: string): Promise<Visit> {
  const visit = await getVisit(deps, visitId);
  requireHostConfirmer(actor, visit);
  if (visit.status !== 'active' || visit.confirmation !== 'pending') {
    throw new ConflictError(`Le passage « ${visitId} » n’attend pas de confirmation (${visit.status === 'cancelled' ? 'annulé' : (visit.confirmation ?? 'enregistré sans confirmation')}).`);
  }
  return visit;
}

async function write(items: LabelledItem[], deps: Deps, visitId: string): Promise<void> {
  try {
    await writeLabelledTransaction(deps.table, items);
  } catch (err) {
    if (err instanceof TransactionConditionFailed && err.labels.includes('visit-state')) throw new ConflictError(`Le passage « ${visitId} » vient d’être confirmé, refusé ou annulé.`);
    throw err;
  }
}

/**
 * POST /v1/visits/{visitId}/confirm (host's manager, admin; the job after 7 days). One
 * transaction conditioned on the check-in still pending: confirmed, marker dropped, audited.
 */
export async function confirmCheckin(deps: Deps, actor: Actor, visitId: string): Promise<Visit> {
  const visit = await loadPending(deps, actor, visitId);
  const confirmed: Visit = { ...visit, confirmation: 'confirmed', confirmedAt: deps.now().toISOString(), confirmedBy: actorLabel(actor) };
  await write([...visitStateItems(deps.table, confirmed, { status: 'active', confirmation: 'pending' }), pendingCheckinItem(deps.table, visit.id, visit.confirmBy!, 'delete'), visitAuditItem(deps, actor, 'confirm', confirmed, visit)], deps, visitId);
  return confirmed;
}

/**
 * POST /v1/visits/{visitId}/refuse (host's manager, admin). One transaction conditioned on the
 * check-in still pending: cancelled with reversing entries dated the visit's day, the host's day
 * and the pass day freed, marker dropped, audited.
 */
export async function refuseCheckin(deps: Deps, actor: Actor, visitId: string): Promise<Visit> {
  const visit = await loadPending(deps, actor, visitId);
  const reversing = reversePostings(visit.postings);
  const entry = reversing.length
    ? buildEntry(deps, actor, { date: visit.date, memo: `Passage du ${visit.date} refusé par le lieu d’accueil`, kind: 'visit-cancellation', postings: reversing, visitId, reversesEntryId: visit.entryId })
    : undefined;
  const refused: Visit = {
    ...visit,
    status: 'cancelled',
    confirmation: 'refused',
    cancelledAt: deps.now().toISOString(),
    cancelledBy: actorLabel(actor),
    cancellationEntryId: entry?.id,
    cancellationPostings: reversing,
  };
  await write(
    [
      ...visitStateItems(deps.table, refused, { status: 'active', confirmation: 'pending' }),
      ...freeSlotItems(deps.table, visit),
      ...(entry ? journalEntryItems(deps.table, entry) : []),
      pendingCheckinItem(deps.table, visit.id, visit.confirmBy!, 'delete'),
      visitAuditItem(deps, actor, 'refuse', refused, visit),
    ],
    deps,
    visitId,
  );
  return refused;
}
