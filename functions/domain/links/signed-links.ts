/**
 * Signed links: how a volunteer opens a statement, a freshness page or minutes from a
 * phone or a printed page without holding a token.
 *
 * A link is `PUBLIC_BASE_URL + path + ?…&exp=<unix seconds>&sig=<kid>.<mac>`. The MAC is
 * HMAC-SHA256 over the path and every other query parameter (sorted), so changing the
 * subject, the format, the version or the expiry breaks it. Keys live in the table and
 * rotate: new links use the newest key, older keys keep verifying until they are dropped.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../deps.js';
import { createLinkKeys, getLinkKeys, replaceLinkKeys, type LinkKey } from '../../../integrations/dynamodb/link-key-repository.js';

export const DEFAULT_LINK_DAYS = 90;
const DAY_MS = 86_400_000;
/** Keys are re-read after this long, so a rotation reaches every instance. */
const KEY_CACHE_MS = 5 * 60_000;

const cache = new Map<string, { keys: LinkKey[]; readAt: number }>();

function newKey(deps: Deps): LinkKey {
  return { kid: randomBytes(4).toString('hex'), secret: randomBytes(32).toString('base64url'), createdAt: deps.now().toISOString() };
}

/** Key reads under way, per table: 2,000 links signed at once (a sheet's statements) read the keys once, not 2,000 times. */
const loading = new Map<string, Promise<LinkKey[]>>();

async function currentKeys(deps: Deps): Promise<LinkKey[]> {
  const cached = cache.get(deps.table.tableName);
  if (cached && Date.now() - cached.readAt < KEY_CACHE_MS) return cached.keys;
  const name = deps.table.tableName;
  let p = loading.get(name);
  if (!p) {
    p = readKeys(deps).finally(() => loading.delete(name));
    loading.set(name, p);
  }
  return p;
}

async function readKeys(deps: Deps): Promise<LinkKey[]> {
  let stored = await getLinkKeys(deps.table);
  if (!stored) {
    await createLinkKeys(deps.table, newKey(deps));
    stored = await getLinkKeys(deps.table);
  }
  const keys = stored!.keys;
  cache.set(deps.table.tableName, { keys, readAt: Date.now() });
  return keys;
}

/**
 * Starts signing with a new key. `dropPrevious` also invalidates every link signed before
 * (for a leaked key); otherwise the previous key keeps verifying until its links expire.
 */
export async function rotateLinkSigningKey(deps: Deps, opts: { dropPrevious?: boolean } = {}): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await currentKeys(deps);
    const stored = (await getLinkKeys(deps.table))!;
    const next = opts.dropPrevious ? [newKey(deps)] : [newKey(deps), stored.keys[0]!];
    if (await replaceLinkKeys(deps.table, next, stored.version)) {
      cache.delete(deps.table.tableName);
      return;
    }
  }
  throw new Error('La clé de signature des liens n’a pas pu être renouvelée (modifications concurrentes).');
}

function canonical(path: string, query: Record<string, string>): string {
  const params = Object.entries(query)
    .filter(([k]) => k !== 'sig')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `${path}\n${params}`;
}

function mac(key: LinkKey, text: string): Buffer {
  return createHmac('sha256', Buffer.from(key.secret, 'base64url')).update(text).digest();
}

/** A signed absolute URL for `path` (which names the one thing it opens), valid until `expiresAt`. */
export async function signLink(deps: Deps, path: string, opts: { query?: Record<string, string>; validDays?: number; expiresAt?: Date } = {}): Promise<{ url: string; expiresAt: string }> {
  const [key] = await currentKeys(deps);
  const expires = opts.expiresAt ?? new Date(deps.now().getTime() + (opts.validDays ?? DEFAULT_LINK_DAYS) * DAY_MS);
  const exp = String(Math.floor(expires.getTime() / 1000));
  const query = { ...(opts.query ?? {}), exp };
  const sig = `${key!.kid}.${mac(key!, canonical(path, query)).toString('base64url')}`;
  const search = new URLSearchParams({ ...query, sig });
  const base = (deps.publicBaseUrl ?? '').replace(/\/$/, '');
  return { url: `${base}${path}?${search.toString()}`, expiresAt: new Date(Number(exp) * 1000).toISOString() };
}

export type LinkCheck = { ok: true; expiresAt: string } | { ok: false; reason: 'missing' | 'tampered' | 'expired' };

/** Checks a request's own path and query string. An expired link is only reported as such when its signature holds. */
export async function checkSignedLink(deps: Deps, path: string, query: Record<string, string>): Promise<LinkCheck> {
  const sig = query.sig;
  if (sig === undefined) return { ok: false, reason: 'missing' };
  const m = /^([0-9a-f]{8})\.([A-Za-z0-9_-]{43})$/.exec(sig);
  const exp = query.exp;
  if (!m || !exp || !/^\d{1,12}$/.test(exp)) return { ok: false, reason: 'tampered' };
  const key = (await currentKeys(deps)).find((k) => k.kid === m[1]);
  if (!key) return { ok: false, reason: 'tampered' };
  // Compared as text: base64url's last character carries padding bits, so two spellings
  // could decode to the same bytes; only the one this server writes is accepted.
  const given = Buffer.from(m[2]!);
  const expected = Buffer.from(mac(key, canonical(path, query)).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'tampered' };
  const expiresAt = new Date(Number(exp) * 1000);
  if (expiresAt.getTime() <= deps.now().getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, expiresAt: expiresAt.toISOString() };
}
