/**
 * The Kit tab, two-way through the kit use cases: a row creates an asset (`Type` in French
 * or as the API code), an edit updates it, API changes come back in French, a bad row is
 * refused naming its column, and deleting the row archives the asset as DELETE /v1/kit does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';
import { TAB_HEADERS } from '../../integrations/sheets/columns.js';
import { sheetsWorld, type SheetsWorld, syncRound } from './sync-support.js';

let w: SheetsWorld;
const rows: Record<string, number> = {};

beforeAll(async () => {
  w = await sheetsWorld({ tabs: ['Kit'] });
  expect((await w.t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'La Ruche' }) })).status).toBe(201);
  rows.logo = w.fake.appendRow('Kit', { Titre: 'Logo du réseau', Type: 'Logo', Description: 'Le logo en couleurs', Lien: 'https://kit.invalid/logo.svg', Licence: 'CC BY-SA 4.0', Langue: 'fr', Étiquettes: 'logo, identité' });
  rows.pitch = w.fake.appendRow('Kit', { Titre: 'Argumentaire élus', Type: 'pitch', Description: 'Deux pages pour les élus', Licence: 'Licence Ouverte 2.0', Lieu: 'La Ruche' });
  rows.bad = w.fake.appendRow('Kit', { Titre: 'Affiche', Type: 'Poster', Description: 'Affiche A3', Licence: 'CC BY 4.0' });
  await round();
});
afterAll(async () => {
  await w.fake.close();
});

const round = () => syncRound(w);
const cell = (row: string, h: string) => w.fake.cell('Kit', rows[row]!, h);
const asset = async (row: string) => (await w.t.call('GET', `/v1/kit/${cell(row, 'ID')}`)).body;

describe('Kit tab', () => {
  it('rows create assets, Type read in French or as the code; a bad Type is refused naming the column', async () => {
    expect(w.fake.grids.get('Kit')![0]).toEqual([...TAB_HEADERS.Kit]);
    expect(await asset('logo')).toMatchObject({ title: 'Logo du réseau', kind: 'logo', url: 'https://kit.invalid/logo.svg', licence: 'CC BY-SA 4.0', language: 'fr', tags: ['logo', 'identité'] });
    const pitch = await asset('pitch');
    expect(pitch).toMatchObject({ kind: 'pitch', language: 'fr' });
    expect(pitch.placeId).toBeTruthy();
    expect(cell('pitch', 'Statut synchro')).toMatch(/^✓ Créée le/);
    expect(cell('bad', 'Statut synchro')).toBe('✗ Refusée : Colonne « Type » : « Poster » : Modèle, Argumentaire, Logo, Guide, Photo, Vidéo ou Autre attendu');
    expect(cell('bad', 'ID')).toBe('');
  });

  it('an edited row updates the asset; an API change is written back with Type in French', async () => {
    w.fake.setCell('Kit', rows.logo!, 'Description', 'Le logo en couleurs et en noir et blanc');
    const id = cell('pitch', 'ID');
    expect((await w.t.call('PATCH', `/v1/kit/${id}`, { token: ADMIN, body: { kind: 'guide', title: 'Guide pour les élus' } })).status).toBe(200);
    const s = await round();
    expect(s.tabs.find((t: any) => t.tab === 'Kit')).toMatchObject({ updated: 1, written: 1 });
    expect((await asset('logo')).description).toBe('Le logo en couleurs et en noir et blanc');
    expect(cell('pitch', 'Type')).toBe('Guide');
    expect(cell('pitch', 'Titre')).toBe('Guide pour les élus');
  });

  it('deleting the row archives the asset: it leaves the public kit', async () => {
    const id = cell('logo', 'ID');
    w.fake.deleteRow('Kit', rows.logo!);
    const s = await round();
    expect(s.tabs.find((t: any) => t.tab === 'Kit')).toMatchObject({ archived: 1 });
    const list = (await w.t.call('GET', '/v1/kit')).body.items as any[];
    expect(list.map((a) => a.id)).not.toContain(id);
    expect(list).toHaveLength(1);
  });
});
