/**
 * The `coordinator` token role (logs coordination visits, reads the plans and visits,
 * nothing else), and a coordination visit made idempotent: a crash anywhere between its
 * writes, then a retry of the same request, gives one visit, one verification per record
 * and one mileage contribution.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';
import { createPerson } from '../mobility/mobility-setup.js';
import type { Deps } from '../../functions/domain/deps.js';
import type { Actor } from '../../functions/domain/actor.js';
import { recordCoordinationVisit } from '../../functions/domain/coordination/visits.js';
import { PERMISSIONS, can, type Action } from '../../functions/domain/permissions.js';

let t: TestContext;
let base: string;
let place: string;
let rooms: string[];
let coordinatorToken: string;
let coordinatorActor: Actor;

beforeAll(async () => {
  t = await createTestContext({ now: '2026-03-03T09:00:00Z' });
  [base, place] = await Promise.all(
    [
      ['Tête de réseau', 45.18, 0.72],
      ['Le Moulin', 45.35, 0.55],
    ].map(async ([name, lat, lon]) => (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: name as string, location: { lat: lat as number, lon: lon as number } }) })).body.id as string),
  ) as [string, string];
  rooms = await Promise.all(['Salle A'].map(async (name) => (await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(place, { name }) })).body.id as string));
  const person = await createPerson(t, base, 'Hélène Coordinatrice');
  expect((await t.call('PUT', '/v1/settings/valuation', { token: ADMIN, body: { coordinator: { personId: person, volunteer: true, vehicle: { fiscalHorsepower: 5, electric: false } } } })).status).toBe(200);
  const issued = await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'coordinator', label: 'Hélène' } });
  expect(issued.status).toBe(201);
  expect(issued.body).toMatchObject({ role: 'coordinator', label: 'Hélène' });
  coordinatorToken = issued.body.token;
  coordinatorActor = { role: 'coordinator', id: issued.body.id };
});

const auditOf = async (_type: string, id: string) => (await t.call('GET', `/v1/audit?entityId=${id}&limit=100`, { token: ADMIN })).body.items as { action: string; actor: string; at: string }[];

describe('the coordinator token', () => {
  it('logs a visit and reads the rotations and visits; everything else is refused', async () => {
    const visit = await t.call('POST', '/v1/coordination/visits', { token: coordinatorToken, body: { placeId: place, date: '2026-03-02', notes: 'Passage rapide' } });
    expect(visit.status).toBe(201);
    expect(visit.body.createdBy).toBe(`coordinator:${coordinatorActor.role === 'coordinator' ? coordinatorActor.id : ''}`);
    const rotation = await t.call('POST', '/v1/coordination/rotations', { token: ADMIN, body: { from: '2026-03-09', to: '2026-03-13', days: 'weekdays', basePlaceId: base } });
    expect(rotation.status).toBe(201);

    const reads = await Promise.all([
      t.call('GET', `/v1/coordination/rotations/${rotation.body.id}`, { token: coordinatorToken }),
      t.call('GET', `/v1/coordination/rotations/${rotation.body.id}.ics`, { token: coordinatorToken }),
      t.call('GET', '/v1/coordination/visits?from=2026-03-01&to=2026-03-31', { token: coordinatorToken }),
    ]);
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(reads[2]!.body.items.map((v: { notes: string }) => v.notes)).toEqual(['Passage rapide']);

    const refused = await Promise.all([
      t.call('POST', '/v1/coordination/rotations', { token: coordinatorToken, body: { from: '2026-03-09', to: '2026-03-13', days: 'weekdays', basePlaceId: base } }),
      t.call('PATCH', `/v1/places/${place}`, { token: coordinatorToken, body: { name: 'Renommé' } }),
      t.call('POST', `/v1/places/${place}/verify`, { token: coordinatorToken }),
      t.call('POST', '/v1/contributions', { token: coordinatorToken, body: { kind: 'time', date: '2026-03-02', placeId: place, volunteerName: 'X', activity: 'Accueil', hours: 2 } }),
      t.call('GET', '/v1/contributions', { token: coordinatorToken }),
      t.call('GET', '/v1/valuation/2026', { token: coordinatorToken }),
      t.call('GET', '/v1/tokens', { token: coordinatorToken }),
      t.call('POST', '/v1/kit', { token: coordinatorToken, body: { title: 'x', kind: 'logo', description: 'd', licence: 'l', language: 'fr', tags: [] } }),
    ]);
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403, 403]);
  });

  it('the permission table grants it exactly the coordination visit and the reads', () => {
    const actions = Object.keys(PERMISSIONS) as Action[];
    const granted = actions.filter((a) => can(coordinatorActor, a, place));
    const publicOnes = actions.filter((a) => can({ role: 'public' }, a, place));
    expect(publicOnes).toContain('directory.read');
    expect(granted.sort()).toEqual([...new Set(['coordination.rotation.read', 'coordination.visit.read', 'coordination.visit.write', ...publicOnes])].sort());
  });

  it('the docs say, per route, that the coordinator may', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json')).body;
    expect(doc.paths['/v1/coordination/visits'].post.description).toContain('personne coordinatrice');
    expect(doc.paths['/v1/coordination/rotations/{rotationId}'].get.description).toContain('lire un plan de rotation : administrateur ; personne coordinatrice');
    expect(doc.paths['/v1/coordination/rotations'].post.description).not.toContain('personne coordinatrice (');
  });
});

/** Deps whose table throws (as a crash would) on the `n`-th transaction matching `which`. */
function crashingOn(which: (c: TransactWriteCommand) => boolean, n = 1): Deps {
  let seen = 0;
  const real = t.deps.table.doc;
  const doc = new Proxy(real, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return (cmd: unknown) => {
        if (cmd instanceof TransactWriteCommand && which(cmd) && ++seen === n) return Promise.reject(new Error('simulated crash'));
        return (real.send as (c: unknown) => Promise<unknown>).call(real, cmd);
      };
    },
  });
  return { ...t.deps, table: { ...t.deps.table, doc } };
}
const writes = (entity: string) => (c: TransactWriteCommand) => (c.input.TransactItems ?? []).some((i) => (i.Put?.Item as { entity?: string } | undefined)?.entity === entity);
const touchesDirectory = (c: TransactWriteCommand) => (c.input.TransactItems ?? []).some((i) => /^dir#(place|resource)$/.test(String((i.Put?.Item as { pk?: string } | undefined)?.pk ?? '')));

describe('a coordination visit retried after a crash', () => {
  const body = (date: string, notes: string) => ({ placeId: place, date, notes, km: 30, confirmDirectory: true });

  it('crash before the visit is stored: the retry completes it, one trip, one verification each', async () => {
    const input = body('2026-03-03', 'Crash avant la visite');
    await expect(recordCoordinationVisit(crashingOn(writes('coordination-visit')), coordinatorActor, input)).rejects.toThrow('simulated crash');
    const tripsBefore = (await t.call('GET', '/v1/contributions?kind=mileage&from=2026-03-03&to=2026-03-03', { token: ADMIN })).body.items;
    expect(tripsBefore).toHaveLength(1);

    const retried = await recordCoordinationVisit(t.deps, coordinatorActor, input);
    const again = await recordCoordinationVisit(t.deps, coordinatorActor, input);

    expect(again).toEqual(retried);
    expect(retried).toMatchObject({ verified: { place: true, resources: 1 }, mileageContributionId: tripsBefore[0].id, km: 30 });
    const [visits, trips, placeAudit, roomAudit] = await Promise.all([
      t.call('GET', `/v1/coordination/visits?placeId=${place}&from=2026-03-03&to=2026-03-03`, { token: ADMIN }),
      t.call('GET', '/v1/contributions?kind=mileage&from=2026-03-03&to=2026-03-03', { token: ADMIN }),
      auditOf('place', place),
      auditOf('resource', rooms[0]!),
    ]);
    expect(visits.body.items.map((v: { id: string }) => v.id)).toEqual([retried.id]);
    expect(trips.body.items).toHaveLength(1);
    expect([placeAudit, roomAudit].map((list) => list.filter((a) => a.action === 'verify').length)).toEqual([1, 1]);
  });

  it('crash in the middle of the verifications: the retry verifies only what was left, then the trip and the visit', async () => {
    t.setNow('2026-03-04T09:00:00Z');
    const input = body('2026-03-04', 'Crash pendant les vérifications');
    const verifiesBefore = async () => Promise.all([place, ...rooms].map(async (id, i) => (await auditOf(i ? 'resource' : 'place', id)).filter((a) => a.action === 'verify').length));
    const before = await verifiesBefore();
    // Second directory write fails: the place is verified, its resource is not.
    await expect(recordCoordinationVisit(crashingOn(touchesDirectory, 2), coordinatorActor, input)).rejects.toThrow('simulated crash');
    expect((await t.call('GET', '/v1/contributions?kind=mileage&from=2026-03-04&to=2026-03-04', { token: ADMIN })).body.items).toHaveLength(0);

    const r = await t.call('POST', '/v1/coordination/visits', { token: coordinatorToken, body: input });

    expect(r.status).toBe(201);
    expect((await verifiesBefore()).map((n, i) => n - before[i]!)).toEqual([1, 1]);
    expect((await t.call('GET', '/v1/contributions?kind=mileage&from=2026-03-04&to=2026-03-04', { token: ADMIN })).body.items.map((c: { id: string }) => c.id)).toEqual([r.body.mileageContributionId]);
    expect((await auditOf('place', place)).filter((a) => a.action === 'verify')[0]?.actor).toBe(`coordinator:${(coordinatorActor as { id: string }).id}`);
  });

  it('the Idempotency-Key header names the visit: the same key is one visit, another key a new one', async () => {
    const input = { placeId: place, date: '2026-03-05', notes: 'Deux fois la même clé' };
    const send = (key: string) => t.call('POST', '/v1/coordination/visits', { token: coordinatorToken, body: input, headers: { 'idempotency-key': key } });
    const [a, b] = [await send('k-1'), await send('k-1')];
    const c = await send('k-2');

    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect(c.body.id).not.toBe(a.body.id);
  });
});
