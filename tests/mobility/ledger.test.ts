import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createPerson, createPlace, integrationToken, managerToken, postPass, postVisit, sumBalances } from './mobility-setup.js';
import { applyTransfers } from '../../functions/domain/mobility/settlement-netting.js';

let t: TestContext;
let a: string, b: string, c: string;
let alice: string, bruno: string;

beforeAll(async () => {
  t = await createTestContext();
  a = await createPlace(t, { name: 'Atelier Alpha' });
  b = await createPlace(t, { name: 'Bureau Bêta', mobility: { acceptsVisitors: true, dailyVisitorCapacity: 10, preferentialDayRateCents: 1200 } });
  c = await createPlace(t, { name: 'Café Gamma', mobility: { acceptsVisitors: true, dailyVisitorCapacity: 10, preferentialDayRateCents: 800 } });
  alice = await createPerson(t, a, 'Alice Durand');
  bruno = await createPerson(t, b, 'Bruno Petit');
  // Month 2025-02: defaults (20 €, half, 12 € per pass day).
  await postPass(t, { personId: alice, period: 'month', daysPerPeriod: 3, priceCents: 3000, startsOn: '2025-02-01' });
  for (const [personId, hostPlaceId, date, scheme] of [
    [alice, b, '2025-02-03', 'retrocession'],
    [alice, c, '2025-02-04', 'pass'],
    [alice, b, '2025-02-05', 'pass'],
    [bruno, c, '2025-02-05', 'preferential'],
    [bruno, a, '2025-02-06', 'retrocession'],
    [bruno, c, '2025-02-20', 'retrocession'],
  ] as const) {
    expect((await postVisit(t, { personId, hostPlaceId, date, scheme })).status).toBe(201);
  }
});

describe('mobility settings', () => {
  it('demo defaults until set, then the admin’s values; only the admin reads and writes them', async () => {
    const fresh = await createTestContext();
    expect((await fresh.call('GET', '/v1/settings/mobility', { token: ADMIN })).body).toEqual({ dayValueCents: 2000, retrocessionShare: 0.5, passDayRateCents: 1200 });
    const put = await fresh.call('PUT', '/v1/settings/mobility', { token: ADMIN, body: { dayValueCents: 3000, retrocessionShare: 0.25, passDayRateCents: 1500 } });
    expect(put.status).toBe(200);
    expect((await fresh.call('GET', '/v1/settings/mobility', { token: ADMIN })).body).toMatchObject({ dayValueCents: 3000, retrocessionShare: 0.25, passDayRateCents: 1500, updatedBy: 'admin' });
    expect((await fresh.call('PUT', '/v1/settings/mobility', { token: ADMIN, body: { dayValueCents: 3000, retrocessionShare: 1.5, passDayRateCents: 1500 } })).body.errors).toEqual([{ path: 'retrocessionShare', message: expect.any(String) }]);
    const placeId = await createPlace(fresh);
    expect((await fresh.call('GET', '/v1/settings/mobility', { token: await managerToken(fresh, placeId) })).status).toBe(403);
    expect((await fresh.call('GET', '/v1/settings/mobility')).status).toBe(401);
  });

  it('a place’s mobility settings are changed through PATCH /v1/places/{placeId}', async () => {
    const r = await t.call('PATCH', `/v1/places/${c}`, { token: await managerToken(t, c), body: { mobility: { acceptsVisitors: true, dailyVisitorCapacity: 12, preferentialDayRateCents: 800 } } });
    expect(r.status).toBe(200);
    expect(r.body.mobility.dailyVisitorCapacity).toBe(12);
  });
});

describe('passes', () => {
  it('a pass purchase posts person → network for the price, dated startsOn', async () => {
    const entries = await t.call('GET', `/v1/ledger/entries?account=person:${alice}`, { token: ADMIN });
    expect(entries.body.items[0]).toMatchObject({ date: '2025-02-01', kind: 'pass', postings: [{ from: `person:${alice}`, to: 'network', amountCents: 3000 }] });
  });

  it('only the admin and the manager of the person’s home place may sell a pass', async () => {
    const body = { personId: bruno, period: 'year', daysPerPeriod: 20, priceCents: 20000, startsOn: '2025-01-01' };
    expect((await postPass(t, body, await managerToken(t, a))).status).toBe(403);
    expect((await postPass(t, body, await integrationToken(t))).status).toBe(403);
    const ok = await postPass(t, { ...body, startsOn: '2026-01-01' }, await managerToken(t, b));
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ personId: bruno, homePlaceId: b, period: 'year', daysPerPeriod: 20 });
  });

  it('an invalid pass is refused with its fields, an unknown person with a 404', async () => {
    const bad = await postPass(t, { personId: alice, period: 'week', daysPerPeriod: 0, priceCents: -1, startsOn: '2025-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['daysPerPeriod', 'period', 'priceCents', 'startsOn']);
    const backwards = await postPass(t, { personId: alice, period: 'month', daysPerPeriod: 2, priceCents: 100, startsOn: '2025-03-01', endsOn: '2025-02-01' });
    expect(backwards.body.errors).toEqual([{ path: 'endsOn', message: expect.any(String) }]);
    expect((await postPass(t, { personId: 'NOBODY', period: 'month', daysPerPeriod: 2, priceCents: 100, startsOn: '2025-03-01' })).status).toBe(404);
  });
});

describe('manual entries, balances and settlement', () => {
  it('the admin posts a manual entry; others may not; unknown accounts are refused', async () => {
    const body = { date: '2025-02-28', memo: 'Cotisation annuelle', postings: [{ from: `place:${a}`, to: 'network', amountCents: 5000 }] };
    expect((await t.call('POST', '/v1/ledger/entries', { token: await managerToken(t, a), body })).status).toBe(403);
    const r = await t.call('POST', '/v1/ledger/entries', { token: ADMIN, body });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: 'manual', date: '2025-02-28', createdBy: 'admin' });
    expect((await t.call('POST', '/v1/ledger/entries', { token: ADMIN, body: { ...body, postings: [{ from: 'place:NOPE', to: 'network', amountCents: 1 }] } })).status).toBe(404);
    expect((await t.call('POST', '/v1/ledger/entries', { token: ADMIN, body: { ...body, postings: [{ from: 'network', to: 'network', amountCents: 1 }] } })).status).toBe(400);
  });

  it('balances follow the postings and always sum to zero', async () => {
    const r = await t.call('GET', '/v1/ledger/balances?from=2025-02&to=2025-02', { token: ADMIN });
    expect(r.status).toBe(200);
    const bal = Object.fromEntries(r.body.accounts.map((x: any) => [x.account, x.balanceCents]));
    // alice: pass −3000; bruno: preferential −800; a: retro −1000 (alice→b), +1000 (bruno→a), fee −5000;
    // b: +1000 retro, +1200 pass, −1000 (bruno→a), −1000 (bruno→c); c: +1200 pass, +800 pref, +1000 retro (bruno→c);
    // network: +3000 pass, −2400 pass days, +5000 fee.
    expect(bal).toEqual({ network: 5600, [`place:${a}`]: -5000, [`place:${b}`]: 200, [`place:${c}`]: 3000, [`person:${alice}`]: -3000, [`person:${bruno}`]: -800 });
    expect(sumBalances(r.body.accounts)).toBe(0);
  });

  it('a range ending mid-month sums that month’s entries up to the day', async () => {
    const r = await t.call('GET', '/v1/ledger/balances?from=2025-02-01&to=2025-02-10', { token: ADMIN });
    const bal = Object.fromEntries(r.body.accounts.map((x: any) => [x.account, x.balanceCents]));
    expect(bal[`place:${c}`]).toBe(2000); // the visit of the 20th is left out
    expect(sumBalances(r.body.accounts)).toBe(0);
  });

  it('the settlement nets postings between organisations into at most n − 1 transfers that clear every balance', async () => {
    const r = await t.call('GET', '/v1/settlements/2025-02', { token: ADMIN });
    expect(r.status).toBe(200);
    expect(r.body.period).toBe('2025-02');
    const bal = Object.fromEntries(r.body.balances.map((x: any) => [x.account, x.balanceCents]));
    // Person postings (pass purchase, preferential) are paid on the spot: left out.
    expect(bal).toEqual({ network: 2600, [`place:${a}`]: -5000, [`place:${b}`]: 200, [`place:${c}`]: 2200 });
    expect(r.body.transfers.length).toBeLessThanOrEqual(3);
    expect(applyTransfers(r.body.balances, r.body.transfers).every((x) => x.balanceCents === 0)).toBe(true);
    expect((await t.call('GET', '/v1/settlements/2025-13', { token: ADMIN })).status).toBe(400);
    expect((await t.call('GET', '/v1/settlements/2025-02', { token: await managerToken(t, a) })).status).toBe(403);
  });

  it('ledger entries: by account for its own manager, every account for the admin, filtered by dates', async () => {
    const own = await t.call('GET', `/v1/ledger/entries?account=place:${c}&from=2025-02-01&to=2025-02-10`, { token: await managerToken(t, c) });
    expect(own.status).toBe(200);
    expect(own.body.items.map((e: any) => e.date)).toEqual(['2025-02-04', '2025-02-05']);
    expect((await t.call('GET', `/v1/ledger/entries?account=place:${a}`, { token: await managerToken(t, c) })).status).toBe(403);
    const all = await t.call('GET', '/v1/ledger/entries?from=2025-02&to=2025-02', { token: ADMIN });
    expect(all.body.items).toHaveLength(8);
    const page = await t.call('GET', `/v1/ledger/entries?account=person:${alice}&limit=1`, { token: ADMIN });
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).toBeTruthy();
  });
});

describe('monthly statement of a place', () => {
  it('JSON: visits received and sent, postings, net amount and its transfers', async () => {
    const r = await t.call('GET', `/v1/statements/2025-02/${c}`, { token: await managerToken(t, c) });
    expect(r.status).toBe(200);
    expect(r.body.place).toMatchObject({ id: c, name: 'Café Gamma' });
    expect(r.body.visitsReceived.map((v: any) => [v.date, v.personName, v.scheme])).toEqual([
      ['2025-02-04', 'Alice Durand', 'pass'],
      ['2025-02-05', 'Bruno Petit', 'preferential'],
      ['2025-02-20', 'Bruno Petit', 'retrocession'],
    ]);
    expect(r.body.visitsSent).toEqual([]);
    expect(r.body.summary).toEqual({ visitsReceived: 3, visitsSent: 0, owedToPlaceCents: 2200, owedByPlaceCents: 0, paidOnSiteCents: 800, netCents: 2200 });
    expect(r.body.transfers.every((x: any) => x.to === `place:${c}` || x.from === `place:${c}`)).toBe(true);
    expect(r.body.transfers.reduce((s: number, x: any) => s + (x.to === `place:${c}` ? x.amountCents : -x.amountCents), 0)).toBe(2200);
  });

  it('CSV for French spreadsheets: BOM, semicolons, decimal comma', async () => {
    const r = await t.call('GET', `/v1/statements/2025-02/${a}?format=csv`, { token: ADMIN });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    // Response.text() drops a BOM: read the bytes.
    const raw = Buffer.from(await (await t.app.request(`/v1/statements/2025-02/${a}?format=csv`, { headers: { authorization: `Bearer ${ADMIN}` } })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = r.text.trim().split('\r\n');
    expect(lines[0]).toBe('Rubrique;Date;Libellé;De;Vers;Dispositif;Statut;Montant (€)');
    expect(lines).toContain('Visite reçue;2025-02-06;Visite de Bruno Petit le 6 février 2025 (rétrocession);Bureau Bêta;Atelier Alpha;rétrocession;Confirmée;10,00');
    expect(lines).toContain('Solde net;;À verser par le lieu;;;;;50,00');
  });

  it('HTML: a printable French page with an SVG chart of the month’s flows', async () => {
    const r = await t.call('GET', `/v1/statements/2025-02/${b}?format=html`, { token: ADMIN });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.text).toContain('<html lang="fr">');
    expect(r.text).toContain('Relevé mobilité — Bureau Bêta — février 2025');
    expect(r.text).toMatch(/<svg[^>]*role="img"/);
    expect(r.text).toContain('Atelier Alpha → Bureau Bêta');
    expect(r.text).toContain('@media print');
    expect(r.text).not.toContain('<script');
  });

  it('a manager cannot read another place’s statement; an unknown place is a 404', async () => {
    expect((await t.call('GET', `/v1/statements/2025-02/${a}`, { token: await managerToken(t, c) })).status).toBe(403);
    expect((await t.call('GET', '/v1/statements/2025-02/NOPE', { token: ADMIN })).status).toBe(404);
  });
});
