/** Votes and proxies: one member place, one vote, cast by its delegate, its proxy holder or the admin. */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { authorize, can } from '../permissions.js';
import { ConflictError, ForbiddenError, UnprocessableError } from '../errors.js';
import { getProxyStateItem, putProxyItems, putVoteItem } from '../../../integrations/dynamodb/decision-repository.js';
import { TransactionConditionFailed } from '../../../integrations/dynamodb/transaction.js';
import { readGovernanceSettings } from './governance-settings.js';
import { settleProposal } from './close-proposal.js';
import { channelOf, decisionAudit, inElectorate, loadProposal } from './proposal-store.js';
import type { Proxy, StoredProposal, Vote, VoteInput } from '../../../schemas/decision.js';

const CLOSED = 'Le vote est clos : il ne peut plus être enregistré ni changé.';

/** The proposal, up to date with the clock, open to votes (409 otherwise). */
export async function openForVotes(deps: Deps, id: string): Promise<StoredProposal> {
  const p = await settleProposal(deps, await loadProposal(deps, id));
  if (p.status === 'draft') throw new ConflictError('Cette proposition n’est pas encore ouverte au vote.');
  if (p.status === 'closed' || p.closing) throw new ConflictError(CLOSED);
  return p;
}

async function proxyHolderOf(deps: Deps, p: StoredProposal, placeId: string): Promise<string | undefined> {
  const state = await getProxyStateItem(deps.table, p.id, p.round, placeId);
  return typeof state?.gaveTo === 'string' ? state.gaveTo : undefined;
}

/** Who casts this vote and in which capacity (403 for a manager of another place holding no proxy from it). */
async function voterCapacity(deps: Deps, actor: Actor, p: StoredProposal, placeId: string): Promise<Pick<Vote, 'by' | 'proxyPlaceId'>> {
  if (can(actor, 'vote.cast')) return { by: 'admin' };
  if (can(actor, 'vote.cast', placeId)) return { by: 'self' };
  const holder = actor.role === 'manager' ? await proxyHolderOf(deps, p, placeId) : undefined;
  // A proxy holder's manager votes for the giving place as if it were its own.
  authorize(actor, 'vote.cast', holder);
  return { by: 'proxy', proxyPlaceId: holder };
}

/**
 * PUT /v1/proposals/{id}/votes/{placeId}. Primary course:
 * 1. read the proposal, settled with the clock (404; 409 when not open or closed);
 * 2. work out the capacity: the place itself (its manager, or its voting link), its proxy holder,
 *    or the admin recording a paper ballot (403 otherwise);
 * 3. refuse a place outside the electorate fixed at the opening (422);
 * 4. write the vote (it replaces the place's earlier vote) with its audit entry, on condition the
 *    round is still open and not closing (409). A proxy holder's vote never replaces the place's
 *    own vote (409), and needs the proxy to still be given (403).
 */
export async function castVote(deps: Deps, actor: Actor, id: string, placeId: string, input: VoteInput, channel?: 'link'): Promise<Vote> {
  const p = await openForVotes(deps, id);
  const capacity = await voterCapacity(deps, actor, p, placeId);
  if (!inElectorate(p, placeId)) {
    throw new UnprocessableError('Ce lieu ne fait pas partie des votants de cette proposition (lieux membres à son ouverture).', [{ path: 'placeId', message: 'hors de l’électorat' }]);
  }
  const at = deps.now().toISOString();
  const vote: Vote = {
    placeId,
    choice: input.choice,
    ...(input.comment ? { comment: input.comment } : {}),
    ...capacity,
    channel: channel ?? channelOf(actor),
    actor: actorLabel(actor),
    at,
  };
  try {
    await putVoteItem(deps.table, p.id, p.round, vote, decisionAudit(deps, actor, p.id, 'vote', vote.channel, { round: p.round, ...vote }, at));
  } catch (err) {
    if (!(err instanceof TransactionConditionFailed)) throw err;
    if (err.labels.includes('proposal')) throw new ConflictError(CLOSED);
    if (err.labels.includes('own-vote')) throw new ConflictError('Ce lieu a voté lui-même : son vote l’emporte sur la procuration.');
    throw new ForbiddenError('La procuration de ce lieu vous a été retirée.');
  }
  return vote;
}

/**
 * PUT /v1/proposals/{id}/proxies/{placeId} {to}. Primary course:
 * 1. read the proposal, open to votes (404, 409);
 * 2. the place's manager or the admin only (403);
 * 3. both places in the electorate, not to oneself, not from a place that holds proxies, not to a
 *    place that gave its own vote away (a chain) (422);
 * 4. at most `maxProxiesPerPlace` held by one place (409);
 * 5. write the proxy (replacing the place's earlier one) with its audit entry; conditions re-check
 *    3 and 4 in the transaction, so two proxies racing for the last slot cannot both win.
 */
export async function giveProxy(deps: Deps, actor: Actor, id: string, placeId: string, to: string): Promise<Proxy> {
  authorize(actor, 'proxy.give', placeId);
  const settings = await readGovernanceSettings(deps);
  for (let attempt = 0; attempt < 5; attempt++) {
    const p = await openForVotes(deps, id);
    if (!inElectorate(p, placeId)) throw new UnprocessableError('Ce lieu ne fait pas partie des votants de cette proposition.', [{ path: 'placeId', message: 'hors de l’électorat' }]);
    if (!inElectorate(p, to)) throw new UnprocessableError('La procuration ne peut être donnée qu’à un lieu membre votant sur cette proposition.', [{ path: 'to', message: 'hors de l’électorat' }]);
    if (to === placeId) throw new UnprocessableError('Un lieu ne peut pas se donner procuration à lui-même.', [{ path: 'to', message: 'le lieu lui-même' }]);
    const [fromState, toState] = await Promise.all([getProxyStateItem(deps.table, p.id, p.round, placeId), getProxyStateItem(deps.table, p.id, p.round, to)]);
    if (Number(fromState?.held ?? 0) > 0) throw new UnprocessableError('Ce lieu détient des procurations : il ne peut pas donner la sienne.', [{ path: 'placeId', message: 'détient des procurations' }]);
    if (typeof toState?.gaveTo === 'string') throw new UnprocessableError('Ce lieu a lui-même donné sa procuration : pas de procuration en chaîne.', [{ path: 'to', message: 'a donné sa procuration' }]);
    const previousTo = typeof fromState?.gaveTo === 'string' ? fromState.gaveTo : undefined;
    const at = deps.now().toISOString();
    const proxy: Proxy = { placeId, to, at, actor: actorLabel(actor) };
    if (previousTo === to) return { ...proxy, at: String(fromState?.gaveAt ?? at) };
    if (Number(toState?.held ?? 0) >= settings.maxProxiesPerPlace) {
      throw new ConflictError(`Ce lieu détient déjà ${settings.maxProxiesPerPlace === 1 ? 'une procuration' : `${settings.maxProxiesPerPlace} procurations`}, le maximum permis.`);
    }
    try {
      await putProxyItems(
        deps.table,
        { proposalId: p.id, round: p.round, from: placeId, to, previousTo, maxHeld: settings.maxProxiesPerPlace, at, actor: proxy.actor },
        decisionAudit(deps, actor, p.id, 'proxy', channelOf(actor), { round: p.round, placeId, to, previousTo }, at),
      );
      return proxy;
    } catch (err) {
      if (!(err instanceof TransactionConditionFailed)) throw err;
      if (err.labels.includes('proposal')) throw new ConflictError(CLOSED);
      // Another proxy changed these places meanwhile: check again with what is stored now.
    }
  }
  throw new ConflictError('Les procurations de ces lieux ont changé pendant l’enregistrement ; réessayez.');
}
