/** Opening a proposal to the vote: the electorate is fixed at that moment. */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { authorize } from '../permissions.js';
import { ConflictError, UnprocessableError } from '../errors.js';
import { replaceProposalItem } from '../../../integrations/dynamodb/decision-repository.js';
import { TransactionConditionFailed } from '../../../integrations/dynamodb/transaction.js';
import { currentElectorate, decisionAudit, loadProposal, SCHEDULER, type Channel } from './proposal-store.js';
import type { StoredProposal } from '../../../schemas/decision.js';

/** The proposal as it is once opened now (electorate: today's member places). */
export async function openedNow(deps: Deps, p: StoredProposal): Promise<StoredProposal> {
  const now = deps.now().toISOString();
  return { ...p, status: 'open', openedAt: now, electorate: await currentElectorate(deps), updatedAt: now, version: p.version + 1 };
}

async function writeOpening(deps: Deps, actor: Actor, p: StoredProposal, channel: Channel): Promise<StoredProposal> {
  const opened = await openedNow(deps, p);
  try {
    await replaceProposalItem(deps.table, opened, p.version, [decisionAudit(deps, actor, p.id, 'open', channel, { round: opened.round, electorate: opened.electorate, closesAt: opened.closesAt })]);
  } catch (err) {
    if (err instanceof TransactionConditionFailed) throw new ConflictError('La proposition a changé pendant son ouverture ; relisez-la.');
    throw err;
  }
  return opened;
}

/**
 * POST /v1/proposals/{id}/open (admin). Primary course:
 * 1. check the actor is the admin; read the proposal (404);
 * 2. refuse anything but a draft (409) and a draft whose closing time has passed (422);
 * 3. fix the electorate (the places whose membership is `member` now) and write the opening
 *    with its audit entry, on condition that the proposal did not change meanwhile.
 */
export async function openProposal(deps: Deps, actor: Actor, id: string): Promise<StoredProposal> {
  authorize(actor, 'proposal.manage');
  const p = await loadProposal(deps, id);
  if (p.status !== 'draft') throw new ConflictError('Seul un brouillon peut être ouvert : cette proposition est déjà ouverte ou close.');
  if (Date.parse(p.closesAt) <= deps.now().getTime()) {
    throw new UnprocessableError('La date de clôture de ce brouillon est passée : elle doit être dans le futur pour l’ouvrir.', [{ path: 'closesAt', message: 'date passée' }]);
  }
  return writeOpening(deps, actor, p, 'admin');
}

/** A draft scheduled by the admin (`opensAt`) whose time has come; a concurrent opener's result is read back. */
export async function openScheduledProposal(deps: Deps, p: StoredProposal, channel: Channel): Promise<StoredProposal> {
  try {
    return await writeOpening(deps, SCHEDULER, p, channel);
  } catch (err) {
    if (err instanceof ConflictError) return loadProposal(deps, p.id);
    throw err;
  }
}
