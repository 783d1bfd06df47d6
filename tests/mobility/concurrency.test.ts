import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createPerson, createPlace, postPass, postVisit, sumBalances } from './mobility-setup.js';

let t: TestContext;
let home: string;

beforeAll(async () => {
  t = await createTestContext();
  home = await createPlace(t, { name: 'Lieu d’attache' });
});

describe('capacity and quotas under concurrent requests', () => {
  it('20 simultaneous visits to a host with capacity 5 on one day: exactly 5 succeed, the rest are 409', async () => {
    const host = await createPlace(t, { name: 'Lieu très demandé', mobility: { acceptsVisitors: true, dailyVisitorCapacity: 5, preferentialDayRateCents: 900 } });
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => createPerson(t, home, `Visiteur ${i}`)));

    const answers = await Promise.all(people.map((personId) => postVisit(t, { personId, hostPlaceId: host, date: '2025-09-15', scheme: 'retrocession' })));

    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    expect(answers.filter((a) => a.status === 409).every((a) => /complet/.test(a.body.detail))).toBe(true);
    const listed = await t.call('GET', `/v1/visits?placeId=${host}&from=2025-09-15&to=2025-09-15`, { token: ADMIN });
    expect(listed.body.items.filter((v: any) => v.hostPlaceId === host)).toHaveLength(5);
    const entries = await t.call('GET', `/v1/ledger/entries?account=place:${host}`, { token: ADMIN });
    expect(entries.body.items).toHaveLength(5);
    const balances = await t.call('GET', '/v1/ledger/balances?from=2025-09&to=2025-09', { token: ADMIN });
    expect(balances.body.accounts.find((a: any) => a.account === `place:${host}`).balanceCents).toBe(5 * 1000);
    expect(sumBalances(balances.body.accounts)).toBe(0);
  });

  it('10 simultaneous pass visits with 3 days left: exactly 3 succeed, the rest are 409', async () => {
    const host = await createPlace(t, { name: 'Lieu spacieux', mobility: { acceptsVisitors: true, dailyVisitorCapacity: 50, preferentialDayRateCents: 900 } });
    const person = await createPerson(t, home, 'Titulaire du pass');
    const pass = await postPass(t, { personId: person, period: 'month', daysPerPeriod: 5, priceCents: 5000, startsOn: '2025-10-01', endsOn: '2025-10-31' });
    expect(pass.status).toBe(201);
    for (const date of ['2025-10-01', '2025-10-02']) expect((await postVisit(t, { personId: person, hostPlaceId: host, date, scheme: 'pass' })).status).toBe(201);

    const days = Array.from({ length: 10 }, (_, i) => `2025-10-${String(10 + i).padStart(2, '0')}`);
    const answers = await Promise.all(days.map((date) => postVisit(t, { personId: person, hostPlaceId: host, date, scheme: 'pass' })));

    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(7);
    expect(answers.filter((a) => a.status === 409).every((a) => /épuisés/.test(a.body.detail))).toBe(true);
    const passes = await t.call('GET', `/v1/passes?personId=${person}`, { token: ADMIN });
    expect(passes.body.items[0].usage).toEqual([{ period: '2025-10', usedDays: 5 }]);
    const entries = await t.call('GET', `/v1/ledger/entries?account=place:${host}`, { token: ADMIN });
    expect(entries.body.items).toHaveLength(5);
  });
});
