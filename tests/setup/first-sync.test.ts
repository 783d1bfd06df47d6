/** What the README promises a new network: a first sync fills an empty sheet with the directory. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/harness.js';
import { personInput, placeInput, resourceInput } from '../support/fixtures.js';
import { sheetsWorld, type SheetsWorld } from '../sync/sync-support.js';

let w: SheetsWorld;
beforeAll(async () => {
  w = await sheetsWorld();
});
afterAll(async () => {
  await w.fake.close();
});

describe('a first sync on an empty sheet', () => {
  it('writes every place, resource and person of the directory as rows', async () => {
    const names = ['La Forge de Thiviers', 'Le Quai de Bergerac'];
    const ids: string[] = [];
    for (const name of names) ids.push((await w.t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name }) })).body.id);
    await w.t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(ids[0]!, { name: 'Atelier bois' }) });
    await w.t.call('POST', '/v1/people', { token: ADMIN, body: personInput(ids[1]!, { displayName: 'Agnès Martin' }) });
    expect(w.fake.table('Lieux')).toEqual([]);

    const r = await w.t.call('POST', '/v1/sync/sheets', { token: ADMIN });

    expect(r.status).toBe(200);
    expect(w.fake.table('Lieux').map((row) => row.Nom).sort()).toEqual(names);
    expect(w.fake.table('Lieux').map((row) => row.ID).sort()).toEqual([...ids].sort());
    expect(w.fake.table('Ressources').map((row) => row.Nom)).toEqual(['Atelier bois']);
    expect(w.fake.table('Personnes')).toHaveLength(1);
  });
});
