/**
 * Closing a round: the result is computed once from the stored votes and stored with the
 * proposal; nothing recomputes it afterwards (the minutes, the archive and the sheet read
 * the stored result).
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { ConflictError } from '../errors.js';
import { listDueProposalItems, markProposalClosing, storeProposalResult } from '../../../integrations/dynamodb/decision-repository.js';
import { TransactionConditionFailed } from '../../../integrations/dynamodb/transaction.js';
import { computeResult } from './compute-result.js';
import { decisionAudit, findProposal, listVotes, loadProposal, SCHEDULER, type Channel } from './proposal-store.js';
import { openScheduledProposal } from './open-proposal.js';
import type { StoredProposal } from '../../../schemas/decision.js';

/**
 * Closes the proposal's current round. Primary course:
 * 1. read the proposal; a closed one is returned as it is (or 409 when `strict`), a draft is 409;
 * 2. mark it `closing` (conditional: still open, same round): every vote not yet committed now fails;
 * 3. read it back and read the round's votes, strongly consistent: exactly the votes committed before the mark;
 * 4. compute the result (compute-result.ts) and store it with the `closed` status and an audit entry,
 *    on condition that the proposal is still `closing` in this round with no result: when two
 *    closers race, one stores and the other reads that stored result.
 * A closer that stops between 2 and 4 leaves the proposal `closing`: the next close finishes it.
 */
export async function closeProposal(deps: Deps, actor: Actor, id: string, channel: Channel, opts: { strict?: boolean } = {}): Promise<StoredProposal> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const p = await loadProposal(deps, id);
    if (p.status === 'closed') {
      if (opts.strict) throw new ConflictError('Cette proposition est déjà close : son résultat ne change plus.');
      return p;
    }
    if (p.status === 'draft') throw new ConflictError('Un brouillon n’est pas ouvert au vote : il ne peut pas être clos.');
    try {
      if (!p.closing) await markProposalClosing(deps.table, p.id, p.round);
      const marked = await loadProposal(deps, id);
      if (marked.status !== 'open' || marked.round !== p.round) continue;
      const votes = await listVotes(deps, marked);
      const closedAt = deps.now().toISOString();
      const result = computeResult({ rule: marked.rule, quorumShare: marked.quorumShare, electorate: marked.electorate?.length ?? 0, choices: votes.map((v) => v.choice), closedAt });
      await storeProposalResult(deps.table, marked, result, decisionAudit(deps, actor, id, 'close', channel, { round: marked.round, result }, closedAt));
      return loadProposal(deps, id);
    } catch (err) {
      // Someone else marked or closed it meanwhile: read again.
      if (!(err instanceof TransactionConditionFailed)) throw err;
    }
  }
  throw new ConflictError('La clôture de cette proposition est en cours ; réessayez dans un instant.');
}

/**
 * Brings a proposal up to date with the clock: a scheduled draft whose opening time has come
 * is opened, an open proposal whose closing time has passed is closed (a read after `closesAt`
 * closes it, so no result waits for the scheduled job).
 */
export async function settleProposal(deps: Deps, p: StoredProposal, channel: Channel = 'read'): Promise<StoredProposal> {
  const now = deps.now().getTime();
  let current = p;
  if (current.status === 'draft' && current.opensAt && Date.parse(current.opensAt) <= now) {
    current = await openScheduledProposal(deps, current, channel);
  }
  if (current.status === 'open' && Date.parse(current.closesAt) <= now) {
    current = await closeProposal(deps, SCHEDULER, current.id, channel);
  }
  return current;
}

/** The scheduled job: opens and closes every proposal that is due. Returns what it changed. */
export async function settleDueProposals(deps: Deps): Promise<{ opened: string[]; closed: string[] }> {
  const due = await listDueProposalItems(deps.table, deps.now().toISOString());
  const opened: string[] = [];
  const closed: string[] = [];
  for (const item of due) {
    const p = await findProposal(deps, String(item.id));
    if (!p) continue;
    const after = await settleProposal(deps, p, 'schedule');
    if (p.status === 'draft' && after.status !== 'draft') opened.push(p.id);
    if (after.status === 'closed' && (p.status !== 'closed' || p.round !== after.round)) closed.push(p.id);
  }
  return { opened, closed };
}
