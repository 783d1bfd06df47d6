import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createNetwork, createPerson, createPlace, integrationToken, managerToken, newKey, postPass, postVisit } from './mobility-setup.js';

let t: TestContext;
let net: Awaited<ReturnType<typeof createNetwork>>;

beforeAll(async () => {
  t = await createTestContext();
  net = await createNetwork(t);
  expect((await t.call('PUT', '/v1/settings/mobility', { token: ADMIN, body: { dayValueCents: 2500, retrocessionShare: 0.4, passDayRateCents: 1300 } })).status).toBe(200);
});

const entriesOf = async (account: string) => (await t.call('GET', `/v1/ledger/entries?account=${account}`, { token: ADMIN })).body.items as { id: string; postings: unknown[] }[];

describe('recording a visit under each scheme', () => {
  it('a retro-cession visit posts home place → host place, round(dayValue × share)', async () => {
    const r = await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-03-03', scheme: 'retrocession' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ personId: net.person, homePlaceId: net.home, hostPlaceId: net.host, date: '2025-03-03', scheme: 'retrocession', status: 'active', amountCents: 1000 });
    expect(r.body.postings).toEqual([{ from: `place:${net.home}`, to: `place:${net.host}`, amountCents: 1000 }]);
    const entries = await entriesOf(`place:${net.host}`);
    expect(entries.find((e) => e.id === r.body.entryId)).toMatchObject({ date: '2025-03-03', kind: 'visit', visitId: r.body.id });
  });

  it('a preferential visit posts person → host place at the host’s preferential rate', async () => {
    const r = await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-03-04', scheme: 'preferential' });
    expect(r.status).toBe(201);
    expect(r.body.postings).toEqual([{ from: `person:${net.person}`, to: `place:${net.host}`, amountCents: 1000 }]);
  });

  it('a pass visit posts network → host place at passDayRateCents and uses one pass day', async () => {
    const pass = await postPass(t, { personId: net.person, period: 'month', daysPerPeriod: 4, priceCents: 4000, startsOn: '2025-03-01', endsOn: '2025-06-30' });
    expect(pass.status).toBe(201);
    const r = await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-03-05', scheme: 'pass' });
    expect(r.status).toBe(201);
    expect(r.body.postings).toEqual([{ from: 'network', to: `place:${net.host}`, amountCents: 1300 }]);
    expect(r.body).toMatchObject({ passId: pass.body.id, passPeriod: '2025-03' });
    const listed = await t.call('GET', `/v1/passes?personId=${net.person}`, { token: ADMIN });
    expect(listed.body.items[0].usage).toEqual([{ period: '2025-03', usedDays: 1 }]);
  });

  it('the host’s manager, the home place’s manager and an integration may record; another place’s manager may not', async () => {
    const other = await createPlace(t, { name: 'Autre lieu' });
    expect((await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-03-10', scheme: 'retrocession' }, { token: await managerToken(t, net.host) })).status).toBe(201);
    expect((await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-03-11', scheme: 'retrocession' }, { token: await managerToken(t, net.home) })).status).toBe(201);
    expect((await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-03-12', scheme: 'retrocession' }, { token: await integrationToken(t) })).status).toBe(201);
    const refused = await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-03-13', scheme: 'retrocession' }, { token: await managerToken(t, other) });
    expect(refused.status).toBe(403);
    expect((await t.call('POST', '/v1/visits', { body: { personId: net.person, hostPlaceId: net.host, date: '2025-03-13', scheme: 'retrocession' }, headers: { 'idempotency-key': newKey() } })).status).toBe(401);
  });
});

describe('refusals', () => {
  const expectProblem = (r: { status: number; headers: Headers; body: any }, status: number, detail: RegExp) => {
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ status });
    expect(r.body.detail).toMatch(detail);
  };

  it('a missing Idempotency-Key is a 400', async () => {
    const r = await t.call('POST', '/v1/visits', { token: ADMIN, body: { personId: net.person, hostPlaceId: net.host, date: '2025-04-01', scheme: 'retrocession' } });
    expectProblem(r, 400, /Idempotency-Key/);
    expect(r.body.errors).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }]);
  });

  it('an unknown person or host is a 404', async () => {
    expectProblem(await postVisit(t, { personId: 'NOBODY', hostPlaceId: net.host, date: '2025-04-01', scheme: 'retrocession' }), 404, /Personne « NOBODY »/);
    expectProblem(await postVisit(t, { personId: net.person, hostPlaceId: 'NOWHERE', date: '2025-04-01', scheme: 'retrocession' }), 404, /Lieu « NOWHERE »/);
  });

  it('a visit to the home place is a 422', async () => {
    expectProblem(await postVisit(t, { personId: net.person, hostPlaceId: net.home, date: '2025-04-01', scheme: 'retrocession' }), 422, /lieu d’attache/);
  });

  it('a host that does not accept visitors is a 422', async () => {
    expectProblem(await postVisit(t, { personId: net.person, hostPlaceId: net.closed, date: '2025-04-01', scheme: 'retrocession' }), 422, /n’accueille pas/);
  });

  it('a pass visit without a pass valid that day is a 422', async () => {
    const someone = await createPerson(t, net.home, 'Sans Pass');
    expectProblem(await postVisit(t, { personId: someone, hostPlaceId: net.host, date: '2025-04-01', scheme: 'pass' }), 422, /pas de pass/);
    await postPass(t, { personId: someone, period: 'month', daysPerPeriod: 2, priceCents: 2000, startsOn: '2025-05-01', endsOn: '2025-05-31' });
    expectProblem(await postVisit(t, { personId: someone, hostPlaceId: net.host, date: '2025-06-01', scheme: 'pass' }), 422, /pas de pass/);
  });

  it('a full host that day is a 409', async () => {
    const small = await createPlace(t, { name: 'Petit lieu', mobility: { acceptsVisitors: true, dailyVisitorCapacity: 1, preferentialDayRateCents: 500 } });
    const other = await createPerson(t, net.home, 'Deuxième Visiteur');
    expect((await postVisit(t, { personId: net.person, hostPlaceId: small, date: '2025-04-02', scheme: 'retrocession' })).status).toBe(201);
    expectProblem(await postVisit(t, { personId: other, hostPlaceId: small, date: '2025-04-02', scheme: 'retrocession' }), 409, /complet/);
  });

  it('pass days used up for the period are a 409, the next period is free again', async () => {
    const someone = await createPerson(t, net.home, 'Pass Court');
    await postPass(t, { personId: someone, period: 'month', daysPerPeriod: 1, priceCents: 1500, startsOn: '2025-04-01' });
    expect((await postVisit(t, { personId: someone, hostPlaceId: net.host, date: '2025-04-03', scheme: 'pass' })).status).toBe(201);
    expectProblem(await postVisit(t, { personId: someone, hostPlaceId: net.host, date: '2025-04-04', scheme: 'pass' }), 409, /épuisés/);
    expect((await postVisit(t, { personId: someone, hostPlaceId: net.host, date: '2025-05-02', scheme: 'pass' })).status).toBe(201);
  });

  it('the same person at the same host on the same day is a 409', async () => {
    expect((await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-04-05', scheme: 'retrocession' })).status).toBe(201);
    expectProblem(await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-04-05', scheme: 'preferential' }), 409, /déjà enregistré/);
  });

  it('a refused visit posts nothing', async () => {
    const before = await entriesOf(`place:${net.host}`);
    await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-04-05', scheme: 'retrocession' });
    expect(await entriesOf(`place:${net.host}`)).toHaveLength(before.length);
  });
});

describe('idempotent replay', () => {
  it('the same key with the same body answers the first visit and posts nothing new', async () => {
    const key = newKey();
    const body = { personId: net.person, hostPlaceId: net.host, date: '2025-07-01', scheme: 'retrocession' };
    const first = await postVisit(t, body, { key });
    const entriesAfterFirst = await entriesOf(`place:${net.host}`);
    const again = await postVisit(t, body, { key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await entriesOf(`place:${net.host}`)).toHaveLength(entriesAfterFirst.length);
  });

  it('the same key with another body is a 422', async () => {
    const key = newKey();
    expect((await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-07-02', scheme: 'retrocession' }, { key })).status).toBe(201);
    const r = await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-07-03', scheme: 'retrocession' }, { key });
    expect(r.status).toBe(422);
    expect(r.body.detail).toMatch(/Idempotency-Key/);
  });

  it('the idempotency record expires after at least 24 hours, not before', async () => {
    const key = newKey();
    const body = { personId: net.person, hostPlaceId: net.host, date: '2025-07-04', scheme: 'retrocession' };
    t.setNow('2025-07-04T08:00:00Z');
    const first = await postVisit(t, body, { key });
    t.setNow('2025-07-05T07:59:00Z');
    expect((await postVisit(t, body, { key })).body.id).toBe(first.body.id);
    t.setNow('2025-07-20T08:00:00Z');
    // Expired: evaluated afresh, and the person is already there that day.
    expect((await postVisit(t, body, { key })).status).toBe(409);
    t.setNow(new Date());
  });
});

describe('cancellation', () => {
  it('posts reversing entries dated the visit’s date and frees the day and the pass day', async () => {
    const small = await createPlace(t, { name: 'Lieu à une place', mobility: { acceptsVisitors: true, dailyVisitorCapacity: 1, preferentialDayRateCents: 800 } });
    const someone = await createPerson(t, net.home, 'Annule Moi');
    await postPass(t, { personId: someone, period: 'year', daysPerPeriod: 1, priceCents: 1000, startsOn: '2025-01-01', endsOn: '2025-12-31' });
    const visit = await postVisit(t, { personId: someone, hostPlaceId: small, date: '2025-08-01', scheme: 'pass' });
    expect(visit.status).toBe(201);

    const cancelled = await t.call('POST', `/v1/visits/${visit.body.id}/cancel`, { token: await managerToken(t, small) });

    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellationPostings: [{ from: `place:${small}`, to: 'network', amountCents: 1300 }] });
    const entries = await entriesOf(`place:${small}`);
    expect(entries).toEqual([
      expect.objectContaining({ id: visit.body.entryId, date: '2025-08-01', kind: 'visit' }),
      expect.objectContaining({ id: cancelled.body.cancellationEntryId, date: '2025-08-01', kind: 'visit-cancellation', reversesEntryId: visit.body.entryId }),
    ]);
    const balances = await t.call('GET', '/v1/ledger/balances?from=2025-08&to=2025-08', { token: ADMIN });
    expect(balances.body.accounts.find((a: any) => a.account === `place:${small}`)).toEqual({ account: `place:${small}`, balanceCents: 0 });
    // The day (capacity 1) and the only pass day of the year are free again.
    const other = await postVisit(t, { personId: someone, hostPlaceId: small, date: '2025-08-01', scheme: 'pass' });
    expect(other.status).toBe(201);
  });

  it('cancelling twice is a 409 and an unknown visit a 404', async () => {
    const v = await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-08-02', scheme: 'preferential' });
    expect((await t.call('POST', `/v1/visits/${v.body.id}/cancel`, { token: ADMIN })).status).toBe(200);
    const again = await t.call('POST', `/v1/visits/${v.body.id}/cancel`, { token: ADMIN });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/déjà annulée/);
    expect((await t.call('POST', '/v1/visits/NOPE/cancel', { token: ADMIN })).status).toBe(404);
  });
});

describe('listing visits', () => {
  it('lists a place’s received and sent visits, a person’s, and the network’s by range', async () => {
    const byHost = await t.call('GET', `/v1/visits?placeId=${net.host}&from=2025-03-01&to=2025-03-31`, { token: ADMIN });
    expect(byHost.status).toBe(200);
    expect(byHost.body.items.length).toBeGreaterThanOrEqual(6);
    expect(byHost.body.items.every((v: any) => v.hostPlaceId === net.host && v.date.startsWith('2025-03'))).toBe(true);
    const byHome = await t.call('GET', `/v1/visits?placeId=${net.home}&from=2025-03`, { token: await managerToken(t, net.home) });
    expect(byHome.body.items.length).toBeGreaterThanOrEqual(6);
    expect(byHome.body.items.every((v: any) => v.homePlaceId === net.home)).toBe(true);
    const byPerson = await t.call('GET', `/v1/visits?personId=${net.person}&from=2025-03-03&to=2025-03-04`, { token: ADMIN });
    expect(byPerson.body.items.map((v: any) => v.date)).toEqual(['2025-03-03', '2025-03-04']);
    const network = await t.call('GET', '/v1/visits?from=2025-03&to=2025-04', { token: ADMIN });
    expect(network.body.items.length).toBeGreaterThanOrEqual(byHost.body.items.length);
  });

  it('a manager cannot list another place’s visits', async () => {
    const r = await t.call('GET', `/v1/visits?placeId=${net.host}`, { token: await managerToken(t, net.home) });
    expect(r.status).toBe(403);
  });
});
