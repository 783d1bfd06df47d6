import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';
import { meterCapacity } from '../../integrations/dynamodb/capacity.js';
import { getDirectoryArtifactPointer } from '../../integrations/dynamodb/directory-repository.js';

let t: TestContext;
let placeId: string;
beforeAll(async () => {
  // The directory is written two hours ago and last touched one hour ago, so the change
  // log's window (one minute before the last write seen) holds only that touch and what the tests write.
  t = await createTestContext({ now: new Date(Date.now() - 7_200_000).toISOString() });
  placeId = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Le Cache' }) })).body.id;
  for (let i = 0; i < 30; i++) await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(placeId, { name: `Bureau ${i}`, category: 'desk' }) });
  t.setNow(new Date(Date.now() - 3_600_000));
  expect((await t.call('POST', `/v1/places/${placeId}/verify`, { token: ADMIN })).status).toBe(200);
  t.setNow(new Date());
});

describe('the search snapshot', () => {
  it('costs one small read per search when nothing changed', async () => {
    await t.call('GET', '/v1/resources?category=desk');
    // The first load writes the index artifact after its answer: let it land before counting.
    for (let i = 0; i < 100 && !(await getDirectoryArtifactPointer(t.deps.table)); i++) await new Promise((ok) => setTimeout(ok, 50));
    const meter = meterCapacity(t.deps.table.doc);
    for (let i = 0; i < 5; i++) await t.call('GET', '/v1/resources?category=desk');
    expect(meter.read).toBe(5);
  });

  it('catches up with a write by reading the change log, not the whole directory', async () => {
    await t.call('GET', '/v1/resources?category=desk');
    const meter = meterCapacity(t.deps.table.doc);
    const created = await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(placeId, { name: 'Salle toute neuve', category: 'meeting_room' }) });
    meter.reset();
    const found = await t.call('GET', '/v1/resources?q=toute%20neuve');
    expect(found.body.items.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    // version GetItem (1) + a Query of the one recent change (1), not the 30+ records.
    expect(meter.read).toBe(2);
  });

  it('sees updates and archives made after it was loaded', async () => {
    const r = (await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(placeId, { name: 'Perceuse', kind: 'equipment', category: 'tool' }) })).body;
    expect((await t.call('GET', '/v1/resources?category=tool')).body.items).toHaveLength(1);
    await t.call('PATCH', `/v1/resources/${r.id}`, { token: ADMIN, body: { name: 'Perceuse à colonne' } });
    expect((await t.call('GET', '/v1/resources?category=tool')).body.items[0].name).toBe('Perceuse à colonne');
    await t.call('DELETE', `/v1/resources/${r.id}`, { token: ADMIN });
    expect((await t.call('GET', '/v1/resources?category=tool')).body.items).toEqual([]);
  });

  it('renaming a place shows in its resources’ summaries', async () => {
    await t.call('PATCH', `/v1/places/${placeId}`, { token: ADMIN, body: { name: 'Le Cache Renommé' } });
    const list = await t.call('GET', '/v1/resources?category=desk&limit=1');
    expect(list.body.items[0].place.name).toBe('Le Cache Renommé');
  });

  it('a write stamped by a clock half a minute behind still shows (look-back)', async () => {
    await t.call('GET', '/v1/resources');
    t.setNow(new Date(Date.now() - 30_000));
    await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(placeId, { name: 'Horloge en retard', category: 'clock' }) });
    t.setNow(new Date());
    expect((await t.call('GET', '/v1/resources?category=clock')).body.items).toHaveLength(1);
  });

  it('a write stamped with a clock far behind still shows (full reload fallback)', async () => {
    await t.call('GET', '/v1/resources');
    t.setNow('2020-01-01T00:00:00Z');
    await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(placeId, { name: 'Écrit dans le passé', category: 'archive_box' }) });
    t.setNow(new Date());
    expect((await t.call('GET', '/v1/resources?category=archive_box')).body.items).toHaveLength(1);
  });
});
