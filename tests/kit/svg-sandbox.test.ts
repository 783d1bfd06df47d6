/**
 * An SVG with scripts, uploaded through the local file flow (POST …/file, then the PUT to the
 * one-time link over real HTTP), opened in real Chromium from the product's own URL: its
 * scripts must not run. A control route serves the very same bytes without the file headers,
 * and there the scripts do run: so the test would fail if the headers stopped protecting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';
import { localFileStore } from '../../integrations/files/local-file-store.js';
import { launchChromium } from '../widget/browser.js';

const EVIL_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60" onload="fetch('/pwned?via=onload')">
  <title>Logo du lieu</title>
  <rect width="120" height="60" fill="#2a6"/>
  <script>document.title = 'pwned'; document.documentElement.setAttribute('data-ran', 'yes'); fetch('/pwned?via=script');</script>
</svg>
`;

let t: TestContext;
let dir: string;
let browser: Browser;
let api: ServerType;
let origin: string;
const requested: string[] = [];

beforeAll(async () => {
  t = await createTestContext();
  dir = mkdtempSync(join(tmpdir(), 'kit-svg-'));
  t.deps.files = localFileStore(dir);
  // Every request the browser makes reaches this server: a script that ran would show here.
  api = serve({
    fetch: (req: Request) => {
      const path = new URL(req.url).pathname;
      requested.push(path + new URL(req.url).search);
      if (path === '/control/logo.svg') return new Response(EVIL_SVG, { headers: { 'content-type': 'image/svg+xml' } });
      if (path === '/pwned') return new Response('', { status: 204 });
      return t.app.fetch(req);
    },
    port: 0,
    hostname: '127.0.0.1',
  });
  await new Promise<void>((r) => (api.listening ? r() : api.once('listening', () => r())));
  origin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  t.deps.publicBaseUrl = origin;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => api.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('an uploaded SVG with a script, opened in Chromium', () => {
  it('is served with Content-Disposition and a sandbox CSP, and its scripts do not run', async () => {
    const place = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Maison' }) })).body.id;
    const manager = (await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: place } })).body.token;
    const asset = (await t.call('POST', '/v1/kit', { token: manager, body: { title: 'Logo', kind: 'logo', description: 'Logo du lieu', licence: 'CC BY 4.0', language: 'fr', tags: ['logo'], placeId: place } })).body;
    const bytes = new TextEncoder().encode(EVIL_SVG);
    const ticket = await t.call('POST', `/v1/kit/${asset.id}/file`, { token: manager, body: { fileName: 'logo.svg', contentType: 'image/svg+xml', size: bytes.length } });
    expect(ticket.status).toBe(200);
    expect(ticket.body.uploadUrl.startsWith(origin + '/v1/kit/uploads/')).toBe(true);

    // The local flow over the network, as a browser uploading the file would do it.
    const put = await fetch(ticket.body.uploadUrl, { method: 'PUT', headers: ticket.body.headers, body: bytes });
    const uploaded = await put.json();
    expect(put.status).toBe(200);
    expect(uploaded).toMatchObject({ contentType: 'image/svg+xml', size: bytes.length, fileUrl: `${origin}/v1/kit/${asset.id}/file` });

    const served = await fetch(uploaded.fileUrl);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(EVIL_SVG);
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect(served.headers.get('content-disposition')).toMatch(/^inline; filename="logo\.svg"/);
    const csp = served.headers.get('content-security-policy') ?? '';
    expect(csp.split(';').map((d) => d.trim())).toContain('sandbox');
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');

    const page = await browser.newPage();
    try {
      // Control: the same bytes without the file headers run their scripts in this browser.
      await page.goto(`${origin}/control/logo.svg`);
      await expect.poll(() => requested.filter((p) => p.startsWith('/pwned')).length, { timeout: 5000 }).toBe(2);
      expect(await page.evaluate(() => [document.title, document.documentElement.getAttribute('data-ran')])).toEqual(['pwned', 'yes']);

      requested.length = 0;
      const blocked: string[] = [];
      page.on('console', (m) => blocked.push(m.text()));
      const res = await page.goto(uploaded.fileUrl);
      expect(res?.status()).toBe(200);
      await page.waitForLoadState('load');
      // The sandbox also gives the document an opaque origin: it cannot read the product's storage.
      const state = await page.evaluate(() => ({ title: document.title, ran: document.documentElement.getAttribute('data-ran'), origin: window.origin }));
      // A short wait for anything asynchronous a script might have started.
      await page.waitForTimeout(300);
      expect(state).toEqual({ title: 'Logo du lieu', ran: null, origin: 'null' });
      expect(requested.filter((p) => p.startsWith('/pwned'))).toEqual([]);
      expect(requested).toContain(`/v1/kit/${asset.id}/file`);
      expect(blocked.some((m) => /sandbox|script/i.test(m))).toBe(true);
    } finally {
      await page.close();
    }
  });
});
