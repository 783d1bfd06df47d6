import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';
import { eventInput } from '../events/event-fixtures.js';
import { ARTIFACTS, launchChromium } from './browser.js';
import { startHostSite, type HostSite } from './host-site.js';

let t: TestContext;
let api: ServerType;
let apiOrigin: string;
let host: HostSite;
let browser: Browser;
let context: BrowserContext;
const requested: string[] = [];
const cookieHeaders: string[] = [];
let concertId: string;

async function seed(): Promise<void> {
  const place = async (name: string, commune: string, postcode: string, tags: string[]) => {
    const r = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name, address: { postcode, commune }, tags, website: `https://${name.toLowerCase().replace(/\W+/g, '')}.example.org` }) });
    return r.body.id as string;
  };
  const fabrique = await place('La Fabrique', 'Périgueux', '24000', ['fablab', 'coworking']);
  const gabare = await place('La Gabare', 'Bergerac', '24100', ['café associatif']);
  await place('Le Moulin', 'Sarlat-la-Canéda', '24200', ['coworking']);
  await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(fabrique, { name: 'Découpeuse laser', kind: 'equipment', category: 'laser_cutter' }) });
  await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(gabare, { name: 'Grande salle', kind: 'space', category: 'event_hall', capacity: 120 }) });
  const concert = await t.call('POST', '/v1/events', { token: ADMIN, body: eventInput(gabare, { title: 'Concert sur les quais', startsAt: '2026-06-20T20:30', endsAt: '2026-06-20T23:00', priceCents: 800, tags: ['musique'] }) });
  concertId = concert.body.id;
  await t.call('POST', '/v1/events', { token: ADMIN, body: eventInput(fabrique, { title: 'Initiation à l’impression 3D', startsAt: '2026-06-15T14:00', endsAt: '2026-06-15T17:00' }) });
  const off = await t.call('POST', '/v1/events', { token: ADMIN, body: eventInput(fabrique, { title: 'Soirée annulée', startsAt: '2026-06-18T19:00', endsAt: '2026-06-18T22:00' }) });
  await t.call('DELETE', `/v1/events/${off.body.id}`, { token: ADMIN });
}

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestContext({ now: '2026-06-01T08:00:00Z' });
  await seed();
  api = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (api.listening ? r() : api.once('listening', () => r())));
  apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  host = await startHostSite(apiOrigin, {
    '/places': { body: '<tiers-lieux-reseau></tiers-lieux-reseau>', hostile: false },
    '/places-hostile': { body: '<tiers-lieux-reseau></tiers-lieux-reseau>', hostile: true },
    '/resources': { body: '<tiers-lieux-reseau view="resources"></tiers-lieux-reseau>', hostile: false },
    '/events': { body: '<tiers-lieux-reseau view="events" lang="fr"></tiers-lieux-reseau>', hostile: true },
    '/events-en': { body: '<tiers-lieux-reseau view="events" lang="en"></tiers-lieux-reseau>', hostile: false },
    '/broken': { body: '<tiers-lieux-reseau view="events" api="BROKEN"></tiers-lieux-reseau>', hostile: false },
  });
  context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'fr-FR' });
  // A cookie the API origin's host would receive if the widget sent credentials.
  await context.addCookies([{ name: 'session', value: 'secret', domain: '127.0.0.1', path: '/' }]);
  context.on('request', (req) => {
    requested.push(req.url());
    const cookie = req.headers().cookie;
    if (req.url().startsWith(apiOrigin + '/v1/') && cookie) cookieHeaders.push(cookie);
  });
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.close();
  api?.close();
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(host.origin + path);
  // Loaded once the live region announces a count of results (or the error box shows).
  await page.locator('tiers-lieux-reseau [role=status]:has-text("résultat"), tiers-lieux-reseau [role=status]:has-text("result"), tiers-lieux-reseau [role=alert]').first().waitFor();
  return page;
}

const titles = (page: Page) => page.locator('tiers-lieux-reseau h3').allTextContents();
/** Filters go to the API: the list is current once the widget is no longer busy. */
const settled = (page: Page) => page.locator('tiers-lieux-reseau section[aria-busy=false]').waitFor();
const shown = async (page: Page) => (await settled(page), titles(page));

describe('widget in Chromium', () => {
  it('renders the seeded places from the API of the script’s origin, with an open shadow root', async () => {
    const page = await open('/places');
    expect((await titles(page)).sort()).toEqual(['La Fabrique', 'La Gabare', 'Le Moulin']);
    expect(await page.locator('tiers-lieux-reseau [role=status]').textContent()).toBe('3 résultats');
    expect(await page.evaluate(() => document.querySelector('tiers-lieux-reseau')!.shadowRoot?.mode)).toBe('open');
    await page.screenshot({ path: `${ARTIFACTS}/widget-places.png`, fullPage: true });
    await page.close();
  });

  it('filters by text without accents, by commune and by kind', async () => {
    const page = await open('/places');
    await page.getByLabel('Rechercher').fill('CANEDA');
    expect(await shown(page)).toEqual(['Le Moulin']);
    await page.getByLabel('Rechercher').fill('');
    await page.getByLabel('Commune').selectOption('Bergerac');
    expect(await shown(page)).toEqual(['La Gabare']);
    await page.getByLabel('Commune').selectOption('');
    await page.getByLabel('Type').selectOption('coworking');
    expect((await shown(page)).sort()).toEqual(['La Fabrique', 'Le Moulin']);
    expect(await page.locator('tiers-lieux-reseau [role=status]').textContent()).toBe('2 résultats');
    await page.close();

    const res = await open('/resources');
    expect((await titles(res)).sort()).toEqual(['Découpeuse laser', 'Grande salle']);
    await res.getByLabel('Type').selectOption('space');
    expect(await shown(res)).toEqual(['Grande salle']);
    await res.screenshot({ path: `${ARTIFACTS}/widget-resources.png`, fullPage: true });
    await res.close();
  });

  it('shows the first resource cards without waiting for the form choices, then fills the communes', async () => {
    const page = await context.newPage();
    // The form's choices are held until the cards are checked: they must not depend on them.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(`${apiOrigin}/v1/facets`, async (route) => (await held, route.continue()));
    // At national scale the places list is megabytes: the resources view never asks for it.
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(host.origin + '/resources');
    await page.locator('tiers-lieux-reseau [role=status]:has-text("résultat")').waitFor();
    const laser = page.locator('tiers-lieux-reseau article', { hasText: 'Découpeuse laser' });
    // Its place's website comes with the resource's own page of results.
    expect(await laser.getByRole('link', { name: /Site web/ }).getAttribute('href')).toBe('https://lafabrique.example.org/');
    expect(await laser.textContent()).toContain('La Fabrique — Périgueux');
    const communes = page.getByLabel('Commune').locator('option');
    expect(await communes.allTextContents()).toEqual(['Toutes']);
    await page.getByLabel('Type').selectOption('space');
    expect(await shown(page)).toEqual(['Grande salle']);
    release();
    await page.getByLabel('Commune').locator('option[value="Bergerac"]').waitFor({ state: 'attached' });
    expect(await communes.allTextContents()).toEqual(['Toutes', 'Bergerac', 'Périgueux', 'Sarlat-la-Canéda']);
    // The choice made meanwhile stays.
    expect(await page.getByLabel('Type').inputValue()).toBe('space');
    await page.getByLabel('Commune').selectOption('Bergerac');
    expect(await shown(page)).toEqual(['Grande salle']);
    expect(asked.filter((p) => p.startsWith('/v1/'))).not.toContain('/v1/places');
    expect(asked).toContain('/v1/facets');
    await page.close();
  });

  it('lists upcoming events in French, marks the cancelled one, and writes schema.org Event JSON-LD', async () => {
    const page = await open('/events');
    expect(await titles(page)).toEqual(['Initiation à l’impression 3D', 'Soirée annulée', 'Concert sur les quais']);
    expect(await page.locator('tiers-lieux-reseau article', { hasText: 'Soirée annulée' }).textContent()).toContain('Annulé');
    expect(await page.locator('tiers-lieux-reseau article', { hasText: 'Concert' }).textContent()).toMatch(/samedi 20 juin 2026.*20:30/);
    const ld = await page.evaluate(() => Array.from(document.querySelectorAll('tiers-lieux-reseau > script[type="application/ld+json"]')).map((s) => JSON.parse(s.textContent!)));
    expect(ld).toHaveLength(3);
    expect(ld.find((x) => x.name === 'Concert sur les quais')).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      startDate: '2026-06-20T20:30:00+02:00',
      location: { '@type': 'Place', name: 'La Gabare' },
      offers: { price: '8.00', priceCurrency: 'EUR' },
    });
    expect(ld.find((x) => x.name === 'Soirée annulée').eventStatus).toBe('https://schema.org/EventCancelled');
    await page.screenshot({ path: `${ARTIFACTS}/widget-events-hostile-host.png`, fullPage: true });
    await page.close();
  });

  it('speaks English with lang="en"', async () => {
    const page = await open('/events-en');
    expect(await page.locator('tiers-lieux-reseau h2').textContent()).toBe('Upcoming events');
    expect(await page.locator('tiers-lieux-reseau [role=status]').textContent()).toBe('3 results');
    expect(await page.getByLabel('Search').count()).toBe(1);
    await page.close();
  });

  it('follows an event’s link to its public page', async () => {
    const page = await open('/events');
    const link = page.locator('tiers-lieux-reseau article', { hasText: 'Concert sur les quais' }).getByRole('link', { name: /En savoir plus/ });
    await Promise.all([page.waitForURL(`${apiOrigin}/events/${concertId}`), link.click()]);
    expect(await page.locator('h1').textContent()).toBe('Concert sur les quais');
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(ld['@type']).toBe('Event');
    await page.close();
  });

  it('is usable with the keyboard: labelled controls, visible focus', async () => {
    const page = await open('/places');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.querySelector('tiers-lieux-reseau')!.shadowRoot!.activeElement as HTMLInputElement | null;
      return el ? { id: el.id, label: el.labels?.[0]?.textContent, outline: getComputedStyle(el).outlineStyle } : null;
    });
    expect(focused).toMatchObject({ id: 'q', label: expect.stringContaining('Rechercher'), outline: 'solid' });
    expect(await page.locator('tiers-lieux-reseau [aria-live=polite]').count()).toBe(1);
    await page.close();
  });

  it('shows a readable message when the API fails, with a retry button', async () => {
    const page = await context.newPage();
    await page.goto(host.origin + '/broken');
    await page.evaluate((api) => document.querySelector('tiers-lieux-reseau')!.setAttribute('api', api), host.origin + '/broken-api');
    const alert = page.locator('tiers-lieux-reseau [role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Impossible de charger les données du réseau');
    expect(await alert.getByRole('button', { name: 'Réessayer' }).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/widget-api-error.png` });
    await page.close();
  });

  it('is not restyled by a hostile host stylesheet', async () => {
    const styles = async (path: string) => {
      const page = await open(path);
      const s = await page.evaluate(() => {
        const root = document.querySelector('tiers-lieux-reseau')!.shadowRoot!;
        const props = ['color', 'font-family', 'font-size', 'line-height', 'letter-spacing', 'text-transform', 'background-color', 'border-top-style', 'padding-top', 'display', 'text-align', 'word-spacing', 'font-style', 'width'];
        const out: Record<string, Record<string, string>> = {};
        for (const sel of ['section', 'h2', 'input', 'select', 'ul', 'li', 'article', 'h3', 'a', 'p.m']) {
          const el = root.querySelector(sel)!;
          const cs = getComputedStyle(el);
          out[sel] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
        }
        return out;
      });
      await page.screenshot({ path: `${ARTIFACTS}/widget-${path.slice(1)}.png`, fullPage: true });
      await page.close();
      return s;
    };
    const clean = await styles('/places');
    const hostile = await styles('/places-hostile');
    // Widths follow the room the host page gives the widget (its own layout, legitimately
    // its choice); every style property inside the shadow root must be identical.
    const withoutWidth = (s: typeof clean) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, { ...v, width: undefined }]));
    expect(withoutWidth(hostile)).toEqual(withoutWidth(clean));
    expect(parseFloat(hostile.article!.width!)).toBeGreaterThan(200);
    expect(clean.a!.display).not.toBe('none');
    expect(clean.h3!.color).not.toBe('rgb(255, 0, 255)');
  });

  it('sends no cookies and calls nothing but the API and the host page', async () => {
    expect(cookieHeaders).toEqual([]);
    const origins = new Set(requested.map((u) => new URL(u).origin));
    expect([...origins].sort()).toEqual([apiOrigin, host.origin].sort());
  });
});
