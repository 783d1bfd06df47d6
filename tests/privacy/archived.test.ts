/** Archived means archived: no visit nor pass for an archived person; archived records read only by the admin and their place. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { resourceInput } from '../support/fixtures.js';
import { createNetwork, createPerson, integrationToken, managerToken, postPass, postVisit } from '../mobility/mobility-setup.js';

let t: TestContext;
let net: Awaited<ReturnType<typeof createNetwork>>;
let archivedPerson: string;
let tokens: { home: string; host: string; integration: string };

beforeAll(async () => {
  t = await createTestContext({ now: '2025-04-01T09:00:00Z' });
  net = await createNetwork(t);
  archivedPerson = await createPerson(t, net.home, 'Dominique Archivée');
  tokens = { home: await managerToken(t, net.home), host: await managerToken(t, net.host), integration: await integrationToken(t) };
  expect((await t.call('DELETE', `/v1/people/${archivedPerson}`, { token: ADMIN })).status).toBe(200);
});

describe('an archived person', () => {
  it('cannot receive a visit (422, French message naming the archive), whoever records it', async () => {
    for (const token of [ADMIN, tokens.host, tokens.integration]) {
      const r = await postVisit(t, { personId: archivedPerson, hostPlaceId: net.host, date: '2025-04-01', scheme: 'retrocession' }, { token });
      expect(r.status).toBe(422);
      expect(r.body.detail).toMatch(/archivée/);
      expect(r.body.errors).toEqual([{ path: 'personId', message: 'personne archivée' }]);
    }
    // Nothing was posted.
    const visits = await t.call('GET', `/v1/visits?personId=${archivedPerson}&from=2025-01-01&to=2025-12-31`, { token: ADMIN });
    expect(visits.body.items).toEqual([]);
  });

  it('cannot receive a pass (422), nor reserve a day', async () => {
    const r = await postPass(t, { personId: archivedPerson, period: 'month', daysPerPeriod: 4, priceCents: 4000, startsOn: '2025-04-01' }, tokens.home);
    expect(r.status).toBe(422);
    expect(r.body.detail).toMatch(/archivée : cette personne ne peut plus recevoir de pass/);
    expect((await t.call('GET', `/v1/passes?personId=${archivedPerson}`, { token: ADMIN })).body.items).toEqual([]);
    const res = await t.call('POST', '/v1/reservations', { token: ADMIN, body: { personId: archivedPerson, hostPlaceId: net.host, date: '2025-04-02', scheme: 'retrocession' }, headers: { 'idempotency-key': 'arch-res-1' } });
    expect(res.status).toBe(422);
  });

  it('another place’s manager is refused (403) before learning the person is archived', async () => {
    const other = await managerToken(t, net.closed);
    const r = await postVisit(t, { personId: archivedPerson, hostPlaceId: net.host, date: '2025-04-03', scheme: 'retrocession' }, { token: other });
    expect(r.status).toBe(403);
  });

  it('an active person still can (the rule is about the archive only)', async () => {
    expect((await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-04-01', scheme: 'retrocession' })).status).toBe(201);
  });
});

describe('direct reads of archived records', () => {
  it('an archived place, resource and person: admin and the record’s place see them, everyone else gets the unknown-id 404', async () => {
    const place = (await t.call('POST', '/v1/places', { token: ADMIN, body: { name: 'Le Séchoir', address: { street: '2 rue du Tabac', postcode: '24100', commune: 'Bergerac' }, location: { lat: 44.85, lon: 0.48 } } })).body.id;
    const resource = (await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(place) })).body.id;
    const person = (await t.call('POST', '/v1/people', { token: ADMIN, body: { homePlaceId: place, displayName: 'Alix Séchoir', publicProfile: true } })).body.id;
    const own = await managerToken(t, place);
    for (const [path, id] of [['resources', resource], ['people', person], ['places', place]] as const) {
      expect((await t.call('GET', `/v1/${path}/${id}`)).status).toBe(200);
      expect((await t.call('DELETE', `/v1/${path}/${id}`, { token: ADMIN })).status).toBe(200);
    }
    for (const [path, id] of [['places', place], ['resources', resource], ['people', person]] as const) {
      for (const token of [ADMIN, own]) {
        const r = await t.call('GET', `/v1/${path}/${id}`, { token });
        expect(r.status).toBe(200);
        expect(r.body.archivedAt).toBeTruthy();
      }
      const unknown = await t.call('GET', `/v1/${path}/01ARZ3NDEKTSV4RRFFQ69G5FAV`);
      for (const token of [undefined, tokens.home, tokens.integration]) {
        const r = await t.call('GET', `/v1/${path}/${id}`, { token });
        expect(r.status).toBe(404);
        // Same answer as an unknown id, apart from the id itself.
        expect({ ...r.body, detail: r.body.detail.replace(id, 'X') }).toEqual({ ...unknown.body, detail: unknown.body.detail.replace('01ARZ3NDEKTSV4RRFFQ69G5FAV', 'X') });
      }
    }
  });
});
