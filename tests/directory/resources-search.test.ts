import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';

let t: TestContext;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext();
  const mk = async (key: string, body: unknown) => {
    const r = await t.call('POST', '/v1/places', { token: ADMIN, body });
    expect(r.status).toBe(201);
    ids[key] = r.body.id;
  };
  await mk('perigueux', placeInput({ name: 'La Fabrique', address: { postcode: '24000', commune: 'Périgueux' }, location: { lat: 45.184, lon: 0.721 }, website: 'https://lafabrique.example.org/' }));
  await mk('bergerac', placeInput({ name: 'Le Hangar', address: { postcode: '24100', commune: 'Bergerac' }, location: { lat: 44.853, lon: 0.483 }, tags: ['fablab'] }));
  await mk('sarlat', placeInput({ name: 'L’Atelier du Sarladais', address: { postcode: '24200', commune: 'Sarlat-la-Canéda' }, location: { lat: 44.889, lon: 1.216 }, tags: ['atelier'] }));
  const res = async (place: string, body: Record<string, unknown>) => {
    const r = await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(ids[place]!, body) });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  await res('perigueux', { name: 'Grande salle de réunion', capacity: 20, surfaceM2: 60, rates: [{ unit: 'day', amountCents: 12000, audience: 'public' }, { unit: 'day', amountCents: 8000, audience: 'network' }] });
  await res('perigueux', { kind: 'equipment', category: 'projector', name: 'Vidéoprojecteur', capacity: undefined, surfaceM2: undefined, quantity: 2, sharing: { lendable: true, depositCents: 20000 }, rates: [{ unit: 'day', amountCents: 1500, audience: 'public' }] });
  await res('bergerac', { kind: 'equipment', category: 'laser_cutter', name: 'Découpeuse laser', capacity: undefined, surfaceM2: undefined, uses: ['gravure', 'prototypage'], sharing: { lendable: false, trainingRequired: true }, rates: [{ unit: 'hour', amountCents: 1000, audience: 'public' }] });
  await res('sarlat', { category: 'workshop', name: 'Atelier bois', capacity: 6, surfaceM2: 80, uses: ['menuiserie'], rates: [] });
  await res('sarlat', { kind: 'other', category: 'seed_library', name: 'Grainothèque', capacity: undefined, surfaceM2: undefined, rates: [] });
});

const names = (r: { body: { items: { name: string }[] } }) => r.body.items.map((i) => i.name).sort();

describe('resource search', () => {
  it('filters by kind and carries a place summary', async () => {
    const r = await t.call('GET', '/v1/resources?kind=equipment');
    expect(r.status).toBe(200);
    expect(names(r)).toEqual(['Découpeuse laser', 'Vidéoprojecteur']);
    const laser = r.body.items.find((i: { name: string }) => i.name === 'Découpeuse laser');
    expect(laser.place).toEqual({ id: ids.bergerac, name: 'Le Hangar', commune: 'Bergerac' });
    // A place with a website lends it to its resources' summary (a widget card links to it).
    const projector = r.body.items.find((i: { name: string }) => i.name === 'Vidéoprojecteur');
    expect(projector.place).toEqual({ id: ids.perigueux, name: 'La Fabrique', commune: 'Périgueux', website: 'https://lafabrique.example.org/' });
    expect((await t.call('GET', `/v1/resources/${projector.id}`)).body.place).toEqual(projector.place);
  });

  it('text search ignores case and accents, over place name and commune too', async () => {
    expect(names(await t.call('GET', '/v1/resources?q=DECOUPEUSE'))).toEqual(['Découpeuse laser']);
    expect(names(await t.call('GET', '/v1/resources?q=perigueux'))).toEqual(['Grande salle de réunion', 'Vidéoprojecteur']);
    expect(names(await t.call('GET', '/v1/resources?q=sarladais%20bois'))).toEqual(['Atelier bois']);
    expect(names(await t.call('GET', '/v1/resources?q=menuiserie'))).toEqual(['Atelier bois']);
  });

  it('near sorts by distance, carries distanceKm, and radiusKm cuts', async () => {
    const r = await t.call('GET', '/v1/resources?near=44.85,0.48&radiusKm=50');
    const items = r.body.items as { name: string; distanceKm: number; place: { commune: string } }[];
    expect(items.map((i) => i.place.commune)).toEqual(['Bergerac', 'Périgueux', 'Périgueux']);
    expect(items[0]!.distanceKm).toBeLessThan(1);
    expect(items[1]!.distanceKm).toBeGreaterThan(30);
    expect(items.every((i, k) => k === 0 || items[k - 1]!.distanceKm <= i.distanceKm)).toBe(true);
  });

  it('capacity, surface, lendable and rate filters combine', async () => {
    expect(names(await t.call('GET', '/v1/resources?minCapacity=10'))).toEqual(['Grande salle de réunion']);
    expect(names(await t.call('GET', '/v1/resources?minSurfaceM2=70'))).toEqual(['Atelier bois']);
    expect(names(await t.call('GET', '/v1/resources?lendable=true'))).toEqual(['Vidéoprojecteur']);
    expect(names(await t.call('GET', '/v1/resources?maxRateCents=9000&rateUnit=day'))).toEqual(['Grande salle de réunion', 'Vidéoprojecteur']);
    expect(names(await t.call('GET', '/v1/resources?maxRateCents=1000&rateUnit=hour'))).toEqual(['Découpeuse laser']);
    expect(names(await t.call('GET', `/v1/resources?placeId=${ids.sarlat}&category=seed_library`))).toEqual(['Grainothèque']);
  });

  it('the commune filter (the widget’s) is exact, case and accents aside, for resources and places', async () => {
    expect(names(await t.call('GET', '/v1/resources?commune=SARLAT-LA-CANEDA'))).toEqual(['Atelier bois', 'Grainothèque']);
    expect(names(await t.call('GET', '/v1/resources?commune=Sarlat&q=bois'))).toEqual([]);
    expect(names(await t.call('GET', '/v1/resources?commune=p%C3%A9rigueux&kind=equipment'))).toEqual(['Vidéoprojecteur']);
    const places = await t.call('GET', '/v1/places?commune=bergerac');
    expect(places.body.items.map((p: { name: string }) => p.name)).toEqual(['Le Hangar']);
    expect((await t.call('GET', '/v1/places?commune=Nulle-Part')).body.items).toEqual([]);
  });

  it('pages with limit and cursor without repeating or losing items', async () => {
    const first = await t.call('GET', '/v1/resources?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await t.call('GET', `/v1/resources?limit=2&cursor=${first.body.nextCursor}`);
    const third = await t.call('GET', `/v1/resources?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.nextCursor).toBeUndefined();
    const all = [...first.body.items, ...second.body.items, ...third.body.items].map((i: { id: string }) => i.id);
    expect(new Set(all).size).toBe(5);
  });

  it('bad query parameters are 400 with the parameter named', async () => {
    const r = await t.call('GET', '/v1/resources?near=abc&kind=boat&limit=0');
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind', 'limit', 'near']);
    expect((await t.call('GET', '/v1/resources?cursor=garbage')).status).toBe(400);
  });

  it('a new resource is found by the very next search', async () => {
    await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(ids.bergerac!, { name: 'Table de massage', kind: 'equipment', category: 'massage_table' }) });
    expect(names(await t.call('GET', '/v1/resources?category=massage_table'))).toEqual(['Table de massage']);
  });

  it('places search by tag, text and distance', async () => {
    const byTag = await t.call('GET', '/v1/places?tag=fablab');
    expect(byTag.body.items.map((p: { name: string }) => p.name)).toEqual(['Le Hangar']);
    const byText = await t.call('GET', '/v1/places?q=sarlat-la-caneda');
    expect(byText.body.items.map((p: { name: string }) => p.name)).toEqual(['L’Atelier du Sarladais']);
    const near = await t.call('GET', '/v1/places?near=45.18,0.72&radiusKm=200');
    expect(near.body.items[0].name).toBe('La Fabrique');
    expect(near.body.items[0].distanceKm).toBeLessThan(1);
  });

  it('a resource pointing at an unknown place is refused with 422', async () => {
    const r = await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput('01ARZ3NDEKTSV4RRFFQ69G5FAV') });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([{ path: 'placeId', message: 'lieu inconnu' }]);
  });
});

describe('exports', () => {
  it('places.geojson is RFC 7946 with [lon, lat]', async () => {
    const r = await t.call('GET', '/v1/places.geojson');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/geo+json');
    const fc = JSON.parse(r.text);
    expect(fc.type).toBe('FeatureCollection');
    const f = fc.features.find((x: { properties: { name: string } }) => x.properties.name === 'La Fabrique');
    expect(f.geometry).toEqual({ type: 'Point', coordinates: [0.721, 45.184] });
  });

  it('resources.csv opens in a French spreadsheet: BOM, semicolons, decimal comma, accents', async () => {
    const r = await t.call('GET', '/v1/resources.csv?kind=space');
    expect(r.headers.get('content-type')).toContain('text/csv');
    const raw = Buffer.from(await (await t.app.request('/v1/resources.csv?kind=space')).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toContain('ID;Lieu;Commune;Type;Catégorie;Nom');
    const salle = lines.find((l) => l.includes('Grande salle de réunion'))!;
    expect(salle).toContain(';Périgueux;Espace;');
    expect(salle).toContain(';120,00;');
  });
});
