/**
 * Resource categories keep their codes in the API and read as French labels everywhere a
 * person looks: the sheet (which accepts either), the CSV export, the search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/harness.js';
import { airtableWorld, placeRow, type AirtableWorld } from './sync-support.js';

let w: AirtableWorld;
beforeAll(async () => {
  w = await airtableWorld();
  w.fake.userCreate('Lieux', placeRow());
  expect((await w.t.call('POST', '/v1/sync/airtable', { token: ADMIN })).status).toBe(200);
});
afterAll(async () => {
  await w.fake.close();
});

const sync = async () => expect((await w.t.call('POST', '/v1/sync/airtable', { token: ADMIN })).status).toBe(200);
const rowNamed = (name: string) => w.fake.records('Ressources').find((r) => r.fields.Nom === name)!;

describe('category labels', () => {
  it('a sheet row may say « Salle de réunion » or « meeting_room »: the API keeps the code, the sheet shows the label', async () => {
    w.fake.userCreate('Ressources', { Lieu: 'La Grange', Type: 'Espace', Catégorie: 'salle de reunion', Nom: 'Salle du fond', 'Tarif journée (€)': '60' });
    w.fake.userCreate('Ressources', { Lieu: 'La Grange', Type: 'Matériel', Catégorie: 'laser_cutter', Nom: 'Laser', 'Tarif heure (€)': '10' });
    await sync();
    const salle = (await w.t.call('GET', `/v1/resources/${rowNamed('Salle du fond').fields.ID}`)).body;
    const laser = (await w.t.call('GET', `/v1/resources/${rowNamed('Laser').fields.ID}`)).body;
    expect([salle.category, laser.category]).toEqual(['meeting_room', 'laser_cutter']);
    // A change made in the API comes back to the sheet as a label.
    expect((await w.t.call('PATCH', `/v1/resources/${salle.id}`, { token: ADMIN, body: { category: 'training_room' } })).status).toBe(200);
    await sync();
    expect(rowNamed('Salle du fond').fields['Catégorie']).toBe('Salle de formation');
  });

  it('the CSV export shows labels, and the search takes a label as well as a code', async () => {
    const csv = await w.t.call('GET', '/v1/resources.csv');
    expect(csv.text).toContain(';Salle de formation;');
    expect(csv.text).toContain(';Découpe laser;');
    expect(csv.text).not.toContain('laser_cutter');
    const byLabel = await w.t.call('GET', `/v1/resources?category=${encodeURIComponent('Découpe laser')}`);
    const byCode = await w.t.call('GET', '/v1/resources?category=laser_cutter');
    expect(byLabel.body.items.map((r: any) => r.name)).toEqual(['Laser']);
    expect(byCode.body.items.map((r: any) => r.name)).toEqual(['Laser']);
    expect((await w.t.call('GET', `/v1/resources?q=${encodeURIComponent('salle de formation')}`)).body.items.map((r: any) => r.name)).toEqual(['Salle du fond']);
  });
});
