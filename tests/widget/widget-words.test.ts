/**
 * The widget's words in Chromium: categories by their French label, the public price
 * with its unit (never a network or member rate), a search placeholder that fits its
 * box on a desktop and a phone, and a clear message for an unknown `view`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';
import { ARTIFACTS, launchChromium } from './browser.js';
import { startHostSite, type HostSite } from './host-site.js';

let t: TestContext;
let api: ServerType;
let host: HostSite;
let browser: Browser;
const consoleErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestContext();
  const place = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'La Fabrique', address: { postcode: '24000', commune: 'Périgueux' } }) })).body.id;
  const res = (o: Record<string, unknown>) => t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(place, o) });
  await res({ name: 'Salle Vézère', category: 'meeting_room', rates: [{ unit: 'day', amountCents: 1500, audience: 'public' }, { unit: 'day', amountCents: 900, audience: 'network' }, { unit: 'hour', amountCents: 300, audience: 'member' }] });
  await res({ name: 'Imprimante Prusa', kind: 'equipment', category: 'printer_3d', capacity: undefined, rates: [{ unit: 'hour', amountCents: 800, audience: 'public' }, { unit: 'day', amountCents: 100, audience: 'network' }] });
  await res({ name: 'Table réservée au réseau', kind: 'equipment', category: 'massage_table', capacity: undefined, rates: [{ unit: 'day', amountCents: 700, audience: 'network' }] });
  api = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (api.listening ? r() : api.once('listening', () => r())));
  const apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  host = await startHostSite(apiOrigin, {
    '/resources': { body: '<tiers-lieux-reseau view="resources"></tiers-lieux-reseau>', hostile: false },
    '/typo': { body: '<tiers-lieux-reseau view="ressources"></tiers-lieux-reseau>', hostile: false },
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  api?.close();
});

async function open(path: string, width = 1100): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  // The host site has no favicon: the browser's own request for it is not the widget's error.
  page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(host.origin + path);
  await page.locator('tiers-lieux-reseau [role=status]:has-text("résultat"), tiers-lieux-reseau [role=alert]').first().waitFor();
  return page;
}

const cardText = async (page: Page, title: string) => (await page.locator('tiers-lieux-reseau article', { hasText: title }).innerText()).replace(/[\u00a0\u202f]/g, ' ');

describe('widget words in Chromium', () => {
  it('shows category labels and the public price with its unit, never a network or member rate', async () => {
    const page = await open('/resources');
    const salle = await cardText(page, 'Salle Vézère');
    expect(salle).toContain('Salle de réunion');
    expect(salle).not.toContain('meeting_room');
    expect(salle).toContain('15 € / jour');
    expect(salle).not.toMatch(/9 €|3 €/);
    const printer = await cardText(page, 'Imprimante Prusa');
    expect(printer).toContain('Imprimante 3D');
    expect(printer).toContain('8 € / heure');
    expect(printer).not.toContain('1 €');
    expect(await cardText(page, 'Table réservée au réseau')).not.toContain('€');
    // The kind filter still works on the codes behind the labels.
    await page.locator('tiers-lieux-reseau select#k').selectOption('equipment');
    await page.locator('tiers-lieux-reseau section[aria-busy=false]').waitFor();
    expect(await page.locator('tiers-lieux-reseau h3').allTextContents()).toEqual(['Imprimante Prusa', 'Table réservée au réseau']);
    await page.screenshot({ path: `${ARTIFACTS}/widget-prices.png`, fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('the search placeholder fits its box, on a desktop and on a phone', async () => {
    for (const width of [1100, 360]) {
      const page = await open('/resources', width);
      const fit = await page.evaluate(() => {
        const input = document.querySelector('tiers-lieux-reseau')!.shadowRoot!.querySelector('input')!;
        const style = getComputedStyle(input);
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = style.font;
        return { text: ctx.measureText(input.placeholder).width, box: input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
      });
      expect(fit.text).toBeGreaterThan(50);
      expect(fit.text, `placeholder at ${width}px`).toBeLessThanOrEqual(fit.box);
    }
  });

  it('an unknown view says so in French and names the views that exist', async () => {
    const page = await open('/typo');
    const alert = page.locator('tiers-lieux-reseau [role=alert]');
    expect(await alert.innerText()).toContain('Affichage inconnu : view="ressources". Choisissez view="places"');
    expect(await alert.innerText()).toContain('view="resources"');
    expect(await page.locator('tiers-lieux-reseau h3').count()).toBe(0);
  });
});
