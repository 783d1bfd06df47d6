import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';

let t: TestContext;
let placeId: string;
beforeAll(async () => {
  t = await createTestContext();
  placeId = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput() })).body.id;
});

describe('concurrent directory writes', () => {
  it('managers writing at the same moment all succeed: transactions colliding on the version counter are retried', async () => {
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(placeId, { name: `Poste ${i}` }) })));
    expect(created.map((r) => r.status)).toEqual(Array(12).fill(201));
    const patched = await Promise.all(created.map((r, i) => t.call('PATCH', `/v1/resources/${r.body.id}`, { token: ADMIN, body: { capacity: i + 1 } })));
    expect(patched.map((r) => r.status)).toEqual(Array(12).fill(200));
    const list = await t.call('GET', `/v1/resources?placeId=${placeId}&limit=100`);
    expect(list.body.items.map((r: { capacity: number }) => r.capacity).sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('two updates of the same record at once: one wins, the other is a 409, nothing is lost silently', async () => {
    const { body: r } = await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(placeId, { name: 'Disputée' }) });
    const results = await Promise.all([
      t.call('PATCH', `/v1/resources/${r.id}`, { token: ADMIN, body: { name: 'Version A' }, headers: { 'if-match': '"1"' } }),
      t.call('PATCH', `/v1/resources/${r.id}`, { token: ADMIN, body: { name: 'Version B' }, headers: { 'if-match': '"1"' } }),
    ]);
    expect(results.map((x) => x.status).sort()).toEqual([200, 409]);
    const winner = results.find((x) => x.status === 200)!.body.name;
    expect((await t.call('GET', `/v1/resources/${r.id}`)).body).toMatchObject({ name: winner, version: 2 });
  });

  it('changes sent without If-Match at the same moment (edits, a verification, an archive) all land: the record is read again, never a 409', async () => {
    const { body: r } = await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(placeId, { name: 'Très demandée' }) });
    const results = await Promise.all([
      t.call('PATCH', `/v1/resources/${r.id}`, { token: ADMIN, body: { name: 'Nom changé' } }),
      t.call('PATCH', `/v1/resources/${r.id}`, { token: ADMIN, body: { capacity: 7 } }),
      t.call('POST', `/v1/resources/${r.id}/verify`, { token: ADMIN, body: {} }),
      t.call('DELETE', `/v1/resources/${r.id}`, { token: ADMIN }),
    ]);
    expect(results.map((x) => x.status)).toEqual([200, 200, 200, 200]);
    const after = (await t.call('GET', `/v1/resources/${r.id}`, { token: ADMIN })).body;
    // Every change is there, each on its own version.
    expect(after).toMatchObject({ name: 'Nom changé', capacity: 7, version: 5 });
    expect(after.verifiedAt).toBeDefined();
    expect(after.archivedAt).toBeDefined();
  });
});
