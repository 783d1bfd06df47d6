import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Deps } from './deps.js';
import { PUBLIC, type Actor } from './actor.js';
import { authorize } from './permissions.js';
import { NotFoundError, UnauthenticatedError, UnprocessableError } from './errors.js';
import { firstUseItem, getTokenById, listTokens as listStoredTokens, putTokenItem, revokeTokenItem } from '../../integrations/dynamodb/token-repository.js';
import { TransactionConditionFailed, writeLabelledTransaction } from '../../integrations/dynamodb/transaction.js';
import { auditItem } from './audit.js';
import { getDirectoryRecordById } from '../../integrations/dynamodb/directory-repository.js';
import type { StoredToken, Token, TokenInput } from '../../schemas/token.js';

const TOKEN_PATTERN = /^tl_([0-9A-Za-z]{26})_([A-Za-z0-9_-]{43})$/;

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function publicView(t: StoredToken): Token {
  const { secretHash, ...rest } = t;
  void secretHash;
  return rest;
}

/**
 * Issues a manager, integration or coordinator token.
 * 1. only the admin may;
 * 2. a manager token must name an existing place;
 * 3. the secret is generated, shown once in the answer, stored as a SHA-256 hash;
 * 4. the token and its audit line (without the hash) are written together.
 */
export async function issueToken(deps: Deps, actor: Actor, input: TokenInput): Promise<Token & { token: string }> {
  authorize(actor, 'token.manage');
  if (input.role === 'manager') {
    const place = await getDirectoryRecordById(deps.table, 'place', input.placeId);
    if (!place) throw new UnprocessableError(`Le lieu « ${input.placeId} » n’existe pas.`, [{ path: 'placeId', message: 'lieu inconnu' }]);
  }
  const id = deps.newId();
  const secret = randomBytes(32).toString('base64url');
  const token = `tl_${id}_${secret}`;
  const stored: StoredToken = {
    id,
    role: input.role,
    ...(input.role === 'manager' ? { placeId: input.placeId } : {}),
    ...(input.label ? { label: input.label } : {}),
    createdAt: deps.now().toISOString(),
    createdBy: 'admin',
    lastFour: token.slice(-4),
    secretHash: sha256(secret).toString('hex'),
  };
  await writeLabelledTransaction(deps.table, [putTokenItem(deps.table, stored), auditItem(deps, actor, { entityType: 'token', entityId: id, action: 'create', after: publicView(stored) })]);
  return { ...publicView(stored), token };
}

export async function listTokens(deps: Deps, actor: Actor): Promise<Token[]> {
  authorize(actor, 'token.manage');
  return (await listStoredTokens(deps.table)).map(publicView);
}

/** Revokes a token once (audited); revoking it again changes nothing and writes nothing. */
export async function revokeToken(deps: Deps, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'token.manage');
  const before = await getTokenById(deps.table, id);
  if (!before) throw new NotFoundError('Jeton', id);
  if (before.revokedAt) return;
  const at = deps.now().toISOString();
  try {
    await writeLabelledTransaction(deps.table, [revokeTokenItem(deps.table, id, at), auditItem(deps, actor, { entityType: 'token', entityId: id, action: 'revoke', before: publicView(before), after: { ...publicView(before), revokedAt: at } })]);
  } catch (err) {
    // Revoked by a concurrent call a moment ago: its audit line is the one.
    if (!(err instanceof TransactionConditionFailed)) throw err;
  }
}

/**
 * The first request made with a token is written in the audit trail (then `firstUsedAt`
 * is set and later requests write nothing): a leaked token used by someone else shows up.
 */
async function noteFirstUse(deps: Deps, stored: StoredToken, actor: Actor): Promise<void> {
  if (stored.firstUsedAt) return;
  const at = deps.now().toISOString();
  try {
    await writeLabelledTransaction(deps.table, [firstUseItem(deps.table, stored.id, at), auditItem(deps, actor, { entityType: 'token', entityId: stored.id, action: 'first-use', after: { ...publicView(stored), firstUsedAt: at } })]);
  } catch (err) {
    // Two first requests at once: the other one wrote the line.
    if (!(err instanceof TransactionConditionFailed)) throw err;
  }
}

/**
 * Turns an `Authorization` header into an actor. No header: public.
 * A header that names no valid token is refused (401), never silently public.
 */
export async function resolveActor(deps: Deps, authorization: string | undefined): Promise<Actor> {
  if (!authorization) return PUBLIC;
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!m) throw new UnauthenticatedError('En-tête Authorization attendu : « Bearer <jeton> ».');
  const presented = m[1]!;
  const admin = Buffer.from(deps.adminToken || (deps.adminTokenSource ? await deps.adminTokenSource() : ''));
  const given = Buffer.from(presented);
  if (admin.length > 0 && admin.length === given.length && timingSafeEqual(admin, given)) return { role: 'admin', id: 'admin' };
  const parts = TOKEN_PATTERN.exec(presented);
  if (!parts) throw new UnauthenticatedError('Jeton inconnu.');
  const stored = await getTokenById(deps.table, parts[1]!);
  if (!stored || stored.revokedAt) throw new UnauthenticatedError('Jeton inconnu ou révoqué.');
  if (!timingSafeEqual(Buffer.from(stored.secretHash, 'hex'), sha256(parts[2]!))) throw new UnauthenticatedError('Jeton inconnu.');
  const actor: Actor = stored.role === 'manager' ? { role: 'manager', id: stored.id, placeId: stored.placeId! } : stored.role === 'coordinator' ? { role: 'coordinator', id: stored.id } : { role: 'integration', id: stored.id };
  await noteFirstUse(deps, stored, actor);
  return actor;
}
