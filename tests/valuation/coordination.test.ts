import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';
import { createPerson, managerToken } from '../mobility/mobility-setup.js';

let t: TestContext;
let base: string;
let places: string[];
let manager: string;

const spots = [
  ['Le Moulin', 45.35, 0.55],
  ['La Gare', 45.3, 0.9],
  ['Le Fournil', 44.9, 0.95],
  ['La Forge', 44.85, 0.48],
  ['Le Chai', 45.0, 0.3],
] as const;

beforeAll(async () => {
  t = await createTestContext({ now: '2026-03-01T09:00:00Z' });
  base = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Tête de réseau' }) })).body.id;
  places = [];
  for (const [name, lat, lon] of spots) places.push((await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name, location: { lat, lon } }) })).body.id);
  await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Sans coordonnées', location: undefined }) });
  manager = await managerToken(t, places[0]!);
});

describe('the rotating coordinator', () => {
  it('plans every place, within maxPlacesPerDay, weights respected, and says what it skipped', async () => {
    const body = { from: '2026-03-02', to: '2026-03-13', days: 'weekdays', basePlaceId: base, weights: { [places[0]!]: 3 }, maxPlacesPerDay: 2 };
    const r = await t.call('POST', '/v1/coordination/rotations', { token: ADMIN, body });
    expect(r.status).toBe(201);
    expect(r.body.roadFactor).toBe(1.3);
    expect(r.body.days).toHaveLength(10);
    for (const d of r.body.days) expect(d.stops.length).toBeLessThanOrEqual(2);
    const visits = Object.fromEntries(r.body.visitsPerPlace.map((v: { placeId: string; visits: number }) => [v.placeId, v.visits]));
    // 20 slots: one each (5), then 15 by 3:1:1:1:1 → 6,43 / 2,14 ×4 → 6, 2, 2, 2, 2 and 1 left to the largest remainder (the heavy place).
    expect(visits[places[0]!]).toBe(8);
    for (const p of places.slice(1)) expect(visits[p]).toBe(3);
    expect(r.body.skipped).toEqual([expect.objectContaining({ placeName: 'Sans coordonnées' })]);
    expect(r.body.days.flatMap((d: { stops: { placeId: string }[] }) => d.stops.map((s) => s.placeId))).not.toContain(base);
    const again = await t.call('POST', '/v1/coordination/rotations', { token: ADMIN, body });
    expect(again.body.days).toEqual(r.body.days);
    expect(again.body.id).not.toBe(r.body.id);

    const read = await t.call('GET', `/v1/coordination/rotations/${r.body.id}`, { token: ADMIN });
    expect(read.body).toEqual(r.body);
    const ics = await t.call('GET', `/v1/coordination/rotations/${r.body.id}.ics`, { token: ADMIN });
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(10);
    expect(ics.text).toContain('DTSTART;VALUE=DATE:20260302');
    expect(ics.text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });

  it('refuses in French: unknown places, days out of the period, no token', async () => {
    const bad = await t.call('POST', '/v1/coordination/rotations', { token: ADMIN, body: { from: '2026-03-02', to: '2026-03-06', days: ['2026-04-01'], basePlaceId: base, placeIds: ['NOPE'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'days.0', message: 'jour hors de la période 2026-03-02 – 2026-03-06' }]);
    const unknown = await t.call('POST', '/v1/coordination/rotations', { token: ADMIN, body: { from: '2026-03-02', to: '2026-03-06', days: 'weekdays', basePlaceId: base, placeIds: ['NOPE'] } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: 'placeIds.0', message: 'lieu inconnu ou archivé' }]);
    expect((await t.call('POST', '/v1/coordination/rotations', { body: { from: '2026-03-02', to: '2026-03-06', days: 'weekdays', basePlaceId: base } })).status).toBe(401);
    expect((await t.call('GET', '/v1/coordination/rotations/NOPE', { token: ADMIN })).status).toBe(404);
  });

  it('a visit confirms the directory and turns a volunteer coordinator’s km into a mileage contribution', async () => {
    const room = await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(places[0]!) });
    const none = await t.call('POST', '/v1/coordination/visits', { token: ADMIN, body: { placeId: places[0], date: '2026-03-02', notes: 'Première visite', km: 40 } });
    expect(none.status).toBe(201);
    expect(none.body.mileageNote).toMatch(/Aucune personne coordinatrice/);

    const coordinator = await createPerson(t, base, 'Hélène Coordinatrice');
    expect((await t.call('PUT', '/v1/settings/valuation', { token: ADMIN, body: { coordinator: { personId: coordinator, volunteer: true, vehicle: { fiscalHorsepower: 5, electric: false } } } })).status).toBe(200);
    const r = await t.call('POST', '/v1/coordination/visits', { token: ADMIN, body: { placeId: places[0], date: '2026-03-03', notes: 'Point sur l’accueil', todos: ['Mettre à jour les horaires'], km: 62.5, confirmDirectory: true } });
    expect(r.status).toBe(201);
    expect(r.body.verified).toEqual({ place: true, resources: 1 });
    const place = await t.call('GET', `/v1/places/${places[0]}`);
    expect(place.body.verifiedAt.slice(0, 10)).toBe('2026-03-01');
    expect((await t.call('GET', `/v1/resources/${room.body.id}`)).body.verifiedAt).toBeDefined();
    const c = await t.call('GET', `/v1/contributions/${r.body.mileageContributionId}`, { token: ADMIN });
    expect(c.body).toMatchObject({ kind: 'mileage', km: 62.5, personId: coordinator, placeId: places[0] });
    expect(c.body.valueCents).toBe(3975); // 62,5 km × 0,636 = 39,75 €

    const mine = await t.call('GET', '/v1/coordination/visits?from=2026-03-01&to=2026-03-31', { token: manager });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((v: { notes: string }) => v.notes)).toEqual(['Première visite', 'Point sur l’accueil']);
    expect((await t.call('GET', `/v1/coordination/visits?placeId=${places[1]}`, { token: manager })).status).toBe(403);
    const all = await t.call('GET', `/v1/coordination/visits?placeId=${places[1]}&from=2026-03-01&to=2026-03-31`, { token: ADMIN });
    expect(all.body.items).toEqual([]);
  });
});
