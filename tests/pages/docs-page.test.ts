import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestContext, type TestContext } from '../support/harness.js';
import { ARTIFACTS, launchChromium } from '../widget/browser.js';
import { openPage, serveApp, type Served } from './page-check.js';

let t: TestContext;
let browser: Browser;
let served: Served;

beforeAll(async () => {
  t = await createTestContext();
  browser = await launchChromium();
  served = await serveApp(t.app.fetch);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  served?.close();
});

describe('/docs in Chromium', () => {
  it('renders the API reference offline: themes, an example request and answer, the roles, no console error', async () => {
    const { page, status, headers, errors, foreign } = await openPage(browser, `${served.origin}/docs`, { waitFor: 'text=Mobilité des coworkers' });
    expect(status).toBe(200);
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("connect-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBeTruthy();

    // An operation of the directory: its example request (curl) and example answer.
    await page.goto(`${served.origin}/docs#tag/lieux/get/v1places`);
    const op = page.locator('[id="api-1/tag/lieux/get/v1places"]');
    await op.waitFor();
    const text = await op.innerText();
    expect(text).toContain('Lister et chercher les lieux');
    expect(text).toContain('Accès : Public (lecture libre).');
    expect(text).toMatch(/curl '[^']*\/v1\/places/);
    expect(text).toContain('"items"');
    await page.screenshot({ path: `${ARTIFACTS}/docs.png` });

    const body = await page.locator('body').innerText();
    for (const theme of ['Annuaire', 'Mobilité des coworkers', 'Événements et widget', 'Tableur partagé', 'Administration']) expect(body).toContain(theme);
    // The roles: the table at the top, and each route's own « Accès ».
    expect(body).toContain('le gestionnaire d’un lieu (jeton lié à son lieu)');
    expect(body).toContain('Qui peut faire quoi');
    expect(body).toContain('lancer une synchronisation du tableur');
    await page.goto(`${served.origin}/docs#tag/jetons/post/v1tokens`);
    const adminOnly = page.locator('[id="api-1/tag/jetons/post/v1tokens"]');
    await adminOnly.waitFor();
    expect(await adminOnly.innerText()).toContain('Accès : Administrateur du réseau uniquement.');
    // Each route's rights, printed from the one permission table.
    await page.goto(`${served.origin}/docs#tag/mobilité/post/v1passes`);
    const pass = page.locator('[id="api-1/tag/mobilité/post/v1passes"]');
    await pass.waitFor();
    expect(await pass.innerText()).toContain('vendre un pass mobilité : administrateur ; gestionnaire (son lieu)');
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
