/**
 * Freshness as a habit: one signed link per place with stale records, the page it opens
 * (three answers per record, end to end in real Chromium), and the monthly e-mail digest
 * through a fake SES.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';
import { launchChromium } from '../widget/browser.js';
import { expectSecurePage, watchConsole } from '../pages/page-checks.js';
import { runFreshnessDigest } from '../../functions/domain/directory/freshness-digest.js';
import { sesEmailSender } from '../../integrations/ses/email-sender.js';
import { startFakeSes, type FakeSes } from '../fakes/ses.js';

let t: TestContext;
let server: ServerType;
let base: string;
let browser: Browser;
let ses: FakeSes;
const ids = { ruche: '', atelier: '', salle: '', laser: '', vieux: '' };

beforeAll(async () => {
  t = await createTestContext({ now: '2026-01-10T09:00:00Z' });
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (server.listening ? r() : server.once('listening', () => r())));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t.deps.publicBaseUrl = base;
  ids.ruche = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'La Ruche', email: 'bonjour@ruche.example.org' }) })).body.id;
  ids.atelier = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'L’Atelier', email: 'atelier@example.org' }) })).body.id;
  ids.salle = (await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(ids.ruche, { name: 'Salle des Tilleuls', rates: [{ unit: 'day', amountCents: 8000, audience: 'public' }, { unit: 'day', amountCents: 5000, audience: 'network' }] }) })).body.id;
  ids.laser = (await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(ids.ruche, { kind: 'equipment', category: 'laser_cutter', name: 'Découpe laser' }) })).body.id;
  ids.vieux = (await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(ids.ruche, { name: 'Vieux vidéoprojecteur', kind: 'equipment', category: 'projector' }) })).body.id;
  // Seven months later: everything is stale at 180 days; L’Atelier checks its own place.
  t.setNow('2026-08-01T09:00:00Z');
  await t.call('POST', `/v1/places/${ids.atelier}/verify`, { token: ADMIN });
  browser = await launchChromium();
  ses = await startFakeSes();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  await ses?.close();
});

async function links(query = '') {
  return t.call('GET', `/v1/freshness/links${query}`, { token: ADMIN });
}

describe('freshness links', () => {
  it('are for the admin only', async () => {
    expect((await t.call('GET', '/v1/freshness/links')).status).toBe(401);
    const token = (await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: ids.ruche } })).body.token;
    expect((await t.call('GET', '/v1/freshness/links', { token })).status).toBe(403);
  });

  it('give one link per place with stale records, at the same threshold as /v1/freshness', async () => {
    const res = await links();
    expect(res.status).toBe(200);
    const stale = await t.call('GET', '/v1/freshness?olderThanDays=180', { token: ADMIN });
    const perPlace = new Map<string, number>();
    for (const r of stale.body.items) perPlace.set(r.placeId, (perPlace.get(r.placeId) ?? 0) + 1);
    expect(res.body.items.map((i: { placeId: string; staleCount: number }) => [i.placeId, i.staleCount])).toEqual([...perPlace.entries()]);
    const [ruche] = res.body.items;
    expect(ruche).toMatchObject({ placeId: ids.ruche, placeName: 'La Ruche', staleCount: 4, expiresAt: '2026-08-31T09:00:00.000Z' });
    expect(ruche.url).toMatch(new RegExp(`^${base}/verifier/${ids.ruche}\\?olderThanDays=180&exp=\\d+&sig=`));
    // With 0 every place is listed, L’Atelier (checked today) included.
    expect((await links('?olderThanDays=0')).body.items.map((i: { placeName: string }) => i.placeName)).toEqual(['L’Atelier', 'La Ruche']);
    expect((await links('?olderThanDays=-1')).status).toBe(400);
  });

  it('open a page whose three buttons verify, correct and archive, end to end', async () => {
    const url = (await links()).body.items[0].url as string;
    const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const problems = watchConsole(page);
    const res = await page.goto(url);
    expect(res!.status()).toBe(200);
    expectSecurePage(res);
    await expect(page.locator('h1').textContent()).resolves.toBe('Fiches à vérifier — La Ruche');
    expect(await page.locator('article.card').count()).toBe(4);

    // « Toujours exact »
    await page.locator(`article[id="resource:${ids.laser}"] button[value="verify"]`).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toBe('« Découpe laser » est marquée comme toujours exacte. Merci !');
    expect(await page.locator(`article[id="resource:${ids.laser}"]`).count()).toBe(0);

    // « À modifier »: a new public day rate and capacity; the network rate stays.
    const card = page.locator(`article[id="resource:${ids.salle}"]`);
    await card.locator('summary').click();
    await card.getByLabel('Tarif journée (€)').fill('95,50');
    await card.getByLabel('Capacité (personnes)').fill('14');
    await card.getByRole('button', { name: 'Enregistrer et marquer comme vérifiée' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toBe('« Salle des Tilleuls » est corrigée et marquée comme vérifiée. Merci !');

    // A correction that cannot be read is refused on the page, nothing saved.
    const place = page.locator(`article[id="place:${ids.ruche}"]`);
    await place.locator('summary').click();
    await place.getByLabel('Visiteurs accueillis par jour').fill('beaucoup');
    await place.getByRole('button', { name: 'Enregistrer et marquer comme vérifiée' }).click();
    await page.locator('.notice.bad').waitFor();
    expect(await page.locator('.notice.bad').textContent()).toBe('Visiteurs accueillis par jour : nombre illisible « beaucoup ».');

    // « N’existe plus »
    await page.locator(`article[id="resource:${ids.vieux}"] button[value="archive"]`).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toBe('« Vieux vidéoprojecteur » est retirée de l’annuaire (archivée, rien n’est effacé).');
    expect(await page.locator('article.card').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();

    const laser = (await t.call('GET', `/v1/resources/${ids.laser}`)).body;
    expect(laser.verifiedAt).toBe('2026-08-01T09:00:00.000Z');
    const salle = (await t.call('GET', `/v1/resources/${ids.salle}`)).body;
    expect(salle.capacity).toBe(14);
    expect(salle.verifiedAt).toBe('2026-08-01T09:00:00.000Z');
    expect(salle.rates).toEqual([
      { unit: 'day', amountCents: 9550, audience: 'public' },
      { unit: 'day', amountCents: 5000, audience: 'network' },
    ]);
    expect((await t.call('GET', `/v1/places/${ids.ruche}`)).body.mobility.dailyVisitorCapacity).toBe(5);
    expect((await t.call('GET', `/v1/resources/${ids.vieux}`, { token: ADMIN })).body.archivedAt).toBe('2026-08-01T09:00:00.000Z');
    // Audited as made through the place's link.
    const audit = await t.call('GET', `/v1/audit?entityId=${ids.salle}`, { token: ADMIN });
    expect(audit.body.items[0]).toMatchObject({ action: 'update', actor: `manager:lien-de-verification@${ids.ruche}`, note: 'via le lien de vérification du lieu' });
  });

  it('a tampered link opens nothing (403 page), an expired one says so (410 page)', async () => {
    const url = new URL((await links('?olderThanDays=0')).body.items[0].url);
    const tampered = await t.app.request(url.pathname.replace(ids.atelier, ids.ruche) + url.search);
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).not.toContain('Salle des Tilleuls');
    const lowered = await t.app.request(url.pathname + url.search.replace('olderThanDays=0', 'olderThanDays=1'));
    expect(lowered.status).toBe(403);
    const unsigned = await t.app.request(url.pathname + '?olderThanDays=0');
    expect(unsigned.status).toBe(403);
    t.setNow('2026-09-01T09:00:01Z');
    const expired = await t.app.request(url.pathname + url.search);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('Lien expiré');
    const post = await t.app.request(url.pathname + url.search, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `record=place:${ids.atelier}&action=archive` });
    expect(post.status).toBe(410);
    expect((await t.call('GET', `/v1/places/${ids.atelier}`)).body.archivedAt).toBeUndefined();
    t.setNow('2026-08-01T09:00:00Z');
  });

  it('a link cannot act on another place’s record', async () => {
    const url = new URL((await links('?olderThanDays=0')).body.items.find((i: { placeId: string }) => i.placeId === ids.atelier).url);
    const res = await t.app.request(url.pathname + url.search, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `record=resource:${ids.salle}&action=archive` });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Cette fiche n’appartient pas à votre lieu.');
    expect((await t.call('GET', `/v1/resources/${ids.salle}`)).body.archivedAt).toBeUndefined();
  });
});

describe('the monthly digest', () => {
  it('sends nothing without SES, and once a month per place with it', async () => {
    t.setNow('2027-03-01T07:00:00Z');
    expect(await runFreshnessDigest(t.deps)).toMatchObject({ month: '2027-03', links: 2, emailed: [] });
    expect(ses.sent).toEqual([]);

    const sender = sesEmailSender({ from: 'reseau@example.org', endpoint: ses.endpoint });
    ses.failFor.add('atelier@example.org');
    const first = await runFreshnessDigest(t.deps, { sender });
    expect(first.emailed).toEqual([ids.ruche]);
    expect(first.failed).toEqual([{ placeId: ids.atelier, error: expect.stringMatching(/not verified/) }]);
    expect(ses.sent).toHaveLength(1);
    expect(ses.sent[0]).toMatchObject({ from: 'reseau@example.org', to: ['bonjour@ruche.example.org'], subject: 'La Ruche : 3 fiches à vérifier dans l’annuaire du réseau' });
    expect(ses.sent[0]!.text).toContain(`${base}/verifier/${ids.ruche}?olderThanDays=180&exp=`);
    expect(ses.sent[0]!.text).toContain('valable jusqu’au 31 mars 2027');

    ses.failFor.clear();
    const second = await runFreshnessDigest(t.deps, { sender });
    expect(second.emailed).toEqual([ids.atelier]);
    expect(second.skipped).toContainEqual({ placeId: ids.ruche, reason: 'déjà envoyé en mars 2027' });
    expect(ses.sent).toHaveLength(2);
  });
});
