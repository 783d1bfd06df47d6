/**
 * Every kind of validation failure a volunteer can meet, with the exact French sentence
 * the API answers: one message per field, with its path, no validator jargon, no English.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';

let t: TestContext;
let placeId: string;

beforeAll(async () => {
  t = await createTestContext();
  placeId = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput() })).body.id;
});

type Case = [kind: string, route: 'place' | 'resource', patch: Record<string, unknown>, path: string, message: string];

// What is sent (merged into a valid body), which field the error names, and what it says.
const CASES: Case[] = [
  ['missing field', 'place', { name: undefined }, 'name', 'champ obligatoire'],
  ['missing nested field', 'place', { address: { street: '1 rue', commune: 'Périgueux' } }, 'address.postcode', 'champ obligatoire'],
  ['cents with a decimal', 'resource', { rates: [{ unit: 'day', amountCents: 12.5, audience: 'public' }] }, 'rates.0.amountCents', 'un nombre entier de centimes est attendu (12,5 reçu)'],
  ['text for a number', 'resource', { capacity: 'dix' }, 'capacity', 'un nombre est attendu (« dix » reçu)'],
  ['decimal for a whole number', 'resource', { capacity: 2.5 }, 'capacity', 'un nombre entier est attendu (2,5 reçu)'],
  ['postcode pattern', 'place', { address: { postcode: '2400', commune: 'Périgueux' } }, 'address.postcode', '5 chiffres attendus pour le code postal'],
  ['number below minimum', 'place', { mobility: { acceptsVisitors: true, dailyVisitorCapacity: -1, preferentialDayRateCents: 0 } }, 'mobility.dailyVisitorCapacity', 'doit être au moins 0 (-1 reçu)'],
  ['number above maximum', 'place', { location: { lat: 95, lon: 0.7 } }, 'location.lat', 'doit être au plus 90 (95 reçu)'],
  ['number not positive', 'resource', { surfaceM2: 0 }, 'surfaceM2', 'doit être supérieur à 0 (0 reçu)'],
  ['empty text', 'place', { name: '   ' }, 'name', 'ce champ ne peut pas être vide'],
  ['text too long', 'place', { name: 'x'.repeat(201) }, 'name', 'texte trop long (200 caractères au plus)'],
  ['list too long', 'place', { tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }, 'tags', '30 éléments au plus'],
  ['value outside a list', 'resource', { kind: 'room' }, 'kind', 'valeur attendue : space, equipment ou other (« room » reçu)'],
  ['e-mail', 'place', { email: 'pas-une-adresse' }, 'email', 'adresse e-mail invalide (exemple : prenom@exemple.fr)'],
  ['web address', 'place', { website: 'fabrique.example' }, 'website', 'adresse web invalide (elle commence par https://)'],
  ['yes/no', 'resource', { sharing: { lendable: 'oui' } }, 'sharing.lendable', 'true (oui) ou false (non) est attendu (« oui » reçu)'],
  ['list expected', 'place', { tags: 'coworking' }, 'tags', 'une liste est attendue (« coworking » reçu)'],
  ['unknown field', 'place', { colour: 'vert' }, 'colour', 'champ inconnu'],
];

async function send(route: 'place' | 'resource', patch: Record<string, unknown>) {
  const base: Record<string, unknown> = route === 'place' ? placeInput() : resourceInput(placeId);
  const body = { ...base, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete body[k];
  return t.call('POST', route === 'place' ? '/v1/places' : '/v1/resources', { token: ADMIN, body });
}

describe('validation errors speak French to volunteers', () => {
  it.each(CASES)('%s', async (_kind, route, patch, path, message) => {
    const res = await send(route, patch);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toContainEqual({ path, message });
    // One message per field.
    expect(res.body.errors.filter((e: { path: string }) => e.path === path)).toHaveLength(1);
  });

  it('never uses validator jargon nor English', async () => {
    for (const [, route, patch] of CASES) {
      const res = await send(route, patch);
      for (const e of res.body.errors as { message: string }[]) {
        expect(e.message).not.toMatch(/indéfini|chaîne de caractères|\bexpected\b|\breceived\b|\binvalid\b|\brequired\b|undefined|NaN/i);
      }
    }
  });

  it('a day in the wrong format says which format', async () => {
    const res = await t.call('POST', '/v1/visits', { token: ADMIN, headers: { 'idempotency-key': 'k-day-1' }, body: { personId: 'P1', hostPlaceId: placeId, date: '02/12/2026', scheme: 'retrocession' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ path: 'date', message: 'format de date attendu : AAAA-MM-JJ' });
  });

  it('a query parameter that is not a number says so in French', async () => {
    const res = await t.call('GET', '/v1/freshness?olderThanDays=abc', { token: ADMIN });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'olderThanDays', message: 'un nombre est attendu' }]);
  });

  it('malformed JSON is explained in French, with where it broke', async () => {
    const res = await t.call('POST', '/v1/places', { token: ADMIN, rawBody: '{"name": "La Ruche",, }', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/^Le corps de la requête n’est pas du JSON valide \(erreur vers le caractère \d+\) : vérifiez les guillemets, les virgules et les accolades\.$/);
    expect(res.body.detail).not.toMatch(/Unexpected|token|JSON at/);
  });
});
