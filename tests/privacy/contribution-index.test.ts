/**
 * Contributions are found per volunteer through gsi2 (by person id, or by the free volunteer
 * name normalised), written by the same Put as each create/update/archive; the export and the
 * erasure read it instead of sweeping every year. Contributions written before the index get
 * it from the idempotent backfill.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createNetwork } from '../mobility/mobility-setup.js';
import { keys } from '../../integrations/dynamodb/keys.js';
import { backfillContributionIndex } from '../../functions/domain/privacy/contribution-index-backfill.js';

let t: TestContext;
let person: string;
const ids: Record<string, string> = {};

const raw = async (id: string) => (await t.deps.table.doc.send(new GetCommand({ TableName: t.deps.table.tableName, Key: keys.contributionById(id) }))).Item!;
const exported = async () => {
  const r = await t.call('GET', `/v1/people/${person}/export`, { token: ADMIN });
  expect(r.status).toBe(200);
  return (r.body.contributions as any[]).map((c) => c.id).sort();
};

beforeAll(async () => {
  t = await createTestContext({ now: '2025-05-12T09:00:00Z' });
  const net = await createNetwork(t);
  person = (await t.call('POST', '/v1/people', { token: ADMIN, body: { homePlaceId: net.home, displayName: 'Élodie Marchesseau', publicProfile: false } })).body.id;
  const post = async (name: string, body: Record<string, unknown>) => {
    const r = await t.call('POST', '/v1/contributions', { token: ADMIN, body: { kind: 'time', placeId: net.home, activity: 'Accueil', hours: 2, ...body } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids[name] = r.body.id;
  };
  await post('byId', { date: '2025-05-10', personId: person });
  // Another year, and the free name typed with other case and spaces: the same volunteer.
  await post('byName', { date: '2022-03-02', volunteerName: '  élodie   MARCHESSEAU ' });
  await post('other', { date: '2025-05-11', volunteerName: 'Jean Autre' });
});

describe('volunteer index of contributions', () => {
  it('each contribution carries its volunteer key; PATCH and archive keep it in step', async () => {
    expect(await raw(ids.byId!)).toMatchObject({ gsi2pk: `contrib#person#${person}`, gsi2sk: `2025-05-10#${ids.byId}` });
    expect((await raw(ids.byName!)).gsi2pk).toBe('contrib#volunteer#élodie marchesseau');
    expect((await t.call('PATCH', `/v1/contributions/${ids.other}`, { token: ADMIN, body: { volunteerName: null, personId: person } })).status).toBe(200);
    expect((await raw(ids.other!)).gsi2pk).toBe(`contrib#person#${person}`);
    expect((await t.call('DELETE', `/v1/contributions/${ids.other}`, { token: ADMIN })).status).toBeLessThan(300);
    expect(await raw(ids.other!)).toMatchObject({ gsi2pk: `contrib#person#${person}`, archivedAt: expect.any(String) });
  });

  it('the export finds them in a bounded number of requests (no sweep of years)', async () => {
    let requests = 0;
    t.deps.table.doc.middlewareStack.add((next) => async (args) => (requests++, next(args)), { step: 'initialize', name: 'countRequests' });
    try {
      expect(await exported()).toEqual([ids.byId, ids.byName, ids.other].sort());
    } finally {
      t.deps.table.doc.middlewareStack.remove('countRequests');
    }
    // Record, partition, account, 2 index queries, 3 items, 4 audit partitions…: about 15, not 27 years + the rest.
    expect(requests).toBeLessThan(22);
  });

  it('a contribution written before the index is found again after the backfill, which is idempotent', async () => {
    await t.deps.table.doc.send(new UpdateCommand({ TableName: t.deps.table.tableName, Key: keys.contributionById(ids.byName!), UpdateExpression: 'REMOVE gsi2pk, gsi2sk' }));
    expect(await exported()).not.toContain(ids.byName);
    const first = await backfillContributionIndex(t.deps.table);
    expect(first).toMatchObject({ seen: 3, indexed: 1, skippedChanged: 0 });
    expect(await exported()).toContain(ids.byName);
    expect((await raw(ids.byName!)).gsi2sk).toBe(`2022-03-02#${ids.byName}`);
    expect(await backfillContributionIndex(t.deps.table)).toMatchObject({ seen: 3, indexed: 0 });
  });
});
