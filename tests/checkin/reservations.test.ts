import { beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createPerson, createPlace, managerToken, newKey, postPass, postVisit } from '../mobility/mobility-setup.js';
import { NOW, TODAY, TOMORROW, availabilityOf, createHostAndPerson, entriesOfVisit, passUsage, postReservation } from './checkin-setup.js';
import { checkInAtDoor } from '../../functions/domain/checkin/door-checkin.js';
import { runCheckinJobs } from '../../functions/domain/checkin/checkin-jobs.js';

// Several API calls per test: generous timeouts for a loaded shared machine.
let t: TestContext;
beforeEach(async () => {
  t = await createTestContext({ now: NOW });
});

describe('availability', { timeout: 120_000 }, () => {
  it('counts visits and reservations, never says who', async () => {
    const { host, person, home } = await createHostAndPerson(t, { capacity: 3 });
    const other = await createPerson(t, home, 'Lou Durand');
    expect(await availabilityOf(t, host, TOMORROW)).toMatchObject({ capacity: 3, taken: 0, remaining: 3 });
    expect((await postReservation(t, { personId: person, hostPlaceId: host, date: TOMORROW, scheme: 'retrocession' })).status).toBe(201);
    expect((await postVisit(t, { personId: other, hostPlaceId: host, date: TOMORROW, scheme: 'retrocession' })).status).toBe(201);
    const r = await t.call('GET', `/v1/availability?date=${TODAY}&to=${TOMORROW}&placeId=${host}`);
    expect(r.body.items.map((i: any) => [i.date, i.taken, i.remaining])).toEqual([
      [TODAY, 0, 3],
      [TOMORROW, 2, 1],
    ]);
    expect(r.body.items[0]).toMatchObject({ placeName: 'Le Chai', commune: 'Périgueux', preferentialDayRateCents: 1000 });
    expect(r.text).not.toContain(person);
    expect(r.text).not.toContain('Camille');
  });

  it('lists only places that take visitors, nearest first with near, and refuses more than 31 days', async () => {
    await createPlace(t, { name: 'Fermé', mobility: { acceptsVisitors: false, dailyVisitorCapacity: 5, preferentialDayRateCents: 0 } });
    const far = await createPlace(t, { name: 'Loin', location: { lat: 44.85, lon: 0.48 } });
    const near = await createPlace(t, { name: 'Près', location: { lat: 45.18, lon: 0.72 } });
    const r = await t.call('GET', `/v1/availability?date=${TODAY}&near=45.184,0.721`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: any) => i.placeId)).toEqual([near, far]);
    expect(r.body.items[0].distanceKm).toBeLessThan(r.body.items[1].distanceKm);
    const inRadius = await t.call('GET', `/v1/availability?date=${TODAY}&near=45.184,0.721&radiusKm=5`);
    expect(inRadius.body.items.map((i: any) => i.placeId)).toEqual([near]);
    expect((await t.call('GET', `/v1/availability?date=2026-12-01&to=2026-12-31`)).status).toBe(200);
    const tooLong = await t.call('GET', `/v1/availability?date=2026-12-01&to=2027-01-01`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.detail).toContain('31 jours');
    expect((await t.call('GET', `/v1/availability`)).status).toBe(400);
  });
});

describe('reservations', { timeout: 120_000 }, () => {
  it('a reservation holds a slot and a pass day and posts nothing; cancelling frees both', async () => {
    const { host, person } = await createHostAndPerson(t);
    expect((await postPass(t, { personId: person, period: 'month', daysPerPeriod: 4, priceCents: 4000, startsOn: '2026-12-01' })).status).toBe(201);
    const key = newKey();
    const r = await postReservation(t, { personId: person, hostPlaceId: host, date: TOMORROW, scheme: 'pass' }, { key });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'reserved', postings: [], channel: 'api', scheme: 'pass' });
    expect(r.body.entryId).toBeUndefined();
    const again = await postReservation(t, { personId: person, hostPlaceId: host, date: TOMORROW, scheme: 'pass' }, { key });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(r.body.id);
    expect(await passUsage(t, person, '2026-12')).toBe(1);
    expect((await availabilityOf(t, host, TOMORROW)).taken).toBe(1);
    expect(await entriesOfVisit(t, host, r.body.id)).toEqual([]);

    const cancelled = await t.call('POST', `/v1/reservations/${r.body.id}/cancel`, { token: ADMIN });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await passUsage(t, person, '2026-12')).toBe(0);
    expect((await availabilityOf(t, host, TOMORROW)).taken).toBe(0);
    expect((await t.call('POST', `/v1/reservations/${r.body.id}/cancel`, { token: ADMIN })).status).toBe(409);
    const audit = await t.call('GET', `/v1/audit?entityId=${r.body.id}`, { token: ADMIN });
    expect(audit.body.items.map((a: any) => a.action).sort()).toEqual(['cancel-reservation', 'reserve']);
    expect(audit.body.items.find((a: any) => a.action === 'reserve')).toMatchObject({ actor: 'admin', note: 'canal : api' });
  });

  it('refuses a day gone by, another place’s manager, a full host', async () => {
    const { host, person, home } = await createHostAndPerson(t, { capacity: 1 });
    const past = await postReservation(t, { personId: person, hostPlaceId: host, date: '2026-11-30', scheme: 'retrocession' });
    expect(past.status).toBe(422);
    const stranger = await createPlace(t, { name: 'Ailleurs' });
    const forbidden = await postReservation(t, { personId: person, hostPlaceId: host, date: TOMORROW, scheme: 'retrocession' }, { token: await managerToken(t, stranger) });
    expect(forbidden.status).toBe(403);
    const mine = await postReservation(t, { personId: person, hostPlaceId: host, date: TOMORROW, scheme: 'retrocession' }, { token: await managerToken(t, home) });
    expect(mine.status).toBe(201);
    const second = await createPerson(t, home, 'Lou Durand');
    const full = await postReservation(t, { personId: second, hostPlaceId: host, date: TOMORROW, scheme: 'retrocession' });
    expect(full.status).toBe(409);
    expect(full.body.detail).toContain('complet');
  });

  it('reservation → check-in posts exactly once, and a second scan changes nothing', async () => {
    const { host, person } = await createHostAndPerson(t);
    const r = await postReservation(t, { personId: person, hostPlaceId: host, date: TODAY, scheme: 'retrocession' });
    expect(await entriesOfVisit(t, host, r.body.id)).toEqual([]);
    const first = await checkInAtDoor(t.deps, person, host, 'carte');
    expect(first.outcome).toBe('recorded');
    expect(first.visit).toMatchObject({ id: r.body.id, status: 'active', channel: 'checkin', confirmation: 'pending', amountCents: 1000 });
    const second = await checkInAtDoor(t.deps, person, host, 'carte');
    expect(second.outcome).toBe('already');
    expect(second.visit.id).toBe(r.body.id);
    const entries = await entriesOfVisit(t, host, r.body.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.kind).toBe('visit');
    expect((await availabilityOf(t, host, TODAY)).taken).toBe(1);
  });

  it('the release job frees the slot and the pass day of a reservation not checked in; nothing is posted', async () => {
    const { host, person } = await createHostAndPerson(t);
    await postPass(t, { personId: person, period: 'month', daysPerPeriod: 2, priceCents: 2000, startsOn: '2026-12-01' });
    const r = await postReservation(t, { personId: person, hostPlaceId: host, date: TOMORROW, scheme: 'pass' });
    expect(await passUsage(t, person, '2026-12')).toBe(1);
    // Still its day: nothing to release.
    t.setNow('2026-12-02T20:00:00Z');
    expect(await runCheckinJobs(t.deps)).toMatchObject({ released: 0 });
    t.setNow('2026-12-03T00:30:00Z'); // 01:30 in Paris, the day after
    expect(await runCheckinJobs(t.deps)).toMatchObject({ released: 1, charged: 0 });
    const v = await t.call('GET', `/v1/visits?personId=${person}`, { token: ADMIN });
    expect(v.body.items).toHaveLength(1);
    expect(v.body.items[0]).toMatchObject({ id: r.body.id, status: 'released', postings: [] });
    expect(await passUsage(t, person, '2026-12')).toBe(0);
    expect((await availabilityOf(t, host, TOMORROW)).taken).toBe(0);
    expect(await entriesOfVisit(t, host, r.body.id)).toEqual([]);
    // A second run finds nothing left to do.
    expect(await runCheckinJobs(t.deps)).toEqual({ released: 0, charged: 0, confirmed: 0, dropped: 0 });
  });

  it('with noShowPolicy "charge", a reservation not checked in is posted like a visit', async () => {
    const { host, person } = await createHostAndPerson(t);
    const s = await t.call('PUT', '/v1/settings/mobility', { token: ADMIN, body: { dayValueCents: 2000, retrocessionShare: 0.5, passDayRateCents: 1200, noShowPolicy: 'charge' } });
    expect(s.status).toBe(200);
    const r = await postReservation(t, { personId: person, hostPlaceId: host, date: TODAY, scheme: 'retrocession' });
    t.setNow('2026-12-02T08:00:00Z');
    expect(await runCheckinJobs(t.deps)).toMatchObject({ released: 0, charged: 1 });
    const v = await t.call('GET', `/v1/visits?placeId=${host}&status=active`, { token: ADMIN });
    expect(v.body.items).toHaveLength(1);
    expect(v.body.items[0]).toMatchObject({ id: r.body.id, status: 'active', noShow: true, channel: 'no-show', amountCents: 1000 });
    expect(v.body.items[0].confirmation).toBeUndefined();
    expect(await entriesOfVisit(t, host, r.body.id)).toHaveLength(1);
    expect((await availabilityOf(t, host, TODAY)).taken).toBe(1);
  });
});

describe('check-ins waiting for the host', { timeout: 120_000 }, () => {
  it('pending for 7 days: listed, confirmed by the host’s manager, refused with reversing entries, or confirmed by the job', async () => {
    const { host, person, home } = await createHostAndPerson(t);
    const other = await createPerson(t, home, 'Lou Durand');
    const third = await createPerson(t, home, 'Sacha Petit');
    const a = (await checkInAtDoor(t.deps, person, host, 'carte')).visit;
    const b = (await checkInAtDoor(t.deps, other, host, 'code')).visit;
    const c = (await checkInAtDoor(t.deps, third, host, 'carte')).visit;
    const manager = await managerToken(t, host);
    const pending = await t.call('GET', `/v1/visits?placeId=${host}&status=pending`, { token: manager });
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((v: any) => v.id).sort()).toEqual([a.id, b.id, c.id].sort());

    expect((await t.call('POST', `/v1/visits/${a.id}/confirm`, { token: await managerToken(t, home) })).status).toBe(403);
    const ok = await t.call('POST', `/v1/visits/${a.id}/confirm`, { token: manager });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ confirmation: 'confirmed', status: 'active' });
    expect((await t.call('POST', `/v1/visits/${a.id}/refuse`, { token: manager })).status).toBe(409);

    const refused = await t.call('POST', `/v1/visits/${b.id}/refuse`, { token: manager });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'cancelled', confirmation: 'refused' });
    const entries = await entriesOfVisit(t, host, b.id);
    expect(entries.map((e) => e.kind).sort()).toEqual(['visit', 'visit-cancellation']);
    expect((await availabilityOf(t, host, TODAY)).taken).toBe(2);

    t.setNow('2026-12-08T08:00:00Z');
    expect((await runCheckinJobs(t.deps)).confirmed).toBe(0);
    t.setNow('2026-12-08T09:00:01Z');
    expect((await runCheckinJobs(t.deps)).confirmed).toBe(1);
    const left = await t.call('GET', `/v1/visits?placeId=${host}&status=pending`, { token: manager });
    expect(left.body.items).toEqual([]);
    const audit = await t.call('GET', `/v1/audit?entityId=${c.id}`, { token: ADMIN });
    expect(audit.body.items.map((x: any) => [x.action, x.actor])).toEqual([
      ['confirm', 'job:checkin'],
      ['check-in', `card:${third}`],
    ]);
    expect(audit.body.items[1].note).toBe('canal : checkin · carte');
  });

  it('a host that turned confirmation off gets confirmed check-ins at once', async () => {
    const { host, person } = await createHostAndPerson(t, { hostMobility: { checkinNeedsConfirmation: false } });
    const { visit } = await checkInAtDoor(t.deps, person, host, 'carte');
    expect(visit.confirmation).toBeUndefined();
    expect(visit.status).toBe('active');
    const pending = await t.call('GET', `/v1/visits?placeId=${host}&status=pending`, { token: ADMIN });
    expect(pending.body.items).toEqual([]);
  });
});
