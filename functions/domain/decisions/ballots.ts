/**
 * Voting links: one opaque token per electorate place, so a delegate votes without an account.
 * Only the SHA-256 of a token is stored; a token is valid for its place, its proposal and its
 * round until the close, and asking for links again revokes the earlier ones (the proposal's
 * link generation moves).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { authorize } from '../permissions.js';
import { ConflictError } from '../errors.js';
import { getBallotItem, putBallotItems } from '../../../integrations/dynamodb/decision-repository.js';
import { TransactionConditionFailed } from '../../../integrations/dynamodb/transaction.js';
import { castVote, openForVotes } from './votes.js';
import { settleProposal } from './close-proposal.js';
import { decisionAudit, findProposal, listVotes } from './proposal-store.js';
import type { Elector, StoredProposal, Vote, VoteInput } from '../../../schemas/decision.js';

/** Links stay in the table this long after the close (DynamoDB TTL), then vanish. */
const KEEP_AFTER_CLOSE_SECONDS = 30 * 86_400;

export function hashBallotToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * POST /v1/proposals/{id}/ballots (admin). Primary course:
 * 1. check the actor is the admin; the proposal must be open (404, 409);
 * 2. draw one random token per electorate place;
 * 3. move the proposal's link generation (conditional: still open, same round), which revokes
 *    every earlier link, then store the tokens' hashes; audited with the number of links.
 */
export async function issueBallots(deps: Deps, actor: Actor, id: string): Promise<{ items: { placeId: string; placeName: string; url: string }[] }> {
  authorize(actor, 'proposal.manage');
  const p = await openForVotes(deps, id);
  const generation = (p.ballotGeneration ?? 0) + 1;
  const base = (deps.publicBaseUrl ?? '').replace(/\/+$/, '');
  const drawn = (p.electorate ?? []).map((e) => ({ ...e, token: randomBytes(24).toString('base64url') }));
  try {
    await putBallotItems(
      deps.table,
      {
        proposalId: p.id,
        round: p.round,
        generation,
        expiresAtEpoch: Math.floor(Date.parse(p.closesAt) / 1000) + KEEP_AFTER_CLOSE_SECONDS,
        ballots: drawn.map((d) => ({ tokenHash: hashBallotToken(d.token), placeId: d.placeId })),
      },
      decisionAudit(deps, actor, p.id, 'ballots', 'admin', { round: p.round, generation, links: drawn.length }),
    );
  } catch (err) {
    if (err instanceof TransactionConditionFailed) throw new ConflictError('Le vote est clos : plus de liens de vote.');
    throw err;
  }
  return { items: drawn.map((d) => ({ placeId: d.placeId, placeName: d.placeName, url: `${base}/vote/${d.token}` })) };
}

export type BallotLookup =
  | { ok: true; proposal: StoredProposal; elector: Elector; vote?: Vote }
  | { ok: false; status: 404 | 410; reason: 'unknown' | 'revoked' | 'closed' };

/** What a voting link opens: its proposal and place, and that place's current vote only. */
export async function lookUpBallot(deps: Deps, token: string): Promise<BallotLookup> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) return { ok: false, status: 404, reason: 'unknown' };
  const ballot = await getBallotItem(deps.table, hashBallotToken(token));
  const found = ballot ? await findProposal(deps, String(ballot.proposalId)) : undefined;
  if (!ballot || !found) return { ok: false, status: 404, reason: 'unknown' };
  const proposal = await settleProposal(deps, found);
  if (ballot.round !== proposal.round || proposal.status === 'closed') {
    return { ok: false, status: 410, reason: 'closed' };
  }
  if (ballot.generation !== proposal.ballotGeneration) return { ok: false, status: 410, reason: 'revoked' };
  const elector = proposal.electorate?.find((e) => e.placeId === ballot.placeId);
  if (!elector || proposal.status !== 'open') return { ok: false, status: 410, reason: 'closed' };
  const vote = (await listVotes(deps, proposal)).find((v) => v.placeId === elector.placeId);
  return { ok: true, proposal, elector, ...(vote ? { vote } : {}) };
}

/** POST /vote/<token>: the place's own vote, recorded like its manager would, through the link channel. */
export async function voteWithBallot(deps: Deps, found: Extract<BallotLookup, { ok: true }>, input: VoteInput): Promise<Vote> {
  const delegate: Actor = { role: 'manager', id: 'lien-de-vote', placeId: found.elector.placeId };
  return castVote(deps, delegate, found.proposal.id, found.elector.placeId, input, 'link');
}
