/**
 * Every HTML page the product serves, opened in real Chromium: status, French text, no console
 * error (a CSP violation is one), and the security headers. The API docs have their own file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';
import { eventInput } from '../events/event-fixtures.js';
import { createPerson, postVisit } from '../mobility/mobility-setup.js';
import { ARTIFACTS, launchChromium } from '../widget/browser.js';
import { openPage, serveApp, type OpenedPage, type Served } from './page-check.js';

let t: TestContext;
let browser: Browser;
let served: Served;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext({ now: '2026-06-01T08:00:00Z' });
  const place = async (key: string, name: string, commune: string, postcode: string, lat: number, lon: number, extra: Record<string, unknown> = {}) => {
    const r = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name, address: { street: '2 rue des Tanneurs', postcode, commune }, location: { lat, lon }, ...extra }) });
    ids[key] = r.body.id;
  };
  await place('fabrique', 'La Fabrique', 'Périgueux', '24000', 45.184, 0.721, { website: 'https://fabrique.example.org' });
  await place('gabare', 'La Gabare', 'Bergerac', '24100', 44.853, 0.483, { mobility: { acceptsVisitors: true, dailyVisitorCapacity: 5, preferentialDayRateCents: 1000 } });
  await place('moulin', 'Le Moulin', 'Sarlat-la-Canéda', '24200', 44.889, 1.216);
  await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(ids.fabrique!, { name: 'Découpeuse laser', kind: 'equipment', category: 'laser_cutter' }) });
  const concert = await t.call('POST', '/v1/events', { token: ADMIN, body: eventInput(ids.gabare!, { title: 'Concert sur les quais', startsAt: '2026-06-20T20:30', endsAt: '2026-06-20T23:00', priceCents: 800, description: 'Un soir d’été.\n\nBuvette sur place.' }) });
  ids.concert = concert.body.id;
  const person = await createPerson(t, ids.fabrique!, 'Agnès Martin');
  await postVisit(t, { personId: person, hostPlaceId: ids.gabare!, date: '2026-05-12', scheme: 'retrocession' });
  browser = await launchChromium();
  served = await serveApp(t.app.fetch);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  served?.close();
});

function expectSafePage(p: OpenedPage, status = 200) {
  expect(p.status).toBe(status);
  expect(p.headers['content-type']).toContain('text/html');
  expect(p.headers['content-security-policy']).toMatch(/default-src 'none'/);
  expect(p.headers['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(p.headers['x-content-type-options']).toBe('nosniff');
  expect(p.headers['referrer-policy']).toBeTruthy();
  expect(p.failed).toEqual([]);
  expect(p.errors).toEqual([]);
  expect(p.foreign).toEqual([]);
}

describe('pages in Chromium', () => {
  it('/ is the network’s home: places on a map and in a list with their communes, the agenda, and every public door', async () => {
    const p = await openPage(browser, `${served.origin}/`);
    expectSafePage(p);
    const text = await p.page.locator('main').innerText();
    expect(text).toContain('Réseau des tiers-lieux de Dordogne');
    expect(text).toContain('3 lieux dans 3 communes');
    for (const s of ['La Fabrique — Périgueux', 'La Gabare — Bergerac', 'Le Moulin — Sarlat-la-Canéda', 'Concert sur les quais']) expect(text).toContain(s);
    expect(await p.page.locator('svg.tl-map circle').count()).toBe(3);
    const hrefs = await p.page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const h of ['/v1/places', '/v1/resources', '/v1/events', '/v1/events.ics', '/v1/places.geojson', '/v1/resources.csv', '/docs', '/demo', `/events/${ids.concert}`]) expect(hrefs).toContain(h);
    expect(await p.page.locator('pre.tl-snippet').innerText()).toContain(`<script type="module" src="http://localhost:3000/widget.js"></script>`);
    await p.page.screenshot({ path: `${ARTIFACTS}/home.png`, fullPage: true });
    await p.page.close();
  }, 60_000);

  it('an event page shows the place, its address, a link to it and the calendar; its JSON-LD raises no CSP error', async () => {
    const p = await openPage(browser, `${served.origin}/events/${ids.concert}`);
    expectSafePage(p);
    const text = await p.page.locator('main').innerText();
    expect(text).toContain('Concert sur les quais');
    expect(text).toContain('Le samedi 20 juin 2026 de 20 h 30 à 23 h');
    expect(text).toContain('2 rue des Tanneurs, 24100 Bergerac');
    expect(text).toContain('Tarif : 8,00');
    expect(await p.page.locator('a', { hasText: 'La fiche de La Gabare' }).getAttribute('href')).toBe(`/v1/places/${ids.gabare}`);
    expect(await p.page.locator('a', { hasText: 'S’abonner au calendrier du réseau' }).getAttribute('href')).toBe('/v1/events.ics');
    const ld = JSON.parse((await p.page.locator('script[type="application/ld+json"]').textContent())!);
    expect(ld).toMatchObject({ '@type': 'Event', name: 'Concert sur les quais', location: { name: 'La Gabare', address: { streetAddress: '2 rue des Tanneurs', postalCode: '24100', addressLocality: 'Bergerac' } } });
    expect(await p.page.locator('meta[property="og:title"]').getAttribute('content')).toBe('Concert sur les quais');
    await p.page.screenshot({ path: `${ARTIFACTS}/event.png`, fullPage: true });
    await p.page.close();
  }, 60_000);

  it('an unknown event, and any unknown path a browser opens, is the French HTML 404 with a link home', async () => {
    for (const path of ['/events/01JUNKNOWNUNKNOWNUNKNOWN00', '/nulle-part']) {
      const p = await openPage(browser, `${served.origin}${path}`);
      expectSafePage(p, 404);
      expect(await p.page.locator('main').innerText()).toMatch(/n’existe pas/);
      expect(await p.page.locator('main a[href="/"]').count()).toBe(1);
      await p.page.close();
    }
    // API clients keep problem+json.
    const api = await t.call('GET', '/events/01JUNKNOWNUNKNOWNUNKNOWN00', { headers: { accept: 'application/json' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  }, 60_000);

  it('/demo embeds the widget under a CSP that lets it load its code, styles and data, and nothing else', async () => {
    const p = await openPage(browser, `${served.origin}/demo`, { waitFor: 'tiers-lieux-reseau [role=status]:has-text("résultat")' });
    expectSafePage(p);
    expect(p.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(await p.page.locator('body').innerText()).toContain('L’Atelier des Possibles');
    await p.page.close();
  }, 60_000);

  it('a statement opened with a token is the printable French page, with the same headers', async () => {
    const page = await browser.newPage({ locale: 'fr-FR', extraHTTPHeaders: { authorization: `Bearer ${ADMIN}` } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const res = (await page.goto(`${served.origin}/v1/statements/2026-05/${ids.gabare}?format=html`))!;
    expect(res.status()).toBe(200);
    const headers = await res.allHeaders();
    expect(headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBeTruthy();
    expect(await page.locator('body').innerText()).toContain('mai 2026');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
