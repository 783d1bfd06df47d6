/**
 * The printable pages in real Chromium: the valuation report (charts, budget lines, method
 * note; its totals equal the JSON's), the attestation de bénévolat, the rotation map.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { launchChromium } from '../widget/browser.js';
import { expectSecurePage, watchConsole } from '../pages/page-checks.js';
import { createValuationNetwork, postContribution } from './valuation-setup.js';
import { euros } from '../../functions/domain/text/fr.js';

let t: TestContext;
let server: ServerType;
let base: string;
let browser: Browser;
let n: Awaited<ReturnType<typeof createValuationNetwork>>;

beforeAll(async () => {
  t = await createTestContext();
  n = await createValuationNetwork(t);
  const car = { fiscalHorsepower: 5, electric: true };
  for (const body of [
    { kind: 'time', date: '2025-12-15', placeId: n.fabrique, personId: n.agnes, activity: 'Accueil', hours: 4 },
    { kind: 'time', date: '2025-06-15', placeId: n.gabare, personId: n.agnes, activity: 'Atelier <b>vélo</b>', hours: 2.25, level: 'supervision' },
    { kind: 'mileage', date: '2025-06-15', placeId: n.gabare, personId: n.agnes, activity: 'Trajet', km: 86.4, vehicle: car },
    { kind: 'in_kind', date: '2025-04-02', placeId: n.fabrique, activity: 'Salle', resourceId: n.room, quantity: 1, unit: 'day' },
  ]) expect((await postContribution(t, body)).status).toBe(201);
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (server.listening ? r() : server.once('listening', () => r())));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function adminPage(): Promise<Page> {
  const page = await browser.newPage({ locale: 'fr-FR' });
  await page.setExtraHTTPHeaders({ authorization: `Bearer ${ADMIN}` });
  return page;
}

const norm = (s: string | null) => (s ?? '').replace(/\s/g, ' ');

describe('printable pages', () => {
  it('the report shows the JSON’s totals, balanced 86 / 87 lines, two SVG charts and the method note', async () => {
    const json = (await t.call('GET', '/v1/valuation/2025', { token: ADMIN })).body;
    expect(json.total86Cents).toBe(json.total87Cents);
    const page = await adminPage();
    const problems = watchConsole(page);
    const res = await page.goto(`${base}/v1/valuation/2025?format=html`);
    expect(res!.status()).toBe(200);
    expectSecurePage(res);
    expect(await page.locator('h1').textContent()).toBe('Contributions volontaires 2025');
    const text = norm(await page.locator('main').textContent());
    expect(text).toContain(`Total valorisé : ${norm(euros(json.totalCents))}`);
    const totals = await page.locator('tr.total td.num').allTextContents();
    expect(totals.map(norm)).toContain(norm(euros(json.total86Cents)));
    const lineTotals = await page.locator('table:has(th:text("86 — Emplois")) tr.total td.num, table:has(th:text("87 — Contributions")) tr.total td.num').allTextContents();
    expect(lineTotals.map(norm)).toEqual([norm(euros(json.total86Cents)), norm(euros(json.total87Cents))]);
    expect(await page.locator('figure svg').count()).toBe(2);
    expect(await page.locator('figure svg rect[fill="#2e7d32"]').count()).toBeGreaterThan(0);
    expect(text).toContain('11,88 € de l’heure à partir du 01/11/2024');
    expect(text).toContain('barème kilométrique des voitures en vigueur au 01/01/2023');
    expect(text).toContain('Atelier <b>vélo</b>');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the attestation de bénévolat lists the hours by activity, the km and their value, to sign', async () => {
    const json = (await t.call('GET', `/v1/valuation/2025/people/${n.agnes}?format=json`, { token: ADMIN })).body;
    const page = await adminPage();
    const problems = watchConsole(page);
    const res = await page.goto(`${base}/v1/valuation/2025/people/${n.agnes}`);
    expectSecurePage(res);
    expect(await page.locator('h1').textContent()).toBe('Attestation de bénévolat 2025');
    const text = norm(await page.locator('main').textContent());
    expect(text).toContain('Agnès Durand');
    expect(text).toContain('6,25 h');
    expect(text).toContain('86,4 km');
    expect(text).toContain('électrique (+20 %)');
    expect(text).toContain(norm(euros(json.report.totalCents)));
    expect(text).toContain('Le ou la bénévole (signature)');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a rotation plan is a French page with an SVG map of each day’s tour', async () => {
    const r = await t.call('POST', '/v1/coordination/rotations', { token: ADMIN, body: { from: '2026-03-02', to: '2026-03-04', days: 'weekdays', basePlaceId: n.fabrique, maxPlacesPerDay: 1 } });
    expect(r.status).toBe(201);
    const page = await adminPage();
    const problems = watchConsole(page);
    const res = await page.goto(`${base}/v1/coordination/rotations/${r.body.id}`);
    expectSecurePage(res);
    expect(await page.locator('figure svg polyline').count()).toBe(r.body.days.filter((d: { stops: unknown[] }) => d.stops.length).length);
    expect(norm(await page.locator('main').textContent())).toContain('La Fabrique (base)');
    await page.getByRole('link', { name: 'Ajouter le plan à un agenda (.ics)' }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
