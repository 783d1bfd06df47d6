/** Proposals: creation, reading (public, drafts to the admin and their author), second call, the archive. */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { authorize, can } from '../permissions.js';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors.js';
import { normalizeText, matchesQuery } from '../directory/text.js';
import { parisDay } from '../events/paris-time.js';
import { listClosedProposalItems, listProposalItems, putNewProposalItem, replaceProposalItem } from '../../../integrations/dynamodb/decision-repository.js';
import { TransactionConditionFailed } from '../../../integrations/dynamodb/transaction.js';
import { readGovernanceSettings } from './governance-settings.js';
import { openedNow } from './open-proposal.js';
import { settleDueProposals, settleProposal } from './close-proposal.js';
import { decisionAudit, findProposal, listProxies, listVotes, loadProposal } from './proposal-store.js';
import { StoredProposalSchema, type Proposal, type ProposalInput, type StoredProposal } from '../../../schemas/decision.js';

const utc = (s: string) => new Date(s).toISOString();

/**
 * POST /v1/proposals. Primary course:
 * 1. the admin creates any proposal; a manager only submits a draft for its place (403 otherwise);
 * 2. the rule and quorum default to the governance settings as they are now;
 * 3. refuse a closing time in the past (422);
 * 4. an admin's proposal opens at once (electorate fixed now) unless it is a draft or its
 *    `opensAt` is in the future (it opens then);
 * 5. write the proposal with its audit entries (creation, and opening when it opened).
 */
export async function createProposal(deps: Deps, actor: Actor, input: ProposalInput): Promise<StoredProposal> {
  authorize(actor, 'proposal.submit');
  const isAdmin = can(actor, 'proposal.manage');
  if (actor.role === 'manager' && (input.draft === false || input.opensAt)) {
    throw new ForbiddenError('Un gestionnaire soumet une proposition en brouillon ; l’administrateur l’ouvre au vote.');
  }
  const now = deps.now();
  if (Date.parse(input.closesAt) <= now.getTime()) throw new UnprocessableError('La date de clôture doit être dans le futur.', [{ path: 'closesAt', message: 'date passée' }]);
  const settings = await readGovernanceSettings(deps);
  const at = now.toISOString();
  const draft: StoredProposal = {
    id: deps.newId(),
    title: input.title,
    text: input.text,
    rule: input.rule ?? settings.defaultRule,
    quorumShare: input.quorumShare ?? settings.quorumShare,
    status: 'draft',
    round: 1,
    closesAt: utc(input.closesAt),
    ...(input.opensAt ? { opensAt: utc(input.opensAt) } : {}),
    authorActor: actorLabel(actor),
    ...(actor.role === 'manager' ? { authorPlaceId: actor.placeId } : {}),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const opensNow = isAdmin && !input.draft && (!input.opensAt || Date.parse(input.opensAt) <= now.getTime());
  const stored = opensNow ? { ...(await openedNow(deps, draft)), version: 1 } : draft;
  const audits = [decisionAudit(deps, actor, stored.id, 'create', actor.role === 'manager' ? 'token' : 'admin', { title: stored.title, rule: stored.rule, quorumShare: stored.quorumShare, closesAt: stored.closesAt, opensAt: stored.opensAt, draft: !opensNow }, at)];
  if (opensNow) audits.push(decisionAudit(deps, actor, stored.id, 'open', 'admin', { round: 1, electorate: stored.electorate, closesAt: stored.closesAt }, at));
  await putNewProposalItem(deps.table, stored, audits);
  return stored;
}

function canSeeDraft(actor: Actor, p: StoredProposal): boolean {
  return can(actor, 'proposal.draft.read', p.authorPlaceId);
}

/** The public view: the electorate, how many places voted, and each place's vote only once closed. */
export async function presentProposal(deps: Deps, p: StoredProposal): Promise<Proposal> {
  const votes = p.status === 'draft' ? [] : await listVotes(deps, p);
  const { authorActor, closing, ballotGeneration, ...rest } = p;
  void authorActor, closing, ballotGeneration;
  const view: Proposal = { ...rest, electorate: p.electorate ?? [], votedCount: votes.length };
  if (p.status === 'closed') {
    view.votes = votes;
    view.proxies = await listProxies(deps, p);
  }
  return view;
}

/** The proposal brought up to date with the clock, or 404 (drafts are hidden from who may not see them). */
export async function readProposal(deps: Deps, actor: Actor, id: string): Promise<StoredProposal> {
  const found = await findProposal(deps, id);
  if (!found) throw new NotFoundError('Proposition', id);
  // Settled first: a scheduled draft whose opening time has come is public from then on.
  const p = await settleProposal(deps, found);
  if (p.status === 'draft' && !canSeeDraft(actor, p)) throw new NotFoundError('Proposition', id);
  return p;
}

/** GET /v1/proposals/{id}. */
export async function getProposal(deps: Deps, actor: Actor, id: string): Promise<Proposal> {
  return presentProposal(deps, await readProposal(deps, actor, id));
}

/** GET /v1/proposals?status=: newest first; due openings and closes are settled first. */
export async function listProposals(deps: Deps, actor: Actor, q: { status?: StoredProposal['status'] }): Promise<{ items: Proposal[] }> {
  await settleDueProposals(deps);
  const all = (await listProposalItems(deps.table)).map((i) => StoredProposalSchema.parse(i));
  const visible = all.filter((p) => (p.status !== 'draft' || canSeeDraft(actor, p)) && (!q.status || p.status === q.status));
  return { items: await Promise.all(visible.map((p) => presentProposal(deps, p))) };
}

/**
 * POST /v1/proposals/{id}/second-call (admin). Primary course:
 * 1. read the proposal (404); only a closed round whose outcome is `no_quorum` gets a second call (409);
 * 2. refuse a closing time in the past (422);
 * 3. open a new round: same electorate, no votes, no proxies, the `secondCallQuorumShare` of the
 *    settings; the first round's result is kept in `previousRounds`; audited as a second call.
 */
export async function secondCall(deps: Deps, actor: Actor, id: string, input: { closesAt: string }): Promise<StoredProposal> {
  authorize(actor, 'proposal.manage');
  const p = await settleProposal(deps, await loadProposal(deps, id));
  if (p.status !== 'closed' || p.result?.outcome !== 'no_quorum') throw new ConflictError('Une seconde convocation n’est possible que sur une proposition close faute de quorum.');
  const now = deps.now();
  if (Date.parse(input.closesAt) <= now.getTime()) throw new UnprocessableError('La date de clôture doit être dans le futur.', [{ path: 'closesAt', message: 'date passée' }]);
  const settings = await readGovernanceSettings(deps);
  const at = now.toISOString();
  const { result, ...rest } = p;
  const next: StoredProposal = {
    ...rest,
    status: 'open',
    round: p.round + 1,
    quorumShare: settings.secondCallQuorumShare,
    openedAt: at,
    closesAt: utc(input.closesAt),
    previousRounds: [...(p.previousRounds ?? []), { round: p.round, quorumShare: p.quorumShare, openedAt: p.openedAt ?? p.createdAt, closesAt: p.closesAt, result: result! }],
    updatedAt: at,
    version: p.version + 1,
  };
  try {
    await replaceProposalItem(deps.table, next, p.version, [decisionAudit(deps, actor, id, 'second-call', 'admin', { round: next.round, quorumShare: next.quorumShare, closesAt: next.closesAt }, at)]);
  } catch (err) {
    if (err instanceof TransactionConditionFailed) throw new ConflictError('La proposition a changé entre-temps ; relisez-la.');
    throw err;
  }
  return next;
}

/** GET /v1/decisions: closed proposals, newest close first; `q` accent-insensitive over title and text, `year` of the close. */
export async function listDecisions(deps: Deps, q: { q?: string; year?: string }): Promise<{ items: Proposal[] }> {
  await settleDueProposals(deps);
  const closed = (await listClosedProposalItems(deps.table)).map((i) => StoredProposalSchema.parse(i));
  const hits = closed.filter((p) => (!q.year || (p.result && parisDay(new Date(p.result.closedAt)).startsWith(q.year))) && (!q.q || matchesQuery(normalizeText(`${p.title} ${p.text}`), q.q)));
  return { items: await Promise.all(hits.map((p) => presentProposal(deps, p))) };
}

/** Every proposal that is open or closed (not drafts), settled first: the calendar feed and the sheet. */
export async function listPublishedProposals(deps: Deps): Promise<StoredProposal[]> {
  await settleDueProposals(deps);
  return (await listProposalItems(deps.table)).map((i) => StoredProposalSchema.parse(i)).filter((p) => p.status !== 'draft');
}
