import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});

describe('places', () => {
  it('the admin creates a place, anyone reads it', async () => {
    const created = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'La Grange' }) });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(created.body.tags).toEqual(['coworking']);
    expect(created.body.membership).toBe('member');
    expect(created.headers.get('location')).toBe(`/v1/places/${created.body.id}`);
    const read = await t.call('GET', `/v1/places/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('La Grange');
    expect(read.headers.get('etag')).toBe('"1"');
  });

  it('writing without a token is 401, with an unknown token too', async () => {
    expect((await t.call('POST', '/v1/places', { body: placeInput() })).status).toBe(401);
    const r = await t.call('POST', '/v1/places', { body: placeInput(), token: 'tl_01ARZ3NDEKTSV4RRFFQ69G5FAV_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' });
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });

  it('an unknown field is refused with its path', async () => {
    const r = await t.call('POST', '/v1/places', { token: ADMIN, body: { ...placeInput(), colour: 'bleu', address: { postcode: '240', commune: 'Bergerac' } } });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual(expect.arrayContaining([{ path: 'colour', message: 'champ inconnu' }, { path: 'address.postcode', message: expect.any(String) }]));
  });

  it('malformed JSON is 400 and a body over 100 KB is 413', async () => {
    const bad = await t.call('POST', '/v1/places', { token: ADMIN, rawBody: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.title).toBe('Requête invalide');
    const big = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ description: 'x'.repeat(110 * 1024) }) });
    expect(big.status).toBe(413);
  });

  it('PATCH replaces fields, null clears an optional one, and If-Match guards lost updates', async () => {
    const { body: p } = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ website: 'https://grange.example.org' }) });
    const patched = await t.call('PATCH', `/v1/places/${p.id}`, { token: ADMIN, body: { name: 'La Grange 2', website: null } });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe('La Grange 2');
    expect(patched.body.website).toBeUndefined();
    expect(patched.body.version).toBe(2);
    const stale = await t.call('PATCH', `/v1/places/${p.id}`, { token: ADMIN, body: { name: 'X' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(409);
    const nulled = await t.call('PATCH', `/v1/places/${p.id}`, { token: ADMIN, body: { name: null } });
    expect(nulled.status).toBe(400);
  });

  it('DELETE archives: the place stays readable (admin and its place) with archivedAt and leaves the lists', async () => {
    const { body: p } = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Lieu éphémère' }) });
    await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(p.id, { name: 'Ressource éphémère' }) });
    const del = await t.call('DELETE', `/v1/places/${p.id}`, { token: ADMIN });
    expect(del.status).toBe(200);
    expect(del.body.archivedAt).toBeTruthy();
    expect((await t.call('GET', `/v1/places/${p.id}`, { token: ADMIN })).body.archivedAt).toBeTruthy();
    expect((await t.call('GET', `/v1/places/${p.id}`)).status).toBe(404);
    const list = await t.call('GET', '/v1/places?q=ephemere');
    expect(list.body.items).toEqual([]);
    const res = await t.call('GET', '/v1/resources?q=ephemere');
    expect(res.body.items).toEqual([]);
  });

  it('an unknown place is a 404 problem', async () => {
    const r = await t.call('GET', '/v1/places/NOPE');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ status: 404, title: 'Introuvable' });
  });
});
