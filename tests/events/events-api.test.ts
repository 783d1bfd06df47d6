import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { createEventViaApi, createPlace, eventInput, managerToken } from './event-fixtures.js';

let t: TestContext;
let fabrique: string;
let gabare: string;
let fabriqueManager: string;

beforeAll(async () => {
  t = await createTestContext({ now: '2026-06-01T08:00:00Z' });
  fabrique = await createPlace(t, { name: 'La Fabrique', address: { postcode: '24000', commune: 'Périgueux' } });
  gabare = await createPlace(t, { name: 'La Gabare', address: { postcode: '24100', commune: 'Bergerac' } });
  fabriqueManager = await managerToken(t, fabrique);
});

describe('events: writing', () => {
  it('a manager creates an event for their place; times without offset are read in Paris time', async () => {
    const r = await t.call('POST', '/v1/events', { token: fabriqueManager, body: eventInput(fabrique) });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`/v1/events/${r.body.id}`);
    expect(r.body).toMatchObject({
      placeId: fabrique,
      startsAt: '2026-06-12T18:30:00+02:00',
      endsAt: '2026-06-12T21:00:00+02:00',
      status: 'scheduled',
      tags: ['vélo', 'réparation'],
      relay: { facebook: { enabled: false } },
      place: { id: fabrique, name: 'La Fabrique', commune: 'Périgueux' },
      version: 1,
    });
    const winter = await createEventViaApi(t, fabrique, { startsAt: '2026-12-03T18:00:00Z', endsAt: '2026-12-03T20:00:00Z' });
    expect(winter.startsAt).toBe('2026-12-03T19:00:00+01:00');
  });

  it('a manager cannot write another place’s events, nor move theirs there', async () => {
    const other = await t.call('POST', '/v1/events', { token: fabriqueManager, body: eventInput(gabare) });
    expect(other.status).toBe(403);
    const own = await createEventViaApi(t, fabrique, {}, fabriqueManager);
    const moved = await t.call('PATCH', `/v1/events/${own.id}`, { token: fabriqueManager, body: { placeId: gabare } });
    expect(moved.status).toBe(403);
    const theirs = await createEventViaApi(t, gabare);
    expect((await t.call('PATCH', `/v1/events/${theirs.id}`, { token: fabriqueManager, body: { title: 'Piraté' } })).status).toBe(403);
    expect((await t.call('DELETE', `/v1/events/${theirs.id}`, { token: fabriqueManager })).status).toBe(403);
  });

  it('anonymous writes are refused with 401', async () => {
    expect((await t.call('POST', '/v1/events', { body: eventInput(fabrique) })).status).toBe(401);
  });

  it('an end before the start, an unknown place and unknown fields are refused with their path', async () => {
    const before = await t.call('POST', '/v1/events', { token: ADMIN, body: eventInput(fabrique, { endsAt: '2026-06-12T17:00' }) });
    expect(before.status).toBe(400);
    expect(before.body.errors).toEqual([{ path: 'endsAt', message: expect.any(String) }]);
    const unknown = await t.call('POST', '/v1/events', { token: ADMIN, body: eventInput('NOPLACE') });
    expect(unknown.status).toBe(422);
    const extra = await t.call('POST', '/v1/events', { token: ADMIN, body: { ...eventInput(fabrique), colour: 'red', startsAt: 'demain' } });
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toEqual(expect.arrayContaining([{ path: 'colour', message: 'champ inconnu' }, { path: 'startsAt', message: expect.any(String) }]));
  });

  it('PATCH replaces fields, null clears one, and If-Match guards lost updates', async () => {
    const e = await createEventViaApi(t, fabrique, { url: 'https://fabrique.example.org/velo' });
    const patched = await t.call('PATCH', `/v1/events/${e.id}`, { token: ADMIN, body: { title: 'Atelier vélo', url: null }, headers: { 'if-match': '"1"' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'Atelier vélo', version: 2 });
    expect(patched.body.url).toBeUndefined();
    expect(patched.headers.get('etag')).toBe('"2"');
    const stale = await t.call('PATCH', `/v1/events/${e.id}`, { token: ADMIN, body: { title: 'X' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(409);
  });

  it('DELETE cancels: the event stays readable with status cancelled, and cancelling twice changes nothing', async () => {
    const e = await createEventViaApi(t, fabrique, { title: 'Soirée jeux' });
    const del = await t.call('DELETE', `/v1/events/${e.id}`, { token: fabriqueManager });
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ status: 'cancelled', version: 2, cancelledAt: expect.any(String) });
    const again = await t.call('DELETE', `/v1/events/${e.id}`, { token: fabriqueManager });
    expect(again.body.version).toBe(2);
    const read = await t.call('GET', `/v1/events/${e.id}`);
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('cancelled');
    const audit = await t.call('GET', `/v1/audit?entityId=${e.id}`, { token: ADMIN });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['cancel', 'create']);
  });

  it('an unknown event is a 404 problem', async () => {
    const r = await t.call('GET', '/v1/events/NOPE');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('events: listing', () => {
  let lt: TestContext;
  let p1: string;
  let p2: string;
  beforeAll(async () => {
    lt = await createTestContext({ now: '2026-06-01T08:00:00Z' });
    p1 = await createPlace(lt, { name: 'Le Moulin', address: { postcode: '24200', commune: 'Sarlat-la-Canéda' } });
    p2 = await createPlace(lt, { name: 'La Grange', address: { postcode: '24000', commune: 'Périgueux' } });
    await createEventViaApi(lt, p1, { title: 'Passé', startsAt: '2026-05-20T18:00', endsAt: '2026-05-20T20:00' });
    await createEventViaApi(lt, p1, { title: 'En cours', startsAt: '2026-05-31T09:00', endsAt: '2026-06-02T18:00' });
    await createEventViaApi(lt, p2, { title: 'Fête de la musique', description: 'Concerts à l’été', startsAt: '2026-06-21T19:00', endsAt: '2026-06-21T23:30', tags: ['musique'] });
    await createEventViaApi(lt, p1, { title: 'Café réparation', startsAt: '2026-06-10T14:00', endsAt: undefined });
    await createEventViaApi(lt, p2, { title: 'Marché de Noël', startsAt: '2026-12-12T10:00', endsAt: '2026-12-12T18:00' });
  });

  it('lists upcoming events by default (not finished yet), soonest first, with their place', async () => {
    const r = await lt.call('GET', '/v1/events');
    expect(r.status).toBe(200);
    expect(r.body.items.map((e: { title: string }) => e.title)).toEqual(['En cours', 'Café réparation', 'Fête de la musique', 'Marché de Noël']);
    expect(r.body.items[0].place).toEqual({ id: p1, name: 'Le Moulin', commune: 'Sarlat-la-Canéda' });
  });

  it('filters by from and to (days are whole Paris days), and by place', async () => {
    const june = await lt.call('GET', '/v1/events?from=2026-05-01&to=2026-06-21');
    expect(june.body.items.map((e: { title: string }) => e.title)).toEqual(['Passé', 'En cours', 'Café réparation', 'Fête de la musique']);
    const place = await lt.call('GET', `/v1/events?placeId=${p2}`);
    expect(place.body.items.map((e: { title: string }) => e.title)).toEqual(['Fête de la musique', 'Marché de Noël']);
  });

  it('text search ignores accents and case, on title, description and commune', async () => {
    expect((await lt.call('GET', '/v1/events?q=FETE')).body.items.map((e: { title: string }) => e.title)).toEqual(['Fête de la musique']);
    expect((await lt.call('GET', '/v1/events?q=ete')).body.items.map((e: { title: string }) => e.title)).toEqual(['Fête de la musique']);
    expect((await lt.call('GET', '/v1/events?q=caneda')).body.items).toHaveLength(2);
  });

  it('filters by exact tag and by commune (the widget’s filters), case and accents aside', async () => {
    const titles = async (q: string) => (await lt.call('GET', `/v1/events?${q}`)).body.items.map((e: { title: string }) => e.title);
    expect(await titles('tag=MUSIQUE')).toEqual(['Fête de la musique']);
    expect(await titles('tag=musiq')).toEqual([]);
    expect(await titles('commune=sarlat-la-caneda')).toEqual(['En cours', 'Café réparation']);
    expect(await titles('commune=P%C3%A9rigueux&tag=musique')).toEqual(['Fête de la musique']);
  });

  it('pages with limit and cursor', async () => {
    const first = await lt.call('GET', '/v1/events?limit=3');
    expect(first.body.items).toHaveLength(3);
    const second = await lt.call('GET', `/v1/events?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e: { title: string }) => e.title)).toEqual(['Marché de Noël']);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('invalid query parameters are refused', async () => {
    expect((await lt.call('GET', '/v1/events?from=demain')).status).toBe(400);
    expect((await lt.call('GET', '/v1/events?colour=red')).status).toBe(400);
  });
});
