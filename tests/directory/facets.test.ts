/**
 * `GET /v1/facets`: the search form's choices without the places list (issue 15: the
 * widget at any size). Counted the way the filters compare, archived places left out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
  const place = async (name: string, commune: string, postcode: string, tags: string[]) =>
    (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name, address: { postcode, commune }, tags }) })).body.id as string;
  await place('La Fabrique', 'Périgueux', '24000', ['fablab', 'coworking', 'Coworking']);
  await place('Le Quai', 'Périgueux', '24000', ['coworking']);
  await place('La Gabare', 'Bergerac', '24100', ['café associatif']);
  const gone = await place('L’Ancien Atelier', 'Sarlat-la-Canéda', '24200', ['menuiserie']);
  await t.call('DELETE', `/v1/places/${gone}`, { token: ADMIN });
});

describe('GET /v1/facets', () => {
  it('lists the communes and tags of active places, alphabetically, with their number of places', async () => {
    const res = await t.call('GET', '/v1/facets');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      communes: [
        { value: 'Bergerac', places: 1 },
        { value: 'Périgueux', places: 2 },
      ],
      // « Coworking » and « coworking » on one place count once; the archived place's tag is gone.
      tags: [
        { value: 'café associatif', places: 1 },
        { value: 'coworking', places: 2 },
        { value: 'fablab', places: 1 },
      ],
    });
  });

  it('each value finds exactly the places it counts', async () => {
    const { body } = await t.call('GET', '/v1/facets');
    for (const c of body.communes) expect((await t.call('GET', `/v1/places?commune=${encodeURIComponent(c.value)}`)).body.items).toHaveLength(c.places);
    for (const tag of body.tags) expect((await t.call('GET', `/v1/places?tag=${encodeURIComponent(tag.value)}`)).body.items).toHaveLength(tag.places);
  });

  it('is public, cacheable, and answers 304 to the ETag it gave', async () => {
    const first = await t.call('GET', '/v1/facets');
    expect(first.headers.get('cache-control')).toMatch(/^public/);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect((await t.call('GET', '/v1/facets', { headers: { 'if-none-match': etag } })).status).toBe(304);
    // A new commune changes the answer and its tag.
    await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'La Grange', address: { postcode: '24400', commune: 'Mussidan' }, tags: [] }) });
    const after = await t.call('GET', '/v1/facets', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.body.communes.map((c: { value: string }) => c.value)).toEqual(['Bergerac', 'Mussidan', 'Périgueux']);
  });
});
