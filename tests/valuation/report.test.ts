import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createValuationNetwork, postContribution } from './valuation-setup.js';

let t: TestContext;
let n: Awaited<ReturnType<typeof createValuationNetwork>>;

/** Euros with a decimal comma → cents. */
const cents = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);

function csvRows(text: string): string[][] {
  return text.trimEnd().split('\r\n').map((l) => l.split(';'));
}

beforeAll(async () => {
  t = await createTestContext();
  n = await createValuationNetwork(t);
  const car = { fiscalHorsepower: 4, electric: false };
  const bodies = [
    { kind: 'time', date: '2025-02-03', placeId: n.fabrique, personId: n.agnes, activity: 'Accueil', hours: 3.5, project: 'Forum' },
    { kind: 'time', date: '2025-09-12', placeId: n.gabare, personId: n.paul, activity: 'Atelier vélo', hours: 6, level: 'expertise' },
    { kind: 'mileage', date: '2025-03-10', placeId: n.fabrique, personId: n.agnes, activity: 'Livraison', km: 2400.5, vehicle: car, project: 'Forum' },
    { kind: 'mileage', date: '2025-07-10', placeId: n.gabare, personId: n.agnes, activity: 'Livraison', km: 2700, vehicle: car },
    { kind: 'mileage', date: '2025-11-02', placeId: n.gabare, personId: n.agnes, activity: 'Livraison', km: 120.3, vehicle: car },
    { kind: 'in_kind', date: '2025-04-02', placeId: n.fabrique, activity: 'Salle pour le forum', resourceId: n.room, quantity: 1.5, unit: 'day', project: 'Forum' },
    { kind: 'in_kind', date: '2025-05-20', placeId: n.gabare, activity: 'Don de peinture', valueCents: 4550, note: 'Prix catalogue du fournisseur' },
  ];
  for (const body of bodies) expect((await postContribution(t, body)).status).toBe(201);
});

describe('the yearly valuation report', () => {
  it('values each kind with its figures and balances 86 and 87', async () => {
    const r = await t.call('GET', '/v1/valuation/2025', { token: ADMIN });
    expect(r.status).toBe(200);
    const b = r.body;
    expect(b.hours).toBe(9.5);
    // 3,5 h × 11,88 = 41,58 € ; 6 h × 11,88 × 3 = 213,84 €.
    expect(b.timeValueCents).toBe(4158 + 21_384);
    // Agnès: 5 220,8 km in the year with 4 CV → 5 220,8 × 0,340 + 1 330 = 3 105,072 € → 310 507 cents, shared among her trips.
    expect(b.km).toBe(5220.8);
    expect(b.mileageValueCents).toBe(310_507);
    expect(b.inKindValueCents).toBe(18_000 + 4550);
    expect(b.totalCents).toBe(b.timeValueCents + b.mileageValueCents + b.inKindValueCents);
    expect(b.total86Cents).toBe(b.totalCents);
    expect(b.total87Cents).toBe(b.total86Cents);
    const line = (code: string) => b.lines.find((l: { code: string }) => l.code === code).amountCents;
    expect(line('864')).toBe(b.timeValueCents);
    expect(line('870')).toBe(b.timeValueCents);
    expect(line('861')).toBe(18_000);
    expect(line('862')).toBe(b.mileageValueCents);
    expect(line('871')).toBe(18_000 + b.mileageValueCents);
    expect(line('860')).toBe(4550);
    expect(line('875')).toBe(4550);
    expect(b.byMonth).toHaveLength(12);
    expect(b.byMonth.reduce((s: number, m: { totalCents: number }) => s + m.totalCents, 0)).toBe(b.totalCents);
    expect(b.byPlace.reduce((s: number, m: { totalCents: number }) => s + m.totalCents, 0)).toBe(b.totalCents);
    expect(b.byProject.reduce((s: number, m: { totalCents: number }) => s + m.totalCents, 0)).toBe(b.totalCents);
    expect(b.figures.smic).toEqual([{ from: '2024-11-01', hourlyCents: 1188, source: expect.any(String) }]);
    expect(b.figures.mileageGrid.from).toBe('2023-01-01');
  });

  it('a person’s trips share the yearly barème amount to the cent', async () => {
    const list = await t.call('GET', `/v1/contributions?from=2025-01-01&to=2025-12-31&personId=${n.agnes}&kind=mileage`, { token: ADMIN });
    const shares = list.body.items.map((c: { valueCents: number }) => c.valueCents);
    expect(shares).toHaveLength(3);
    expect(shares.reduce((s: number, x: number) => s + x, 0)).toBe(310_507);
  });

  it('a report restricted to a place or a project keeps the trips valued on the yearly total, and stays balanced', async () => {
    for (const q of [`placeId=${n.fabrique}`, `placeId=${n.gabare}`, 'project=Forum']) {
      const r = await t.call('GET', `/v1/valuation/2025?${q}`, { token: ADMIN });
      expect(r.status).toBe(200);
      expect(r.body.total86Cents).toBe(r.body.total87Cents);
      expect(r.body.total86Cents).toBe(r.body.totalCents);
    }
    const forum = await t.call('GET', '/v1/valuation/2025?project=Forum', { token: ADMIN });
    // 2 400,5 km of 5 220,8 → 310 507 × 24 005 / 52 208 = 142 770,3 → 142 770 (or 142 771 by largest remainder).
    expect(forum.body.mileageValueCents).toBeGreaterThanOrEqual(142_770);
    expect(forum.body.mileageValueCents).toBeLessThanOrEqual(142_771);
  });

  it('the CSV opens in French spreadsheets and its totals equal the JSON’s', async () => {
    const json = (await t.call('GET', '/v1/valuation/2025', { token: ADMIN })).body;
    const r = await t.call('GET', '/v1/valuation/2025?format=csv', { token: ADMIN });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    // Response.text() drops a BOM: read the bytes.
    const raw = Buffer.from(await (await t.app.request('/v1/valuation/2025?format=csv', { headers: { authorization: `Bearer ${ADMIN}` } })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(r.text);
    expect(rows[0]).toEqual(['Rubrique', 'Libellé', 'Heures', 'Km', 'Temps (€)', 'Kilomètres (€)', 'En nature (€)', 'Total (€)']);
    const total = rows.find((x) => x[0] === 'Total')!;
    expect(total[2]).toBe('9,5');
    expect(cents(total[4]!)).toBe(json.timeValueCents);
    expect(cents(total[5]!)).toBe(json.mileageValueCents);
    expect(cents(total[6]!)).toBe(json.inKindValueCents);
    expect(cents(total[7]!)).toBe(json.totalCents);
    expect(cents(rows.find((x) => x[0] === 'Total 86')![7]!)).toBe(json.total86Cents);
    expect(cents(rows.find((x) => x[0] === 'Total 87')![7]!)).toBe(json.total87Cents);
    const months = rows.filter((x) => x[0] === 'Mois');
    expect(months).toHaveLength(12);
    expect(months.reduce((s, m) => s + cents(m[7]!), 0)).toBe(json.totalCents);
  });

  it('the treasurer’s own line mapping is used and 86 still equals 87', async () => {
    const put = await t.call('PUT', '/v1/settings/valuation', { token: ADMIN, body: { lines: { time: { use: '864', source: '875' }, resource: { use: '861', source: '871' }, mileage: { use: '861', source: '870' }, explicit: { use: '860', source: '875' } } } });
    expect(put.status).toBe(200);
    const r = (await t.call('GET', '/v1/valuation/2025', { token: ADMIN })).body;
    const line = (code: string) => r.lines.find((l: { code: string }) => l.code === code).amountCents;
    expect(line('875')).toBe(r.timeValueCents + 4550);
    expect(line('870')).toBe(r.mileageValueCents);
    expect(line('862')).toBe(0);
    expect(r.total86Cents).toBe(r.total87Cents);
    await t.call('PUT', '/v1/settings/valuation', { token: ADMIN, body: {} });
  });

  it('a manager reads its own place’s report only; bad years are French 400s', async () => {
    expect((await t.call('GET', `/v1/valuation/2025?placeId=${n.fabrique}`, { token: n.fabriqueManager })).status).toBe(200);
    expect((await t.call('GET', '/v1/valuation/2025', { token: n.fabriqueManager })).status).toBe(403);
    const bad = await t.call('GET', '/v1/valuation/20x5', { token: ADMIN });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/Année attendue/);
    expect((await t.call('GET', '/v1/valuation/2025?format=pdf', { token: ADMIN })).status).toBe(400);
  });

  it('an attestation gathers one volunteer’s year across places', async () => {
    const r = await t.call('GET', `/v1/valuation/2025/people/${n.agnes}?format=json`, { token: ADMIN });
    expect(r.status).toBe(200);
    expect(r.body.report.timeValueCents).toBe(4158);
    expect(r.body.mileage).toEqual([expect.objectContaining({ totalKm: 5220.8, band: 'from5001To20000', yearlyCents: 310_507 })]);
    expect(r.body.report.total86Cents).toBe(r.body.report.total87Cents);
    expect((await t.call('GET', `/v1/valuation/2025/people/NOPE?format=json`, { token: ADMIN })).status).toBe(404);
  });
});
