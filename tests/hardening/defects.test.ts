/**
 * Regression tests of the black-box run's defects 2–5 and 7 (1 and 6 are in
 * permissions.test.ts), and the text hygiene every input gets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';
import { createApp } from '../../functions/api/app.js';
import { createTableRef } from '../../integrations/dynamodb/client.js';
import { freePort } from '../../scripts/dynamodb-local.js';
import { createPerson, createPlace, postVisit } from '../mobility/mobility-setup.js';

let t: TestContext;
let place: string;

beforeAll(async () => {
  t = await createTestContext({ now: '2026-03-10T10:00:00Z' });
  place = await createPlace(t, { name: 'Lieu A' });
});

const JSON_TYPE = { 'content-type': 'application/json' };
const fieldOf = (r: { body: { errors?: { path: string; message: string }[] } }, path: string) => r.body.errors?.find((e) => e.path === path)?.message;

describe('defect 2: numbers DynamoDB cannot store are refused (400), never a 500', () => {
  it('on the fields the run found', async () => {
    const lat = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ location: { lat: 1e-200, lon: 0.7 } }) });
    expect(lat.status).toBe(400);
    expect(fieldOf(lat, 'location.lat')).toMatch(/trop proche de zéro/);
    const surface = await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(place, { surfaceM2: 1e-200 }) });
    expect(surface.status).toBe(400);
    expect(fieldOf(surface, 'surfaceM2')).toBeDefined();
    const share = await t.call('PUT', '/v1/settings/mobility', { token: ADMIN, body: { dayValueCents: 2000, retrocessionShare: 1e-200, passDayRateCents: 1200 } });
    expect(share.status).toBe(400);
    expect(fieldOf(share, 'retrocessionShare')).toBeDefined();
  });

  it('anywhere in any body, whatever its schema (a huge number too)', async () => {
    const r = await t.call('PATCH', `/v1/places/${place}`, { token: ADMIN, rawBody: '{"mobility":{"acceptsVisitors":true,"dailyVisitorCapacity":1e300,"preferentialDayRateCents":0}}', headers: JSON_TYPE });
    expect(r.status).toBe(400);
    expect(fieldOf(r, 'mobility.dailyVisitorCapacity')).toMatch(/trop/);
  });

  it('small but storable numbers and zero still pass', async () => {
    const r = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ location: { lat: 0, lon: 1e-120 } }) });
    expect(r.status).toBe(201);
    expect((await t.call('GET', `/v1/places/${r.body.id}`)).body.location).toEqual({ lat: 0, lon: 1e-120 });
  });
});

describe('defect 3: far dates in the events query', () => {
  it('to=9999-12-31 is a 400 with a French message; 2100 is fine', async () => {
    const r = await t.call('GET', '/v1/events?to=9999-12-31');
    expect(r.status).toBe(400);
    expect(fieldOf(r, 'to')).toBe('année entre 2000 et 2100 attendue');
    expect((await t.call('GET', '/v1/events?to=2100-12-31')).status).toBe(200);
    expect((await t.call('GET', '/v1/events?from=0001-01-01T00:00Z')).status).toBe(400);
  });
});

describe('defect 4: tampered cursors', () => {
  it('on /v1/audit: {} (e30), another partition, garbage → 400; a real cursor pages', async () => {
    for (const cursor of ['e30', Buffer.from(JSON.stringify({ pk: 'token', sk: 'token#x' })).toString('base64url'), 'bm9wZQ', '%%%', 'W10']) {
      const r = await t.call('GET', `/v1/audit?cursor=${cursor}`, { token: ADMIN });
      expect(r.status, cursor).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    const byEntity = Buffer.from(JSON.stringify({ pk: 'audit#OTHER', sk: 'audit#1' })).toString('base64url');
    expect((await t.call('GET', `/v1/audit?entityId=${place}&cursor=${byEntity}`, { token: ADMIN })).status).toBe(400);
    await createPlace(t, { name: 'Lieu B' });
    const first = await t.call('GET', '/v1/audit?limit=1', { token: ADMIN });
    expect(first.body.nextCursor).toBeDefined();
    const second = await t.call('GET', `/v1/audit?limit=1&cursor=${first.body.nextCursor}`, { token: ADMIN });
    expect(second.status).toBe(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it('on ledger entries of an account: a key outside the range → 400', async () => {
    const outside = Buffer.from(JSON.stringify({ pk: `ledger#account#place:${place}`, sk: '1999-01-01#x' })).toString('base64url');
    const r = await t.call('GET', `/v1/ledger/entries?account=place:${place}&from=2026-01-01&cursor=${outside}`, { token: ADMIN });
    expect(r.status).toBe(400);
  });
});

describe('defect 5: days are between 2000 and 2100 everywhere', () => {
  it('visits, balances, entries and visit lists refuse year 0000 and 9999 with a French message', async () => {
    const host = await createPlace(t, { name: 'Hôte' });
    const person = await createPerson(t, place);
    const v = await postVisit(t, { personId: person, hostPlaceId: host, date: '0000-01-01', scheme: 'retrocession' });
    expect(v.status).toBe(400);
    expect(fieldOf(v, 'date')).toBe('année entre 2000 et 2100 attendue');
    for (const url of ['/v1/ledger/balances?from=0000-01-01&to=0000-12-31', '/v1/ledger/entries?from=9999-01&to=9999-02', '/v1/visits?from=9999-01&to=9999-02', '/v1/settlements/9999-01']) {
      const r = await t.call('GET', url, { token: ADMIN });
      expect(r.status, url).toBe(400);
    }
    expect((await t.call('GET', '/v1/ledger/balances?from=2000-01-01&to=2000-12-31', { token: ADMIN })).status).toBe(200);
    expect((await t.call('GET', '/v1/ledger/entries?from=2100-01&to=2100-02', { token: ADMIN })).status).toBe(200);
  });
});

describe('defect 7: health', () => {
  it('deep=1 reads the table; both answers are never cached', async () => {
    const r = await t.call('GET', '/v1/health?deep=1');
    expect(r.status).toBe(200);
    expect(r.body.database.status).toBe('ok');
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('with the database down: the cheap check still answers, deep=1 is 503 problem+json with Retry-After', async () => {
    const port = await freePort(); // nothing listens there
    const down = createApp({ ...t.deps, table: createTableRef({ tableName: 'nope', endpoint: `http://127.0.0.1:${port}` }) });
    expect((await down.request('/v1/health')).status).toBe(200);
    const started = Date.now();
    const r = await down.request('/v1/health?deep=1');
    expect(r.status).toBe(503);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await r.json()).detail).toMatch(/base de données ne répond pas/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('text hygiene', () => {
  it('names empty once whitespace and zero-width characters are removed are refused', async () => {
    for (const name of ['\u200B\u200C', ' \u00A0\u2060 ', '\uFEFF']) {
      const r = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name }) });
      expect(r.status, JSON.stringify(name)).toBe(400);
      expect(fieldOf(r, 'name')).toMatch(/texte vide|vide|caractère/i);
    }
  });

  it('control characters and lone surrogates are refused, anywhere', async () => {
    const nul = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ description: 'a\u0000b' }) });
    expect(fieldOf(nul, 'description')).toBe('caractère de contrôle interdit');
    const lone = await t.call('POST', '/v1/places', { token: ADMIN, rawBody: JSON.stringify(placeInput()).replace('La Fabrique Test', 'La \\ud800 Fabrique'), headers: JSON_TYPE });
    expect(lone.status).toBe(400);
    expect(fieldOf(lone, 'name')).toMatch(/demi-caractère/);
    expect((await t.call('GET', '/v1/places?q=%00')).status).toBe(400);
    // Line breaks and tabs stay allowed in free text.
    expect((await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ description: 'ligne 1\nligne 2\tfin' }) })).status).toBe(201);
  });

  it('text is stored NFC: a decomposed é is found as the composed one', async () => {
    const r = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Cafe\u0301 des Arts' }) });
    expect(r.status).toBe(201);
    expect(r.body.name).toBe('Caf\u00e9 des Arts');
  });
});
