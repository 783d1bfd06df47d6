/** Reading proposals back, their audit entries, and the electorate of the moment. */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { NotFoundError } from '../errors.js';
import { getProposalItem, listProxyStateItems, listVoteItems } from '../../../integrations/dynamodb/decision-repository.js';
import { listDirectoryRecordsByType } from '../../../integrations/dynamodb/directory-repository.js';
import { PlaceSchema } from '../../../schemas/place.js';
import { StoredProposalSchema, VoteSchema, type Elector, type Proxy, type StoredProposal, type Vote } from '../../../schemas/decision.js';
import type { AuditEntry } from '../../../schemas/audit.js';

export const SCHEDULER: Actor = { role: 'system', id: 'decisions:schedule' };

export async function findProposal(deps: Deps, id: string): Promise<StoredProposal | undefined> {
  const raw = await getProposalItem(deps.table, id);
  return raw ? StoredProposalSchema.parse(raw) : undefined;
}

export async function loadProposal(deps: Deps, id: string): Promise<StoredProposal> {
  const p = await findProposal(deps, id);
  if (!p) throw new NotFoundError('Proposition', id);
  return p;
}

export async function listVotes(deps: Deps, p: Pick<StoredProposal, 'id' | 'round'>): Promise<Vote[]> {
  return (await listVoteItems(deps.table, p.id, p.round)).map((v) => VoteSchema.parse(v));
}

/** The proxies given in the proposal's current round. */
export async function listProxies(deps: Deps, p: Pick<StoredProposal, 'id' | 'round'>): Promise<Proxy[]> {
  const states = await listProxyStateItems(deps.table, p.id, p.round);
  return states.flatMap((s) => (typeof s.gaveTo === 'string' ? [{ placeId: String(s.placeId), to: s.gaveTo, at: String(s.gaveAt), actor: String(s.gaveBy) }] : []));
}

/** Member places at this moment (one vote each), by name. */
export async function currentElectorate(deps: Deps): Promise<Elector[]> {
  const places = (await listDirectoryRecordsByType(deps.table, 'place')).map((p) => PlaceSchema.parse(p));
  return places
    .filter((p) => p.membership === 'member' && !p.archivedAt)
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
    .map((p) => ({ placeId: p.id, placeName: p.name }));
}

export function inElectorate(p: StoredProposal, placeId: string): Elector | undefined {
  return p.electorate?.find((e) => e.placeId === placeId);
}

/** How the audit trail names the channel a change came through. */
export const CHANNEL_NOTES = {
  token: 'par jeton d’accès',
  link: 'par lien de vote',
  admin: 'par l’administrateur (bulletin papier ou saisie en assemblée)',
  schedule: 'par la tâche planifiée',
  read: 'à la première lecture après l’échéance',
} as const;
export type Channel = keyof typeof CHANNEL_NOTES;

export function decisionAudit(deps: Deps, actor: Actor, proposalId: string, action: string, channel: Channel, after: unknown, at = deps.now().toISOString()): AuditEntry {
  return { id: deps.newId(), entityType: 'proposal', entityId: proposalId, action, actor: actorLabel(actor), at, after, note: CHANNEL_NOTES[channel] };
}

/** The channel a token-holding caller writes through. */
export function channelOf(actor: Actor): 'token' | 'admin' {
  return actor.role === 'admin' || actor.role === 'system' ? 'admin' : 'token';
}
