/**
 * A browser that opens an address that does not exist gets a French page with a link
 * home (in real Chromium: status, text, CSP, no console error); API clients keep problem+json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { createTestContext, type TestContext } from '../support/harness.js';
import { launchChromium } from '../widget/browser.js';
import { expectSecurePage, watchConsole } from './page-checks.js';

let t: TestContext;
let server: ServerType;
let base: string;
let browser: Browser;

beforeAll(async () => {
  t = await createTestContext();
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (server.listening ? r() : server.once('listening', () => r())));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('pages that do not exist', () => {
  it('a browser gets a French HTML 404 with a link home, under a strict CSP', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    const problems = watchConsole(page);
    const res = await page.goto(`${base}/v1/nulle-part`);
    expect(res!.status()).toBe(404);
    expectSecurePage(res);
    const headers = res!.headers();
    expect(headers['content-security-policy']).toMatch(/default-src 'none'.*script-src 'none'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(await page.locator('h1').textContent()).toBe('Page introuvable');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('link', { name: 'Aller à l’accueil du réseau' }).waitFor();
    // The layout's style element is allowed by its hash: the page is styled, not blocked.
    const color = await page.locator('nav.site-nav').evaluate((n) => getComputedStyle(n).backgroundColor);
    expect(color).toBe('rgb(29, 94, 59)');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('API clients keep problem+json', async () => {
    for (const accept of [undefined, 'application/json', '*/*', 'application/json, text/html;q=0.5']) {
      const res = await t.call('GET', '/v1/nulle-part', { headers: accept ? { accept } : {} });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.title).toBe('Introuvable');
    }
  });

  it('an unknown path inside a feature loaded later is a page too', async () => {
    const res = await t.app.request('/v1/visits/a/b/c', { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('Page introuvable');
  });
});
