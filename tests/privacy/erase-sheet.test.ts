/**
 * A person archived BEFORE the erasure: the sync leaves archived rows alone (only their
 * status), so without care the sheet row would keep the name, e-mail and phone. After the
 * erasure the next round rewrites the row with the pseudonym and empty contacts, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/harness.js';
import { personInput, placeInput } from '../support/fixtures.js';
import { sheetsWorld, syncRound, type SheetsWorld } from '../sync/sync-support.js';

const NAME = 'Maëlys Ferrandou';
const EMAIL = 'maelys.ferrandou@example.org';
const PHONE = '07 12 34 56 78';
let w: SheetsWorld;
let person: string;
let kept: string;

const row = (id: string) => {
  const n = w.fake.rowOf('Personnes', id);
  expect(n).toBeDefined();
  return w.fake.table('Personnes')[n! - 2]!;
};

beforeAll(async () => {
  w = await sheetsWorld({ tabs: ['Personnes'], now: '2026-03-10T10:00:00.000Z' });
  const place = (await w.t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'La Forge' }) })).body.id;
  person = (await w.t.call('POST', '/v1/people', { token: ADMIN, body: personInput(place, { displayName: NAME, email: EMAIL, phone: PHONE, bio: `${NAME}, céramiste.` }) })).body.id;
  kept = (await w.t.call('POST', '/v1/people', { token: ADMIN, body: personInput(place, { displayName: 'Jean Voisin' }) })).body.id;
  await syncRound(w);
  expect(row(person)).toMatchObject({ 'Nom affiché': NAME, Email: EMAIL, Téléphone: PHONE });
  expect((await w.t.call('DELETE', `/v1/people/${person}`, { token: ADMIN })).status).toBe(200);
  await syncRound(w);
});
afterAll(async () => {
  await w.fake.close();
});

describe('erasure of a person archived before it', () => {
  it('the archived row still names the person until the erasure (the sync only set its status)', () => {
    expect(row(person)).toMatchObject({ 'Nom affiché': NAME, Email: EMAIL });
    expect(row(person)['Statut synchro']).toMatch(/archiv/i);
  });

  it('the next round rewrites the row with the pseudonym, contacts and biography emptied, status kept', async () => {
    const erased = await w.t.call('POST', `/v1/people/${person}/erase`, { token: ADMIN });
    expect(erased.status).toBe(200);
    expect(erased.body.sheet).toMatch(/réécrite avec le pseudonyme/);
    await syncRound(w);
    const r = row(person);
    expect(r).toMatchObject({ 'Nom affiché': erased.body.pseudonym, Email: '', Téléphone: '', Présentation: '', Compétences: '' });
    expect(r['Statut synchro']).toMatch(/archiv/i);
    expect(JSON.stringify(w.fake.table('Personnes'))).not.toMatch(/maëlys|ferrandou|12 34 56 78/i);
    // The other person's row is untouched.
    expect(row(kept)['Nom affiché']).toBe('Jean Voisin');
  });

  it('later rounds write nothing more to the row (the cells already agree)', async () => {
    const writes = w.fake.count('write');
    await syncRound(w);
    expect(w.fake.count('write')).toBe(writes);
    expect(row(person)['Nom affiché']).toMatch(/^Anonyme /);
  });
});
