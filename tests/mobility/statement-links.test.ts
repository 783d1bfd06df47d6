/**
 * Signed statement links through the route: the admin gets one per place, a valid link
 * opens the printable statement without a token (in Chromium: French, CSP, no console
 * error), a tampered link is a French 403 page, an expired one a French 410 page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createPerson, createPlace, managerToken, postVisit } from './mobility-setup.js';
import { signLink } from '../../functions/domain/links/signed-links.js';
import { launchChromium } from '../widget/browser.js';
import { expectSecurePage, watchConsole } from '../pages/page-checks.js';

let t: TestContext;
let gabare: string, cantou: string;
const html = { accept: 'text/html' };

beforeAll(async () => {
  t = await createTestContext({ now: '2026-12-15T09:00:00Z' });
  cantou = await createPlace(t, { name: 'Le Cantou' });
  gabare = await createPlace(t, { name: 'La Gabare', mobility: { acceptsVisitors: true, dailyVisitorCapacity: 5, preferentialDayRateCents: 900 } });
  const agnes = await createPerson(t, cantou, 'Agnès Martin');
  expect((await postVisit(t, { personId: agnes, hostPlaceId: gabare, date: '2026-12-02', scheme: 'retrocession' })).status).toBe(201);
});

const local = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

describe('GET /v1/links/statements/{YYYY-MM}', () => {
  it('the admin gets one signed link per place, valid 90 days; nobody else', async () => {
    const r = await t.call('GET', '/v1/links/statements/2026-12', { token: ADMIN });
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: any) => [i.placeId, i.placeName])).toEqual([
      [gabare, 'La Gabare'],
      [cantou, 'Le Cantou'],
    ]);
    expect(r.body.items[0].expiresAt).toBe('2027-03-15T09:00:00.000Z');
    expect(new URL(r.body.items[0].url).pathname).toBe(`/v1/statements/2026-12/${gabare}`);
    expect((await t.call('GET', '/v1/links/statements/2026-12', { token: await managerToken(t, gabare) })).status).toBe(403);
    expect((await t.call('GET', '/v1/links/statements/2026-12')).status).toBe(401);
    expect((await t.call('GET', '/v1/links/statements/2026-13', { token: ADMIN })).status).toBe(400);
  });
});

describe('the statement opened by a signed link', () => {
  let link: string;
  beforeAll(async () => {
    link = local((await t.call('GET', '/v1/links/statements/2026-12', { token: ADMIN })).body.items[0].url);
  });

  it('a valid link opens the printable statement without a token', async () => {
    const r = await t.app.request(link, { headers: html });
    expect(r.status).toBe(200);
    const body = await r.text();
    expect(body).toContain('Relevé mobilité — La Gabare — décembre 2026');
    expect(body).toContain('Visite d’Agnès Martin le 2 décembre 2026 (rétrocession)');
    expect(body).toContain('noindex');
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    // Without the signature the same path wants a token.
    expect((await t.app.request(link.split('?')[0]!)).status).toBe(401);
  });

  it('a tampered link (another place, another format, another expiry) is a French 403 page', async () => {
    const u = new URL(link, 'http://x');
    const variants = [
      link.replace(gabare, cantou),
      `${u.pathname}?${new URLSearchParams({ ...Object.fromEntries(u.searchParams), format: 'csv' })}`,
      `${u.pathname}?${new URLSearchParams({ ...Object.fromEntries(u.searchParams), exp: String(Number(u.searchParams.get('exp')) + 86_400) })}`,
    ];
    for (const v of variants) {
      const r = await t.app.request(v, { headers: html });
      expect(r.status, v).toBe(403);
      expect(r.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await r.text()).toContain('Lien non valable');
    }
  });

  it('an expired link is a French 410 page', async () => {
    const expired = await signLink(t.deps, `/v1/statements/2026-12/${gabare}`, { query: { format: 'html' }, expiresAt: new Date('2026-12-14T00:00:00Z') });
    const r = await t.app.request(local(expired.url), { headers: html });
    expect(r.status).toBe(410);
    expect(await r.text()).toContain('Lien expiré');
  });

  describe('in Chromium', () => {
    let api: ServerType;
    let origin: string;
    beforeAll(async () => {
      api = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((r) => (api.listening ? r() : api.once('listening', () => r())));
      origin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    });
    afterAll(() => void api?.close());

    it('the page renders in French with its security headers and no console error', async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const problems = watchConsole(page);
        const res = await page.goto(origin + link);
        expect(res?.status()).toBe(200);
        expectSecurePage(res);
        expect(await page.locator('h1').innerText()).toBe('Relevé mobilité — La Gabare — décembre 2026');
        expect(await page.locator('html').getAttribute('lang')).toBe('fr');
        expect(await page.locator('svg[role=img]').count()).toBeGreaterThan(0);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  });
});
