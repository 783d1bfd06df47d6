/**
 * The widget's newer views in Chromium, one browser and one API for the file: the
 * communication kit (view="kit"), the free places of the next 7 days with « Réserver »
 * through the member card (view="availability"), and paging: 24 cards from the API, the
 * next ones on « Voir plus », every filter sent to the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { personInput, placeInput, resourceInput } from '../support/fixtures.js';
import { localFileStore } from '../../integrations/files/local-file-store.js';
import { todayInParis } from '../../functions/domain/mobility/periods.js';
import { ARTIFACTS, launchChromium } from './browser.js';
import { startHostSite, type HostSite } from './host-site.js';

/** A 1×1 PNG (the kit checks the bytes of an upload). */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');

let t: TestContext;
let api: ServerType;
let apiOrigin: string;
let host: HostSite;
let browser: Browser;
let context: BrowserContext;
let filesDir: string;
const apiRequests: string[] = [];
const ids: Record<string, string> = {};
let cardUrl: string;
let today: string;
let tomorrow: string;

const call = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
  const r = await t.call(method, path, { token: ADMIN, body, headers });
  expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300);
  return r.body;
};

async function seed(): Promise<void> {
  const place = (name: string, commune: string, postcode: string, location: { lat: number; lon: number }, mobility?: Record<string, unknown>) =>
    call('POST', '/v1/places', placeInput({ name, address: { postcode, commune }, location, mobility })).then((b) => b.id as string);
  ids.fabrique = await place('La Fabrique', 'Périgueux', '24000', { lat: 45.184, lon: 0.721 });
  ids.chai = await place('Le Chai', 'Bergerac', '24100', { lat: 44.853, lon: 0.483 }, { acceptsVisitors: true, dailyVisitorCapacity: 1, preferentialDayRateCents: 1000 });
  ids.grange = await place('La Grange', 'Sarlat-la-Canéda', '24200', { lat: 44.889, lon: 1.216 }, { acceptsVisitors: true, dailyVisitorCapacity: 3, preferentialDayRateCents: 1200 });
  // 30 desks at La Fabrique and 2 printers at Le Chai: more than one page of 24.
  const resources = [
    ...Array.from({ length: 30 }, (_, i) => resourceInput(ids.fabrique!, { name: `Poste ${String(i + 1).padStart(2, '0')}`, kind: 'space', category: 'desk', capacity: 1 })),
    ...['Imprimante Prusa', 'Imprimante Bambu'].map((name) => resourceInput(ids.chai!, { name, kind: 'equipment', category: 'printer_3d', capacity: undefined })),
  ];
  await Promise.all(resources.map((r) => call('POST', '/v1/resources', r)));

  // The kit: a guide with a link, a pitch in English, a logo with its uploaded file.
  const kit = (o: Record<string, unknown>) => call('POST', '/v1/kit', { description: 'À reprendre librement.', licence: 'CC BY-SA 4.0', language: 'fr', tags: [], ...o }).then((b) => b.id as string);
  await kit({ title: 'Charte graphique du réseau', kind: 'guide', url: 'https://charte.example.org/charte.pdf', licence: 'Licence Ouverte 2.0' });
  await kit({ title: 'Présenter un tiers-lieu en deux minutes', kind: 'pitch', language: 'en', tags: ['élus'] });
  ids.logo = await kit({ title: 'Logo du réseau', kind: 'logo' });
  const ticket = await call('POST', `/v1/kit/${ids.logo}/file`, { fileName: 'logo.png', contentType: 'image/png', size: PNG.length });
  const upload = new URL(ticket.uploadUrl);
  const put = await t.app.request(upload.pathname + upload.search, { method: 'PUT', headers: { ...ticket.headers, 'content-length': String(PNG.length) }, body: new Uint8Array(PNG) });
  expect(put.status).toBe(200);

  // A member of La Fabrique with a card; Le Chai (1 place) is already booked tomorrow.
  const person = (name: string) => call('POST', '/v1/people', personInput(ids.fabrique!, { displayName: name })).then((b) => b.id as string);
  ids.camille = await person('Camille Martin');
  ids.lou = await person('Lou Durand');
  today = todayInParis(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  tomorrow = d.toISOString().slice(0, 10);
  await call('POST', '/v1/reservations', { personId: ids.lou, hostPlaceId: ids.chai, date: tomorrow, scheme: 'retrocession' }, { 'idempotency-key': 'widget-views-lou' });
  cardUrl = (await call('GET', `/v1/people/${ids.camille}/card?format=json`)).url;
}

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestContext();
  filesDir = mkdtempSync(join(tmpdir(), 'widget-kit-'));
  t.deps.files = localFileStore(filesDir);
  api = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (api.listening ? r() : api.once('listening', () => r())));
  apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  // Card links and file links are made for the address the browser reaches.
  t.deps.publicBaseUrl = apiOrigin;
  await seed();
  const tag = (attrs: string) => ({ body: `<tiers-lieux-reseau ${attrs}></tiers-lieux-reseau>`, hostile: false });
  host = await startHostSite(apiOrigin, {
    '/kit': tag('view="kit"'),
    '/kit-en': tag('view="kit" lang="en"'),
    '/resources': tag('view="resources"'),
    '/resources-chai': tag(`view="resources" place="${ids.chai}"`),
    '/availability': tag('view="availability"'),
    '/typo': tag('view="agenda"'),
    '/typo-en': tag('view="agenda" lang="en"'),
  });
  // The visitor's browser is near Bergerac, and lets the page know it (when asked).
  context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'fr-FR', geolocation: { latitude: 44.86, longitude: 0.49 }, permissions: ['geolocation'] });
  context.on('request', (req) => req.url().startsWith(`${apiOrigin}/v1/`) && apiRequests.push(decodeURIComponent(req.url().slice(apiOrigin.length))));
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.close();
  api?.close();
  rmSync(filesDir, { recursive: true, force: true });
});

const settled = (page: Page) => page.locator('tiers-lieux-reseau section[aria-busy=false]').waitFor();
const titles = async (page: Page) => (await settled(page), page.locator('tiers-lieux-reseau h3').allTextContents());
const status = (page: Page) => page.locator('tiers-lieux-reseau [role=status]').textContent();
async function open(path: string, ready: (page: Page) => Promise<void> = settled): Promise<Page> {
  const page = await context.newPage();
  await page.goto(host.origin + path);
  await ready(page);
  return page;
}
const alerted = (page: Page) => page.locator('tiers-lieux-reseau [role=alert]').waitFor();

describe('view="kit"', () => {
  it('shows each asset with its kind, language, licence and link; the search box asks the API, accents aside', async () => {
    const page = await open('/kit');
    expect(await page.locator('tiers-lieux-reseau h2').textContent()).toBe('Kit de communication du réseau');
    expect(await titles(page)).toEqual(['Charte graphique du réseau', 'Logo du réseau', 'Présenter un tiers-lieu en deux minutes']);
    const text = async (title: string) => (await page.locator('tiers-lieux-reseau article', { hasText: title }).innerText()).replace(/\s+/g, ' ');
    expect(await text('Charte graphique')).toContain('Guide · français');
    expect(await text('Charte graphique')).toContain('Licence : Licence Ouverte 2.0');
    expect(await text('Présenter')).toContain('Argumentaire · anglais');
    const link = page.locator('tiers-lieux-reseau article', { hasText: 'Charte graphique' }).getByRole('link', { name: /Ouvrir le lien/ });
    expect(await link.getAttribute('href')).toBe('https://charte.example.org/charte.pdf');
    const file = await page.locator('tiers-lieux-reseau article', { hasText: 'Logo du réseau' }).getByRole('link', { name: /Télécharger le fichier/ }).getAttribute('href');
    expect(file).toBe(`${apiOrigin}/v1/kit/${ids.logo}/file`);
    const download = await fetch(file!);
    expect([download.status, download.headers.get('content-type')]).toEqual([200, 'image/png']);

    await page.getByLabel('Rechercher').fill('PRESENTER');
    expect(await titles(page)).toEqual(['Présenter un tiers-lieu en deux minutes']);
    expect(apiRequests).toContain('/v1/kit?limit=24&q=PRESENTER');
    await page.getByLabel('Rechercher').fill('');
    await page.getByLabel('Type').selectOption('logo');
    expect(await titles(page)).toEqual(['Logo du réseau']);
    expect(apiRequests).toContain('/v1/kit?limit=24&kind=logo');
    await page.screenshot({ path: `${ARTIFACTS}/widget-kit.png`, fullPage: true });
    await page.close();

    const en = await open('/kit-en');
    expect(await en.locator('tiers-lieux-reseau article', { hasText: 'Présenter' }).innerText()).toMatch(/Pitch · English[\s\S]*Licence: CC BY-SA 4.0/);
    await en.close();
  });

  it('an unknown view names every view, kit and availability included, in French and in English', async () => {
    const fr = await open('/typo', alerted);
    expect(await fr.locator('tiers-lieux-reseau [role=alert]').innerText()).toBe('Affichage inconnu : view="agenda". Choisissez view="places", view="resources", view="events", view="kit" ou view="availability".');
    const en = await open('/typo-en', alerted);
    expect(await en.locator('tiers-lieux-reseau [role=alert]').innerText()).toBe('Unknown view: view="agenda". Use view="places", view="resources", view="events", view="kit" or view="availability".');
    await Promise.all([fr.close(), en.close()]);
  });
});

describe('paging: one page of 24 from the API, « Voir plus » for the next', () => {
  it('shows 24 cards first, the rest on « Voir plus », and sends the filters to the API', async () => {
    const page = await open('/resources');
    expect(await titles(page)).toHaveLength(24);
    expect(await status(page)).toBe('24 résultats affichés, d’autres à voir');
    expect(apiRequests.filter((u) => u.startsWith('/v1/resources?'))).toEqual(['/v1/resources?limit=24']);
    const more = page.getByRole('button', { name: 'Voir plus' });
    await more.click();
    await page.locator('tiers-lieux-reseau li:nth-child(32)').waitFor();
    expect(await page.locator('tiers-lieux-reseau h3').count()).toBe(32);
    expect(await status(page)).toBe('32 résultats');
    expect(await more.isHidden()).toBe(true);
    expect(apiRequests.filter((u) => u.startsWith('/v1/resources?limit=24&cursor='))).toHaveLength(1);
    // No card twice.
    expect(new Set(await titles(page)).size).toBe(32);

    await page.getByLabel('Catégorie').selectOption('printer_3d');
    expect((await titles(page)).sort()).toEqual(['Imprimante Bambu', 'Imprimante Prusa']);
    expect(apiRequests).toContain('/v1/resources?limit=24&category=printer_3d');
    await page.getByLabel('Catégorie').selectOption('');
    await page.getByLabel('Commune').selectOption('Périgueux');
    await page.getByLabel('Rechercher').fill('poste 3');
    expect(await titles(page)).toEqual(['Poste 30']);
    expect(apiRequests).toContain('/v1/resources?limit=24&q=poste+3&commune=Périgueux');
    // Typing asks once the typing pauses, not once per letter.
    expect(apiRequests.filter((u) => u.includes('q=p') && !u.includes('q=poste+3'))).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/widget-paging.png`, fullPage: true });
    await page.close();

    const chai = await open('/resources-chai');
    expect((await titles(chai)).sort()).toEqual(['Imprimante Bambu', 'Imprimante Prusa']);
    expect(apiRequests).toContain(`/v1/resources?limit=24&placeId=${ids.chai}`);
    expect(await chai.getByRole('button', { name: 'Voir plus' }).isHidden()).toBe(true);
    await chai.close();
  });
});

describe('view="availability"', () => {
  const label = (day: string) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${day}T12:00:00Z`));
  const day = (page: Page, n: number) => page.locator('tiers-lieux-reseau .days ul').nth(n);

  it('lists the next 7 days’ free places as counts, grouped by day, nearest first on « Près de chez moi »', async () => {
    const page = await open('/availability');
    const six = new Date(`${today}T12:00:00Z`);
    six.setUTCDate(six.getUTCDate() + 6);
    expect(apiRequests.filter((u) => u.startsWith('/v1/availability'))).toEqual([`/v1/availability?date=${today}&to=${six.toISOString().slice(0, 10)}`]);
    const days = await page.locator('tiers-lieux-reseau h3').allTextContents();
    expect(days).toHaveLength(7);
    expect(days[0]).toBe(label(today));
    // Today: both hosts, by name; La Fabrique takes no visitors. Tomorrow Le Chai is full.
    expect(await day(page, 0).locator('h4').allTextContents()).toEqual(['La Grange', 'Le Chai']);
    expect((await day(page, 0).innerText()).replace(/\s+/g, ' ')).toMatch(/La Grange Sarlat-la-Canéda 3 places libres .*Le Chai Bergerac 1 place libre/);
    expect(await day(page, 1).locator('h4').allTextContents()).toEqual(['La Grange']);
    // Counts only: no names of who is there.
    expect(await page.locator('tiers-lieux-reseau section').innerText()).not.toMatch(/Lou|Durand|Camille/);

    await page.getByRole('button', { name: 'Près de chez moi' }).click();
    // The position is given (the hint says so), then the nearest-first list comes back.
    await page.locator('tiers-lieux-reseau #near-hint', { hasText: 'Les lieux les plus proches d’abord.' }).waitFor();
    await settled(page);
    expect(await day(page, 0).locator('h4').allTextContents()).toEqual(['Le Chai', 'La Grange']);
    expect(apiRequests.filter((u) => u.startsWith('/v1/availability')).at(-1)).toContain('&near=44.8600,0.4900');
    expect(await day(page, 0).innerText()).toMatch(/Bergerac · à [\d,]+ km/);
    await page.screenshot({ path: `${ARTIFACTS}/widget-availability.png`, fullPage: true });
    await page.close();
  });

  it('« Réserver » opens the card kept by this browser with that place and day chosen, and it books', async () => {
    // The visitor's phone opened its card once: it remembers it.
    const cardPage = await context.newPage();
    await cardPage.goto(cardUrl);
    expect(await cardPage.locator('h1').textContent()).toBe('Carte de Camille Martin');
    await cardPage.close();

    const page = await open('/availability');
    const reserve = day(page, 1).getByRole('button', { name: `Réserver : La Grange, ${label(tomorrow)}` });
    const [tab] = await Promise.all([context.waitForEvent('page'), reserve.click()]);
    await tab.waitForURL(/\/m\/[^/]+\?placeId=/);
    expect(await tab.locator('select#place').inputValue()).toBe(ids.grange);
    expect(await tab.locator('input#date').inputValue()).toBe(tomorrow);
    await tab.getByRole('button', { name: 'Réserver', exact: true }).click();
    await tab.waitForURL(/\/reservations$/);
    expect(await tab.locator('h1').textContent()).toBe('Réservation enregistrée');
    expect(await tab.getByRole('status').textContent()).toMatch(/^Journée réservée à La Grange le .+\. Scannez l’affiche du lieu en arrivant\.$/);
    const grange = await t.call('GET', `/v1/availability?date=${tomorrow}&placeId=${ids.grange}`);
    expect(grange.body.items[0]).toMatchObject({ capacity: 3, taken: 1, remaining: 2 });
    await Promise.all([tab.close(), page.close()]);
  });

  it('a day the card cannot book is refused on a French page, with the way back to the card', async () => {
    const tab = await context.newPage();
    await tab.goto(cardUrl);
    // What the widget opens for Le Chai tomorrow (full since Lou booked its one place).
    await tab.goto(`${apiOrigin}/m/reserver?placeId=${ids.chai}&date=${tomorrow}`);
    await tab.getByRole('button', { name: 'Réserver', exact: true }).click();
    await tab.waitForURL(/\/reservations$/);
    expect(await tab.locator('h1').textContent()).toBe('Réservation impossible');
    expect(await tab.getByRole('alert').textContent()).toContain('« Le Chai » est complet');
    expect(await tab.getByRole('link', { name: 'Retour à ma carte' }).count()).toBe(1);
    await tab.close();
  });

  it('without a card on this browser, « Réserver » says how to get one', async () => {
    const fresh = await browser.newContext({ locale: 'fr-FR' });
    const page = await fresh.newPage();
    await page.goto(host.origin + '/availability');
    await settled(page);
    const [tab] = await Promise.all([fresh.waitForEvent('page'), page.locator('tiers-lieux-reseau .days ul').first().getByRole('button', { name: /^Réserver/ }).first().click()]);
    await tab.waitForLoadState();
    expect(await tab.getByRole('status').textContent()).toContain('Ouvrez d’abord sur ce téléphone le lien de votre carte de membre');
    await fresh.close();
  });
});
