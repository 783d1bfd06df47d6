import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import jsQR from 'jsqr';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { postPass } from '../mobility/mobility-setup.js';
import { ARTIFACTS, launchChromium } from '../widget/browser.js';
import { NOW, createHostAndPerson } from './checkin-setup.js';

let t: TestContext;
let api: ServerType;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestContext({ now: NOW });
  api = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (api.listening ? r() : api.once('listening', () => r())));
  origin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  // Links are made for the address the phone reaches.
  t.deps.publicBaseUrl = origin;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  api?.close();
});

describe('check-in at the door in real Chromium', () => {
  it('the poster’s QR code decodes to the place link; a phone that opened its card checks in with one tap', async () => {
    const { host, person } = await createHostAndPerson(t);
    await postPass(t, { personId: person, period: 'month', daysPerPeriod: 4, priceCents: 4000, startsOn: '2026-12-01' });
    const poster = await t.call('GET', `/v1/places/${host}/poster?format=json`, { token: ADMIN });
    const svg = await t.call('GET', `/v1/places/${host}/poster?format=svg`, { token: ADMIN });
    const card = await t.call('GET', `/v1/people/${person}/card?format=json`, { token: ADMIN });

    // Rasterise the printed poster in the browser (3 px per mm), then decode its QR code here.
    const page = await browser.newPage({ viewport: { width: 430, height: 900 }, locale: 'fr-FR' });
    const pixels = await page.evaluate(async (source: string) => {
      const img = new Image();
      img.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(source)))}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = 630;
      canvas.height = 891;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(img, 0, 0, canvas.width, canvas.height);
      const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
      let bin = '';
      for (let i = 0; i < data.length; i += 8192) bin += String.fromCharCode(...data.subarray(i, i + 8192));
      return btoa(bin);
    }, svg.text);
    const rgba = new Uint8ClampedArray(Buffer.from(pixels, 'base64'));
    const decoded = jsQR(rgba, 630, 891);
    expect(decoded?.data).toBe(poster.body.url);

    // The phone opens its card link once: it remembers the card.
    await page.goto(card.body.url);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Carte de Camille Martin');
    await page.screenshot({ path: `${ARTIFACTS}/checkin-card-page.png`, fullPage: true });
    // Then it scans the poster: one button, and the French result.
    await page.goto(decoded!.data);
    await page.getByRole('button', { name: 'Enregistrer ma journée' }).first().click();
    await page.waitForURL(decoded!.data);
    const status = await page.getByRole('status').textContent();
    expect(status).toBe('Journée enregistrée au Chai — 1 jour de pass utilisé, il vous en reste 3');
    await page.screenshot({ path: `${ARTIFACTS}/checkin-result.png`, fullPage: true });
    const visits = await t.call('GET', `/v1/visits?placeId=${host}&status=pending`, { token: ADMIN });
    expect(visits.body.items).toHaveLength(1);
    expect(visits.body.items[0]).toMatchObject({ personId: person, channel: 'checkin', scheme: 'pass' });
    await page.close();
  }, 90_000);
});
