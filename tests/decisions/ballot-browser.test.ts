/**
 * The voting page in real Chromium: a delegate votes from its link, changes the vote, sees the
 * confirmation; another place's link neither shows nor changes that vote. No JavaScript needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { launchChromium, ARTIFACTS } from '../widget/browser.js';
import { createMembers, NOW, openProposal } from './decision-setup.js';

let t: TestContext;
let browser: Browser;
let api: ServerType;
let origin: string;
let links: { placeId: string; placeName: string; url: string }[];
let proposalId: string;

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestContext({ now: NOW });
  await createMembers(t, 2, 'Tiers-lieu');
  proposalId = await openProposal(t, { title: 'Achat groupé de papier recyclé' });
  api = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (api.listening ? r() : api.once('listening', () => r())));
  origin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  links = (await t.call('POST', `/v1/proposals/${proposalId}/ballots`, { token: ADMIN })).body.items.map((l: any) => ({ ...l, url: l.url.replace('http://localhost:3000', origin) }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (api ? api.close(() => r()) : r()));
});

describe('the voting page', () => {
  it('a delegate votes, changes the vote and sees the confirmation; another place’s link cannot see or change it', async () => {
    const [mine, other] = links as [(typeof links)[0], (typeof links)[0]];
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(mine.url);
    expect(await page.locator('h1').textContent()).toBe('Achat groupé de papier recyclé');
    expect(await page.locator('#current-vote').textContent()).toContain('n’a pas encore voté');
    await page.getByLabel('Pour', { exact: true }).check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Enregistrer le vote' }).click()]);
    expect(await page.locator('#confirmation').textContent()).toContain(`Le vote de ${mine.placeName} est enregistré : Pour`);

    await page.goto(mine.url);
    expect(await page.locator('#current-vote').textContent()).toContain('Pour');
    expect(await page.getByLabel('Pour', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Objection', { exact: true }).check();
    await page.locator('#comment').fill('Trop court');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Enregistrer le vote' }).click()]);
    expect(await page.locator('#form-error').textContent()).toContain('20 caractères');
    await page.locator('#comment').fill('Le fournisseur proposé livre depuis trop loin pour un achat local.');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Enregistrer le vote' }).click()]);
    expect(await page.locator('#confirmation').textContent()).toContain('Objection');
    await page.screenshot({ path: `${ARTIFACTS}/decisions-vote-confirmation.png`, fullPage: true });

    // The other place's link shows only that place, with no trace of the first vote.
    await page.goto(other.url);
    const html = await page.content();
    expect(html).toContain(other.placeName);
    expect(html).not.toContain(mine.placeName);
    expect(await page.locator('#current-vote').textContent()).toContain('n’a pas encore voté');
    await page.getByLabel('Contre', { exact: true }).check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Enregistrer le vote' }).click()]);

    const closed = await t.call('POST', `/v1/proposals/${proposalId}/close`, { token: ADMIN });
    const byPlace = Object.fromEntries(closed.body.votes.map((v: any) => [v.placeId, v]));
    expect(byPlace[mine.placeId]).toMatchObject({ choice: 'objection', channel: 'link' });
    expect(byPlace[other.placeId]).toMatchObject({ choice: 'no', channel: 'link' });
    await page.goto(mine.url);
    expect(await page.locator('h1').textContent()).toBe('Vote clos');
    await context.close();
  }, 120_000);
});
