import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/harness.js';
import { personInput, placeInput } from '../support/fixtures.js';
import { sheetsWorld, type SheetsWorld, syncRound } from './sync-support.js';
import { formatDay, parisDay } from '../../integrations/sheets/values.js';

let w: SheetsWorld;
let personId: string;
beforeAll(async () => {
  w = await sheetsWorld({ tabs: ['Lieux', 'Ressources', 'Personnes', 'Événements', 'Passages'] });
  const home = await w.t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Le Moulin' }) });
  await w.t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'La Forge', mobility: { acceptsVisitors: true, dailyVisitorCapacity: 3, preferentialDayRateCents: 900 } }) });
  personId = (await w.t.call('POST', '/v1/people', { token: ADMIN, body: personInput(home.body.id, { displayName: 'Camille Martin' }) })).body.id;
  await round();
});
afterAll(async () => {
  await w.fake.close();
});

const round = () => syncRound(w);
const visits = async () => (await w.t.call('GET', `/v1/visits?personId=${personId}`, { token: ADMIN })).body.items;

describe('Passages tab', () => {
  it('a row synced twice (its ID write-back lost the first time) posts the visit once', async () => {
    const row = w.fake.appendRow('Passages', { Personne: 'camille martin', "Lieu d'accueil": 'La Forge', Date: formatDay(parisDay(new Date())), Formule: 'Rétrocession' });
    w.fake.inject({ kind: 500, method: 'POST', pathIncludes: 'values:batchUpdate', times: 7 }); // every retry of the client fails
    const first = await round();
    expect(first.tabs.find((t: any) => t.tab === 'Passages').created).toBe(1);
    expect(w.fake.cell('Passages', row, 'ID')).toBe('');
    await round();
    await round();
    const items = await visits();
    expect(items).toHaveLength(1);
    expect(w.fake.cell('Passages', row, 'ID')).toBe(items[0].id);
    expect(w.fake.cell('Passages', row, 'Statut synchro')).toBe('✓ Passage enregistré : 10,00 € (rétrocession du lieu d’attache au lieu d’accueil)');
  });

  it('editing a posted row is refused; deleting it cancels the visit', async () => {
    const row = w.fake.rowOf('Passages', (await visits())[0].id)!;
    w.fake.setCell('Passages', row, 'Formule', 'Pass');
    await round();
    expect(w.fake.cell('Passages', row, 'Statut synchro')).toMatch(/un passage enregistré ne se modifie pas/);
    w.fake.deleteRow('Passages', row);
    const s = await round();
    expect(s.tabs.find((t: any) => t.tab === 'Passages').archived).toBe(1);
    expect((await visits())[0].status).toBe('cancelled');
  });

  it('a visit the rules refuse is refused in the row, with the reason', async () => {
    const row = w.fake.appendRow('Passages', { Personne: 'Camille Martin', "Lieu d'accueil": 'Le Moulin', Date: formatDay(parisDay(new Date())), Formule: 'Tarif préférentiel' });
    await round();
    expect(w.fake.cell('Passages', row, 'Statut synchro')).toMatch(/✗ Refusée : .*lieu d’attache/);
    expect(w.fake.cell('Passages', row, 'ID')).toBe('');
  });
});

describe('Événements tab', () => {
  it('a row creates the event, Annulé cancels it, and API changes come back to the row', async () => {
    const row = w.fake.appendRow('Événements', { Lieu: 'La Forge', Titre: 'Atelier soudure', Début: '12/12/2030 14:00', Fin: '12/12/2030 17:30', 'Prix (€)': '5' });
    await round();
    const id = w.fake.cell('Événements', row, 'ID');
    const ev = (await w.t.call('GET', `/v1/events/${id}`)).body;
    expect(ev).toMatchObject({ title: 'Atelier soudure', priceCents: 500, status: 'scheduled' });
    expect(Date.parse(ev.startsAt)).toBe(Date.parse('2030-12-12T13:00:00Z'));
    await w.t.call('PATCH', `/v1/events/${id}`, { token: ADMIN, body: { title: 'Atelier soudure (débutants)' } });
    await round();
    expect(w.fake.cell('Événements', row, 'Titre')).toBe('Atelier soudure (débutants)');
    w.fake.setCell('Événements', row, 'Annulé', 'Oui');
    await round();
    expect((await w.t.call('GET', `/v1/events/${id}`)).body.status).toBe('cancelled');
  });
});
