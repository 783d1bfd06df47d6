/**
 * Signed links against the real table: a valid link opens, a changed path, query, expiry
 * or signature does not, an expired one says so; key rotation keeps or drops old links.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createTestContext, type TestContext } from '../support/harness.js';
import { checkSignedLink, rotateLinkSigningKey, signLink } from '../../functions/domain/links/signed-links.js';
import { signedLinkGuard } from '../../functions/api/pages/signed-link-guard.js';
import { onError } from '../../functions/api/http/problem.js';
import type { AppEnv } from '../../functions/api/env.js';

let t: TestContext;
let app: Hono<AppEnv>;

function split(url: string): { path: string; query: Record<string, string> } {
  const u = new URL(url);
  return { path: u.pathname, query: Object.fromEntries(u.searchParams) };
}

beforeAll(async () => {
  t = await createTestContext({ now: '2026-12-02T10:00:00Z' });
  // A tiny page guarded like the product's statement pages.
  app = new Hono<AppEnv>();
  app.onError(onError);
  app.use('*', async (c, next) => {
    c.set('deps', t.deps);
    await next();
  });
  app.get('/v1/statements/:period/:placeId', async (c) => ((await signedLinkGuard(c)) ? c.text(`relevé ${c.req.param('placeId')}`) : c.text('jeton requis', 401)));
});

describe('signed links', () => {
  it('a fresh link is valid for 90 days by default, then expired', async () => {
    const link = await signLink(t.deps, '/v1/statements/2026-11/P1', { query: { format: 'html' } });
    expect(link.url.startsWith('http://localhost:3000/v1/statements/2026-11/P1?')).toBe(true);
    expect(link.expiresAt).toBe('2027-03-02T10:00:00.000Z');
    const { path, query } = split(link.url);
    expect(await checkSignedLink(t.deps, path, query)).toEqual({ ok: true, expiresAt: link.expiresAt });
    t.setNow('2027-03-02T10:00:01Z');
    expect(await checkSignedLink(t.deps, path, query)).toEqual({ ok: false, reason: 'expired' });
    t.setNow('2026-12-02T10:00:00Z');
  });

  it('changing the subject, a parameter, the expiry or the signature breaks it', async () => {
    const { path, query } = split((await signLink(t.deps, '/v1/statements/2026-11/P1', { query: { format: 'html' } })).url);
    expect(await checkSignedLink(t.deps, '/v1/statements/2026-11/P2', query)).toEqual({ ok: false, reason: 'tampered' });
    expect(await checkSignedLink(t.deps, path, { ...query, format: 'csv' })).toEqual({ ok: false, reason: 'tampered' });
    expect(await checkSignedLink(t.deps, path, { ...query, exp: String(Number(query.exp) + 86_400) })).toEqual({ ok: false, reason: 'tampered' });
    expect(await checkSignedLink(t.deps, path, { ...query, extra: '1' })).toEqual({ ok: false, reason: 'tampered' });
    const sig = query.sig!;
    // Every other spelling of the last character (some differ only in base64url padding bits).
    for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') {
      if (c === sig.at(-1)) continue;
      expect(await checkSignedLink(t.deps, path, { ...query, sig: sig.slice(0, -1) + c })).toEqual({ ok: false, reason: 'tampered' });
    }
    const flipped = sig.slice(0, 12) + (sig[12] === 'A' ? 'B' : 'A') + sig.slice(13);
    expect(await checkSignedLink(t.deps, path, { ...query, sig: flipped })).toEqual({ ok: false, reason: 'tampered' });
    expect(await checkSignedLink(t.deps, path, { ...query, sig: 'nimportequoi' })).toEqual({ ok: false, reason: 'tampered' });
    const { sig: _drop, ...unsigned } = query;
    expect(await checkSignedLink(t.deps, path, unsigned)).toEqual({ ok: false, reason: 'missing' });
  });

  it('a rotation keeps earlier links valid; dropping the previous key invalidates them', async () => {
    const before = split((await signLink(t.deps, '/v1/statements/2026-10/P1')).url);
    await rotateLinkSigningKey(t.deps);
    const after = split((await signLink(t.deps, '/v1/statements/2026-10/P1')).url);
    expect(after.query.sig!.split('.')[0]).not.toBe(before.query.sig!.split('.')[0]);
    expect((await checkSignedLink(t.deps, before.path, before.query)).ok).toBe(true);
    expect((await checkSignedLink(t.deps, after.path, after.query)).ok).toBe(true);
    await rotateLinkSigningKey(t.deps, { dropPrevious: true });
    expect(await checkSignedLink(t.deps, before.path, before.query)).toEqual({ ok: false, reason: 'tampered' });
    expect(await checkSignedLink(t.deps, after.path, after.query)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('the guard opens a valid link, and answers French pages for a tampered (403) or expired (410) one', async () => {
    const link = await signLink(t.deps, '/v1/statements/2026-11/P1', { validDays: 1 });
    const { pathname, search } = new URL(link.url);
    const ok = await app.request(pathname + search);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('relevé P1');

    expect((await app.request(pathname)).status).toBe(401);

    const tampered = await app.request(pathname.replace('P1', 'P2') + search);
    expect(tampered.status).toBe(403);
    expect(tampered.headers.get('content-type')).toMatch(/^text\/html/);
    expect(tampered.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const page = await tampered.text();
    expect(page).toMatch(/<html lang="fr">/);
    expect(page).toContain('Lien non valable');
    expect(page).not.toContain('relevé');

    t.setNow('2026-12-04T10:00:00Z');
    const expired = await app.request(pathname + search);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('Lien expiré');
    t.setNow('2026-12-02T10:00:00Z');
  });
});
