/**
 * The Bénévolat tab, two-way through the contribution use cases: a row records a
 * contribution once (even when its ID write-back is lost), `Statut synchro` shows the value
 * computed in euros, an invalid row gets a French reason naming its column and records
 * nothing, a recorded row is not edited from the sheet, and deleting it archives the contribution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/harness.js';
import { personInput, placeInput, resourceInput } from '../support/fixtures.js';
import { TAB_HEADERS } from '../../integrations/sheets/columns.js';
import { euros } from '../../functions/domain/text/fr.js';
import { sheetsWorld, type SheetsWorld, syncRound } from './sync-support.js';

const NOW = '2026-03-10T10:00:00.000Z';
let w: SheetsWorld;
const rows: Record<string, number> = {};

beforeAll(async () => {
  w = await sheetsWorld({ tabs: ['Bénévolat'], now: NOW });
  const ruche = (await w.t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'La Ruche' }) })).body.id;
  expect((await w.t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(ruche, { name: 'Salle du haut', rates: [{ unit: 'day', amountCents: 8000, audience: 'public' }, { unit: 'day', amountCents: 3000, audience: 'network' }] }) })).status).toBe(201);
  expect((await w.t.call('POST', '/v1/people', { token: ADMIN, body: personInput(ruche, { displayName: 'Agnès Martin' }) })).status).toBe(201);
  const base = { Date: '05/03/2026', Lieu: 'La Ruche' };
  rows.time = w.fake.appendRow('Bénévolat', { ...base, Personne: 'agnès martin', Activité: 'Accueil des coworkers', Projet: 'AMI tiers-lieux', Heures: '10', Niveau: 'Encadrement' });
  rows.mileage = w.fake.appendRow('Bénévolat', { ...base, Personne: 'Jean Libre', Activité: 'Livraison du matériel', Km: '100', 'Puissance fiscale (CV)': '5', Électrique: 'Non' });
  rows.loan = w.fake.appendRow('Bénévolat', { ...base, Activité: 'Prêt de salle', 'Ressource prêtée': 'salle du haut', Quantité: '2', Unité: 'journée' });
  rows.badHours = w.fake.appendRow('Bénévolat', { ...base, Personne: 'Agnès Martin', Activité: 'Atelier', Heures: 'trois' });
  rows.twoKinds = w.fake.appendRow('Bénévolat', { ...base, Personne: 'Agnès Martin', Activité: 'Atelier', Heures: '3', Km: '12', 'Puissance fiscale (CV)': '4' });
  rows.badResource = w.fake.appendRow('Bénévolat', { ...base, Activité: 'Prêt', 'Ressource prêtée': 'Salle inconnue', Quantité: '1', Unité: 'journée' });
});
afterAll(async () => {
  await w.fake.close();
});

const round = () => syncRound(w);
const cell = (row: string, h: string) => w.fake.cell('Bénévolat', rows[row]!, h);
const contributions = async (extra = '') => (await w.t.call('GET', `/v1/contributions?from=2026-01-01&to=2026-12-31${extra}`, { token: ADMIN })).body.items as any[];

describe('Bénévolat tab', () => {
  it('records each valid row, even when its ID write-back is lost', async () => {
    expect(w.fake.grids.get('Bénévolat')![0]).toEqual([...TAB_HEADERS.Bénévolat]);
    w.fake.inject({ kind: 500, method: 'POST', pathIncludes: 'values:batchUpdate', times: 7 }); // every retry of the client fails
    const first = await round();
    expect(first.tabs.find((t: any) => t.tab === 'Bénévolat')).toMatchObject({ created: 3, refused: 3 });
    expect(cell('time', 'ID')).toBe('');
  });

  it('the next round writes the IDs back without recording anything twice, and shows each value in euros', async () => {
    await round();
    const items = await contributions();
    expect(items).toHaveLength(3);
    const byId = new Map(items.map((c) => [c.id, c]));
    const time = byId.get(cell('time', 'ID'))!;
    expect(time).toMatchObject({ kind: 'time', hours: 10, level: 'supervision', project: 'AMI tiers-lieux', activity: 'Accueil des coworkers', valueCents: 24040 });
    expect(time.personId).toBeTruthy();
    expect(cell('time', 'Statut synchro')).toBe(`✓ Contribution enregistrée : valorisée ${euros(24040)} (SMIC horaire de la date)`);
    const trip = byId.get(cell('mileage', 'ID'))!;
    expect(trip).toMatchObject({ kind: 'mileage', km: 100, vehicle: { fiscalHorsepower: 5, electric: false }, volunteerName: 'Jean Libre', valueCents: 6360 });
    expect(cell('mileage', 'Statut synchro')).toContain(euros(6360));
    // A room lent: its public rate (80 € a day), not its network rate.
    const loan = byId.get(cell('loan', 'ID'))!;
    expect(loan).toMatchObject({ kind: 'in_kind', quantity: 2, unit: 'day', valueCents: 16000 });
    expect(cell('loan', 'Statut synchro')).toContain(euros(16000));
  });

  it('an invalid row gets a French reason naming its column and records nothing', () => {
    expect(cell('badHours', 'Statut synchro')).toBe('✗ Refusée : Colonne « Heures » : nombre illisible « trois »');
    expect(cell('twoKinds', 'Statut synchro')).toMatch(/^✗ Refusée : Colonne « Heures » : une ligne décrit une seule contribution/);
    expect(cell('badResource', 'Statut synchro')).toMatch(/^✗ Refusée : Colonne « Ressource prêtée » : ressource inconnue « Salle inconnue »/);
    for (const r of ['badHours', 'twoKinds', 'badResource']) expect(cell(r, 'ID')).toBe('');
  });

  it('a recorded row is not edited from the sheet; deleting it archives the contribution; API ones get a row', async () => {
    w.fake.setCell('Bénévolat', rows.time!, 'Heures', '12');
    await round();
    expect(cell('time', 'Statut synchro')).toMatch(/une contribution enregistrée ne se modifie pas/);
    const id = cell('mileage', 'ID');
    w.fake.deleteRow('Bénévolat', rows.mileage!);
    const placeId = (await contributions())[0].placeId;
    expect((await w.t.call('POST', '/v1/contributions', { token: ADMIN, body: { kind: 'time', date: '2026-03-08', placeId, volunteerName: 'Lou', activity: 'Jardin partagé', hours: 2 } })).status).toBe(201);
    const s = await round();
    expect(s.tabs.find((t: any) => t.tab === 'Bénévolat')).toMatchObject({ archived: 1, appended: 1 });
    expect((await w.t.call('GET', `/v1/contributions/${id}`, { token: ADMIN })).body.archivedAt).toBeTruthy();
    const added = w.fake.table('Bénévolat').find((r) => r.Personne === 'Lou')!;
    expect(added).toMatchObject({ Date: '08/03/2026', Lieu: 'La Ruche', Activité: 'Jardin partagé', Heures: '2', Niveau: 'Exécution' });
    expect(added['Statut synchro']).toBe(`✓ Contribution enregistrée : valorisée ${euros(2404)} (SMIC horaire de la date)`);
  });
});
