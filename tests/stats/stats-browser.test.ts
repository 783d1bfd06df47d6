/**
 * /stats in real Chromium, with decisions taken and volunteer hours valued: the figures are
 * the counts of what was recorded (closed proposals by outcome and month, time contributions
 * not archived), the page runs under its strict CSP without a console error, and no name,
 * title or note of a proposal or a contribution appears.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';
import { launchChromium } from '../widget/browser.js';
import type { Deps } from '../../functions/domain/deps.js';
import type { Actor } from '../../functions/domain/actor.js';
import { createProposal } from '../../functions/domain/decisions/proposals.js';
import { closeProposal } from '../../functions/domain/decisions/close-proposal.js';
import { castVote } from '../../functions/domain/decisions/votes.js';
import { publicFigures } from '../../functions/domain/stats/public-figures.js';

const NOW = '2026-03-20T10:00:00Z';
const SYSTEM: Actor = { role: 'system', id: 'test' };
let t: TestContext;
let browser: Browser;
let api: ServerType;
let origin: string;

const at = (iso: string): Deps => ({ ...t.deps, now: () => new Date(iso) });

async function proposal(title: string, openAt: string, closeAt: string, yes: string[]) {
  const p = await createProposal(at(openAt), SYSTEM, { title, text: `${title} : texte complet.`, rule: 'simple', closesAt: closeAt });
  for (const placeId of yes) await castVote(at(openAt), { role: 'manager', id: 'm', placeId }, p.id, placeId, { choice: 'yes' });
  await closeProposal(at(closeAt), SYSTEM, p.id, 'schedule');
}

beforeAll(async () => {
  const launching = launchChromium();
  t = await createTestContext({ now: NOW });
  const places = await Promise.all(['Alpha', 'Bêta', 'Gamma'].map(async (name) => (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name }) })).body.id as string));
  // January: one adopted (every place votes yes), one closed without a vote (no quorum).
  // March: one adopted. Last year's December is inside the 12 months too.
  const time = (date: string, hours: number, volunteerName: string) => t.call('POST', '/v1/contributions', { token: ADMIN, body: { kind: 'time', date, placeId: places[0], volunteerName, activity: 'Accueil', hours, note: 'Note privée' } });
  // Independent records, written side by side (the machine is shared).
  const [, , , , ...contributions] = await Promise.all([
    proposal('Achat groupé de chaises', '2026-01-05T09:00:00Z', '2026-01-20T18:00:00Z', places),
    proposal('Proposition secrète sans quorum', '2026-01-06T09:00:00Z', '2026-01-25T18:00:00Z', []),
    proposal('Charte des bénévoles', '2026-03-01T09:00:00Z', '2026-03-10T18:00:00Z', places),
    proposal('Fête de fin d’année', '2025-12-01T09:00:00Z', '2025-12-12T18:00:00Z', places),
    time('2025-12-15', 3, 'Bénévole Confidentielle'),
    time('2026-02-03', 2.5, 'Bénévole Confidentielle'),
    time('2026-02-10', 4, 'Autre Bénévole'),
    time('2026-03-02', 7, 'Autre Bénévole'),
  ]);
  expect(contributions.map((c) => c.status)).toEqual([201, 201, 201, 201]);
  expect((await t.call('DELETE', `/v1/contributions/${contributions[3]!.body.id}`, { token: ADMIN })).status).toBe(200);

  api = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (api.listening ? r() : api.once('listening', () => r())));
  origin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  browser = await launching;
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => api.close(() => r()));
});

describe('/stats with decisions and volunteer hours', () => {
  it('counts closed proposals by month and outcome, and the valued hours per month (archived left out)', async () => {
    const f = await publicFigures(t.deps);
    const i = (m: string) => f.months.indexOf(m);

    expect(f.months.at(-1)).toBe('2026-03');
    expect([f.decisionsByMonth.adopted[i('2025-12')], f.decisionsByMonth.adopted[i('2026-01')], f.decisionsByMonth.no_quorum[i('2026-01')], f.decisionsByMonth.adopted[i('2026-03')]]).toEqual([1, 1, 1, 1]);
    expect(f.decisionsByMonth.rejected.every((n) => n === 0)).toBe(true);
    expect(f.totals).toMatchObject({ decisions: 4, adopted: 3, volunteerHours: 9.5 });
    expect([f.volunteerHoursByMonth[i('2025-12')], f.volunteerHoursByMonth[i('2026-02')], f.volunteerHoursByMonth[i('2026-03')]]).toEqual([3, 6.5, 0]);
  });

  it('shows them in Chromium: charts, French figures, no console error, nothing private', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      const res = await page.goto(`${origin}/stats`);
      expect(res?.status()).toBe(200);
      const text = await page.locator('main').innerText();
      const headings = await page.locator('h2').allInnerTexts();

      expect(headings).toEqual(expect.arrayContaining(['Décisions prises', 'Bénévolat valorisé']));
      expect(text).toContain('4 décisions prises en 12 mois, dont 3 propositions adoptées.');
      expect(text).toContain('9,5 heures de bénévolat valorisées en 12 mois.');
      expect(await page.locator('svg').count()).toBe(7);
      const decisionsChart = page.locator('svg', { has: page.locator('title', { hasText: 'Propositions closes par mois' }) });
      expect(await decisionsChart.count()).toBe(1);
      expect(await decisionsChart.innerHTML()).toContain('Quorum non atteint');
      for (const secret of ['Confidentielle', 'Autre Bénévole', 'Note privée', 'secrète', 'Achat groupé', 'Accueil']) expect(text).not.toContain(secret);
      expect(await page.content()).not.toContain('Confidentielle');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
