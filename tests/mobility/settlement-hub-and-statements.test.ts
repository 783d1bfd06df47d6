/**
 * Money the way a network pays: the hub settlement (the default) and the statements that
 * follow it, in French a treasurer reads (elision, dates in words, one line per cancelled
 * visit), with names next to ids and people's names only where the caller may see them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createPerson, createPlace, managerToken, postVisit } from './mobility-setup.js';
import { personInput } from '../support/fixtures.js';
import { applyTransfers, hubTransfers, netTransfers } from '../../functions/domain/mobility/settlement-netting.js';

let t: TestContext;
let cantou: string, gabare: string, ouest: string, terrasses: string;
let agnes: string, helene: string;
let cancelledVisit: string;

/** Intl puts narrow no-break spaces before « € »: compare the text as read. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const open = { acceptsVisitors: true, dailyVisitorCapacity: 10, preferentialDayRateCents: 900 };

beforeAll(async () => {
  t = await createTestContext();
  cantou = await createPlace(t, { name: 'Le Cantou' });
  gabare = await createPlace(t, { name: 'La Gabare', mobility: open });
  ouest = await createPlace(t, { name: 'Atelier Ouest', mobility: open });
  terrasses = await createPlace(t, { name: 'Les Terrasses' });
  agnes = await createPerson(t, cantou, 'Agnès Martin');
  const r = await t.call('POST', '/v1/people', { token: ADMIN, body: personInput(terrasses, { displayName: 'Hélène Roux', publicProfile: false }) });
  expect(r.status).toBe(201);
  helene = r.body.id;
  for (const [personId, hostPlaceId, date] of [
    [agnes, gabare, '2026-12-02'],
    [agnes, gabare, '2026-12-09'],
    [helene, ouest, '2026-12-03'],
  ] as const) {
    expect((await postVisit(t, { personId, hostPlaceId, date, scheme: 'retrocession' })).status).toBe(201);
  }
  const v = await postVisit(t, { personId: agnes, hostPlaceId: ouest, date: '2026-12-10', scheme: 'retrocession' });
  cancelledVisit = v.body.id;
  expect((await t.call('POST', `/v1/visits/${cancelledVisit}/cancel`, { token: ADMIN })).status).toBe(200);
});

describe('hub settlement (pure)', () => {
  it('for any zero-sum balances: transfers only between the network and places, balances cleared, at most n − 1 when the network’s balance is not zero', () => {
    const balancesArb = fc.array(fc.integer({ min: -100_000, max: 100_000 }), { minLength: 0, maxLength: 40 }).map((amounts) => {
      const total = amounts.reduce((s, a) => s + a, 0);
      return [{ account: 'network', balanceCents: -total }, ...amounts.map((balanceCents, i) => ({ account: `place:P${i}`, balanceCents }))];
    });
    fc.assert(
      fc.property(balancesArb, (balances) => {
        const transfers = hubTransfers(balances);
        const nonZero = balances.filter((b) => b.balanceCents !== 0);
        expect(transfers.every((x) => x.amountCents > 0 && (x.from === 'network') !== (x.to === 'network'))).toBe(true);
        expect(transfers).toHaveLength(nonZero.filter((b) => b.account !== 'network').length);
        if (balances[0]!.balanceCents !== 0) expect(transfers.length).toBeLessThanOrEqual(nonZero.length - 1);
        expect(applyTransfers(balances, transfers).every((b) => b.balanceCents === 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a place never pays a place it had no dealings with (netting may make it)', () => {
    // A owed B, C owed D; netting pairs the largest debtor and creditor: A pays D, a stranger.
    const balances = [
      { account: 'network', balanceCents: 0 },
      { account: 'place:A', balanceCents: -3000 },
      { account: 'place:B', balanceCents: 1000 },
      { account: 'place:C', balanceCents: -1000 },
      { account: 'place:D', balanceCents: 3000 },
    ];
    expect(netTransfers(balances)).toContainEqual({ from: 'place:A', to: 'place:D', amountCents: 3000 });
    expect(hubTransfers(balances)).toEqual([
      { from: 'place:A', to: 'network', amountCents: 3000 },
      { from: 'network', to: 'place:B', amountCents: 1000 },
      { from: 'place:C', to: 'network', amountCents: 1000 },
      { from: 'network', to: 'place:D', amountCents: 3000 },
    ]);
  });
});

describe('GET /v1/settlements/{YYYY-MM}?mode=hub|min', () => {
  it('hub by default: every place settles with the network only, with names and one sentence per transfer', async () => {
    const r = await t.call('GET', '/v1/settlements/2026-12', { token: ADMIN });
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe('hub');
    expect(r.body.balances).toContainEqual({ account: `place:${gabare}`, balanceCents: 2000, name: 'La Gabare' });
    expect(r.body.transfers).toHaveLength(4);
    for (const x of r.body.transfers) expect([x.from, x.to]).toContain('network');
    const toGabare = r.body.transfers.find((x: any) => x.to === `place:${gabare}`);
    expect(toGabare).toMatchObject({ from: 'network', fromName: 'Tête de réseau', toName: 'La Gabare', amountCents: 2000 });
    expect(plain(toGabare.reason)).toBe('En décembre 2026, les autres organisations du réseau doivent 20,00 € de plus à La Gabare que ce lieu ne leur doit : la tête de réseau lui verse ce solde.');
    const fromCantou = r.body.transfers.find((x: any) => x.from === `place:${cantou}`);
    expect(plain(fromCantou.reason)).toContain('Le Cantou doit 20,00 € de plus aux autres organisations');
    expect(applyTransfers(r.body.balances, r.body.transfers).every((b) => b.balanceCents === 0)).toBe(true);
  });

  it('min: today’s netting between organisations, at most n − 1 transfers; an unknown mode is a 400 in French', async () => {
    const r = await t.call('GET', '/v1/settlements/2026-12?mode=min', { token: ADMIN });
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe('min');
    expect(r.body.transfers.length).toBeLessThanOrEqual(r.body.balances.filter((b: any) => b.balanceCents !== 0).length - 1);
    expect(r.body.transfers.every((x: any) => x.reason.startsWith('Compensation au plus court de décembre 2026'))).toBe(true);
    const bad = await t.call('GET', '/v1/settlements/2026-12?mode=cheapest', { token: ADMIN });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'mode', message: expect.any(String) }]);
  });
});

describe('statements in French, following the settlement’s mode', () => {
  it('« Visite d’Agnès … le 2 décembre 2026 », and the transfer with the place’s own figures', async () => {
    const r = await t.call('GET', `/v1/statements/2026-12/${gabare}`, { token: ADMIN });
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe('hub');
    expect(r.body.lines.map((l: any) => l.label)).toEqual(['Visite d’Agnès Martin le 2 décembre 2026 (rétrocession)', 'Visite d’Agnès Martin le 9 décembre 2026 (rétrocession)']);
    expect(r.body.lines[0]).toMatchObject({ fromName: 'Le Cantou', toName: 'La Gabare', status: 'posted', amountCents: 1000 });
    expect(r.body.transfers).toEqual([expect.objectContaining({ from: 'network', to: `place:${gabare}`, amountCents: 2000 })]);
    expect(plain(r.body.transfers[0].reason)).toBe('En décembre 2026, les autres organisations du réseau doivent 20,00 € à La Gabare, qui ne leur doit rien : la tête de réseau lui verse ce montant.');
    const min = await t.call('GET', `/v1/statements/2026-12/${gabare}?mode=min`, { token: ADMIN });
    const settlement = await t.call('GET', '/v1/settlements/2026-12?mode=min', { token: ADMIN });
    expect(min.body.mode).toBe('min');
    expect(min.body.transfers.map((x: any) => [x.from, x.to, x.amountCents])).toEqual(
      settlement.body.transfers.filter((x: any) => x.from === `place:${gabare}` || x.to === `place:${gabare}`).map((x: any) => [x.from, x.to, x.amountCents]),
    );
  });

  it('a cancelled visit is one line that says so, never a due and an owed line', async () => {
    const r = await t.call('GET', `/v1/statements/2026-12/${ouest}`, { token: ADMIN });
    const lines = r.body.lines.filter((l: any) => l.visitId === cancelledVisit);
    expect(lines).toEqual([expect.objectContaining({ status: 'cancelled', amountCents: 0, cancelledAmountCents: 1000, label: 'Visite d’Agnès Martin le 10 décembre 2026 (rétrocession) — annulée, rien n’est dû' })]);
    // The flows leave the cancelled visit out: nothing owed either way with Le Cantou.
    expect(r.body.flows.find((f: any) => f.account === `place:${cantou}`)).toBeUndefined();
    const csv = await t.call('GET', `/v1/statements/2026-12/${ouest}?format=csv`, { token: ADMIN });
    const rows = csv.text.split('\r\n').filter((l: string) => l.includes('10 décembre 2026') || l.includes('2026-12-10'));
    expect(rows).toEqual(['Visite reçue;2026-12-10;Visite d’Agnès Martin le 10 décembre 2026 (rétrocession) — annulée, rien n’est dû;Le Cantou;Atelier Ouest;rétrocession;Annulée;0,00']);
    const html = await t.call('GET', `/v1/statements/2026-12/${ouest}?format=html`, { token: ADMIN });
    expect(html.text).toContain('10 décembre 2026');
    expect(html.text).toContain('annulée</span> — rien n’est dû');
    expect(html.text).not.toContain('2026-12-10');
  });

  it('a person without a public profile is named only to those who may see them', async () => {
    const admin = await t.call('GET', `/v1/statements/2026-12/${ouest}`, { token: ADMIN });
    expect(admin.body.lines.map((l: any) => l.label)).toContain('Visite d’Hélène Roux le 3 décembre 2026 (rétrocession)');
    const manager = await t.call('GET', `/v1/statements/2026-12/${ouest}`, { token: await managerToken(t, ouest) });
    expect(manager.status).toBe(200);
    expect(manager.body.lines.map((l: any) => l.label)).toContain('Visite d’une personne des Terrasses le 3 décembre 2026 (rétrocession)');
    expect(JSON.stringify(manager.body)).not.toContain('Hélène');
    const home = await t.call('GET', `/v1/statements/2026-12/${terrasses}`, { token: await managerToken(t, terrasses) });
    expect(home.body.visitsSent[0].personName).toBe('Hélène Roux');
  });
});

describe('visit lists carry names', () => {
  it('place names always; a person’s display name only when the caller may see that person', async () => {
    const manager = await t.call('GET', `/v1/visits?placeId=${ouest}`, { token: await managerToken(t, ouest) });
    expect(manager.status).toBe(200);
    const byPerson = new Map(manager.body.items.map((v: any) => [v.personId, v]));
    expect(byPerson.get(agnes)).toMatchObject({ personName: 'Agnès Martin', hostPlaceName: 'Atelier Ouest', homePlaceName: 'Le Cantou' });
    expect(byPerson.get(helene)).toMatchObject({ hostPlaceName: 'Atelier Ouest', homePlaceName: 'Les Terrasses' });
    expect(byPerson.get(helene)).not.toHaveProperty('personName');
    const admin = await t.call('GET', `/v1/visits?placeId=${ouest}`, { token: ADMIN });
    expect(admin.body.items.find((v: any) => v.personId === helene).personName).toBe('Hélène Roux');
  });
});
