/**
 * Poster and card tokens: `<id>.<version>.<mac>`, the MAC (HMAC-SHA256, key kept in the table)
 * covering the kind, the id and the version. Nothing secret is stored per token, so a poster or a
 * card can be printed again at any time; rotating bumps the version kept in the table, and every
 * older token is refused at once ("revoked"). The personal code printed on a card is derived the
 * same way and looked up by its hash.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../deps.js';
import { IdSchema } from '../../../schemas/common.js';
import { countTokenUse, getCardCode, getOrCreateTokenKey, getTokenVersion, type TokenKind } from '../../../integrations/dynamodb/checkin-token-repository.js';

export type TokenRefusal = 'invalid' | 'revoked';
export type TokenCheck = { ok: true; id: string; version: number } | { ok: false; reason: TokenRefusal };

/** Uses of one token per minute (a poster at a busy door sees far fewer). */
export const TOKEN_USES_PER_MINUTE = 20;

const keyCache = new WeakMap<Deps['table'], Promise<Buffer>>();
function tokenKey(deps: Deps): Promise<Buffer> {
  let key = keyCache.get(deps.table);
  if (!key) {
    key = getOrCreateTokenKey(deps.table);
    key.catch(() => keyCache.delete(deps.table));
    keyCache.set(deps.table, key);
  }
  return key;
}

function mac(key: Buffer, kind: TokenKind, id: string, version: number): string {
  return createHmac('sha256', key).update(`${kind}|${id}|${version}`).digest('base64url').slice(0, 22);
}

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('base64url');
}

/** The current token of a poster (place id) or a card (person id). */
export async function currentToken(deps: Deps, kind: TokenKind, id: string): Promise<{ token: string; version: number }> {
  const [key, version] = await Promise.all([tokenKey(deps), getTokenVersion(deps.table, kind, id)]);
  return { token: `${id}.${version}.${mac(key, kind, id, version)}`, version };
}

export async function tokenFor(deps: Deps, kind: TokenKind, id: string, version: number): Promise<string> {
  return `${id}.${version}.${mac(await tokenKey(deps), kind, id, version)}`;
}

/** `invalid`: not a token we made (or altered); `revoked`: a token of an older version. */
export async function checkToken(deps: Deps, kind: TokenKind, token: string): Promise<TokenCheck> {
  const m = /^([^.]{1,64})\.(\d{1,6})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m || !IdSchema.safeParse(m[1]).success) return { ok: false, reason: 'invalid' };
  const id = m[1]!;
  const version = Number(m[2]);
  const expected = Buffer.from(mac(await tokenKey(deps), kind, id, version));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  const current = await getTokenVersion(deps.table, kind, id);
  if (version !== current) return { ok: false, reason: version < current ? 'revoked' : 'invalid' };
  return { ok: true, id, version };
}

// No 0/O, 1/I/L: read aloud or typed from a printed card without mistakes.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** The personal code of a card version: 8 characters, shown as `ABCD-EFGH`. */
export async function cardCodeFor(deps: Deps, personId: string, version: number): Promise<string> {
  const bytes = createHmac('sha256', await tokenKey(deps)).update(`code|${personId}|${version}`).digest();
  const chars = [...bytes.subarray(0, 8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** What the person typed, in the stored form: capitals, no spaces or dashes. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').slice(0, 32);
}

export function codeHash(code: string): string {
  return sha256(`code|${normaliseCode(code)}`);
}

/** The person a typed code belongs to, if the code is that person's current one. */
export async function personOfCode(deps: Deps, code: string): Promise<{ ok: true; personId: string } | { ok: false; reason: TokenRefusal }> {
  if (!/^[A-Z0-9]{8}$/.test(normaliseCode(code))) return { ok: false, reason: 'invalid' };
  const found = await getCardCode(deps.table, codeHash(code));
  if (!found) return { ok: false, reason: 'invalid' };
  const current = await getTokenVersion(deps.table, 'card', found.personId);
  return found.version === current ? { ok: true, personId: found.personId } : { ok: false, reason: 'revoked' };
}

/** Counts a use of a token (or code); false when it was used too often this minute. */
export async function allowTokenUse(deps: Deps, token: string): Promise<boolean> {
  const now = deps.now();
  const minute = now.toISOString().slice(0, 16);
  return countTokenUse(deps.table, sha256(token), minute, TOKEN_USES_PER_MINUTE, Math.floor(now.getTime() / 1000) + 180);
}
