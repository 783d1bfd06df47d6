import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { ConflictError } from '../errors.js';
import { authorize } from '../permissions.js';
import { loadPerson, loadPlace } from '../mobility/directory-refs.js';
import { cardCodeFor, codeHash, currentToken, tokenFor } from './tokens.js';
import { auditPut } from '../../../integrations/dynamodb/audit-repository.js';
import { cardCodeItem, putCardCode, rotateTokenItem } from '../../../integrations/dynamodb/checkin-token-repository.js';
import { TransactionConditionFailed, writeLabelledTransaction } from '../../../integrations/dynamodb/transaction.js';
import type { Place } from '../../../schemas/place.js';
import type { Person } from '../../../schemas/person.js';

export interface MemberCard {
  url: string;
  code: string;
  person: Person;
  homePlace?: Place;
}

export interface PlacePoster {
  url: string;
  place: Place;
}

const base = (deps: Deps) => (deps.publicBaseUrl ?? '').replace(/\/$/, '');
export const cardUrl = (deps: Deps, token: string) => `${base(deps)}/m/${token}`;
export const posterUrl = (deps: Deps, token: string) => `${base(deps)}/c/${token}`;

/**
 * GET /v1/people/{personId}/card (admin, the home place's manager). Primary course: load the
 * person (404), check the actor, compute the current card link and personal code, and make sure
 * the code is known (the code is derived: writing it again changes nothing).
 */
export async function getMemberCard(deps: Deps, actor: Actor, personId: string): Promise<MemberCard> {
  const person = await loadPerson(deps, personId);
  authorize(actor, 'card.manage', person.homePlaceId);
  const { token, version } = await currentToken(deps, 'card', person.id);
  const code = await cardCodeFor(deps, person.id, version);
  await putCardCode(deps.table, codeHash(code), { personId: person.id, version });
  const homePlace = await loadPlace(deps, person.homePlaceId).catch(() => undefined);
  return { url: cardUrl(deps, token), code, person, ...(homePlace ? { homePlace } : {}) };
}

/** GET /v1/places/{placeId}/poster (admin, the place's manager): the current poster link. */
export async function getPlacePoster(deps: Deps, actor: Actor, placeId: string): Promise<PlacePoster> {
  const place = await loadPlace(deps, placeId);
  authorize(actor, 'poster.manage', place.id);
  const { token } = await currentToken(deps, 'poster', place.id);
  return { url: posterUrl(deps, token), place };
}

async function rotate(deps: Deps, actor: Actor, kind: 'card' | 'poster', id: string, extra: (next: number) => Promise<ReturnType<typeof cardCodeItem>[]>): Promise<number> {
  const { version } = await currentToken(deps, kind, id);
  const next = version + 1;
  const now = deps.now().toISOString();
  try {
    await writeLabelledTransaction(deps.table, [
      rotateTokenItem(deps.table, kind, id, version, next),
      ...(await extra(next)),
      {
        label: 'audit',
        item: auditPut(deps.table, { id: deps.newId(), entityType: kind === 'card' ? 'person' : 'place', entityId: id, action: kind === 'card' ? 'card-rotate' : 'poster-rotate', actor: actorLabel(actor), at: now, before: { version }, after: { version: next } }),
      },
    ]);
  } catch (err) {
    if (err instanceof TransactionConditionFailed && err.labels.includes('token-version')) throw new ConflictError('Renouvellement simultané : relisez le nouveau lien.');
    throw err;
  }
  return next;
}

/**
 * POST /v1/people/{personId}/card/rotate: a new card link and code; the old ones stop working at
 * once (their version is no longer the current one). One transaction with its audit entry.
 */
export async function rotateMemberCard(deps: Deps, actor: Actor, personId: string): Promise<{ url: string; code: string }> {
  const person = await loadPerson(deps, personId);
  authorize(actor, 'card.manage', person.homePlaceId);
  let code = '';
  const next = await rotate(deps, actor, 'card', person.id, async (v) => {
    code = await cardCodeFor(deps, person.id, v);
    return [cardCodeItem(deps.table, codeHash(code), { personId: person.id, version: v })];
  });
  return { url: cardUrl(deps, await tokenFor(deps, 'card', person.id, next)), code };
}

/** POST /v1/places/{placeId}/poster/rotate: a new poster link; the printed one stops working at once. */
export async function rotatePlacePoster(deps: Deps, actor: Actor, placeId: string): Promise<{ url: string }> {
  const place = await loadPlace(deps, placeId);
  authorize(actor, 'poster.manage', place.id);
  const next = await rotate(deps, actor, 'poster', place.id, async () => []);
  return { url: posterUrl(deps, await tokenFor(deps, 'poster', place.id, next)) };
}
