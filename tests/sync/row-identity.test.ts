/**
 * Issue 10, « a sheet row keeps its identity » (Google Sheets): between the read and the
 * write-back of a round, a manager sorts the tab and inserts rows. IDs, statuses and
 * API-side changes must land on their own rows — found by `ID`, or by the developer metadata
 * the read attached to a row without ID — never on whatever row now has the old number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';
import { placeRow, sheetsWorld, type SheetsWorld } from './sync-support.js';
import { RECORD_TAG_KEY, ROW_TAG_KEY } from '../../integrations/google-sheets/sheets-provider.js';

let w: SheetsWorld;

beforeAll(async () => {
  w = await sheetsWorld({ tabs: ['Lieux'] });
  // Two places already synced (rows with IDs), changed in the API so the round writes to their rows.
  for (const name of ['Le Moulin', 'La Forge']) expect((await w.t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name }) })).status).toBe(201);
  expect((await w.t.call('POST', '/v1/sync/sheets', { token: ADMIN })).status).toBe(200);
});
afterAll(async () => {
  await w.fake.close();
});

/** Runs a round; while it is between its read and its first write, `meddle` changes the sheet like a person would. */
async function roundWithMeddling(meddle: () => void) {
  let done = false;
  const tags = () => w.fake.grids.get('Lieux')!.map((_, i) => w.fake.rowMetadata('Lieux', i + 1)[ROW_TAG_KEY]).filter(Boolean);
  const earlier = new Set(tags());
  const t = setInterval(() => {
    // The read is over once the new rows carry this round's metadata (written right after the read).
    if (!done && tags().some((tag) => !earlier.has(tag))) {
      done = true;
      meddle();
    }
  }, 10);
  try {
    const r = await w.t.call('POST', '/v1/sync/sheets', { token: ADMIN });
    expect(r.status).toBe(200);
    expect(done, 'the sheet was changed during the round').toBe(true);
    return r.body;
  } finally {
    clearInterval(t);
  }
}

/** Requests made by one round (this spreadsheet has only Lieux: the failed batchGet is followed by one read per tab). */
async function roundCost() {
  const before = { read: w.fake.count('read'), write: w.fake.count('write') };
  expect((await w.t.call('POST', '/v1/sync/sheets', { token: ADMIN })).status).toBe(200);
  return { read: w.fake.count('read') - before.read, write: w.fake.count('write') - before.write };
}

describe('a sheet row keeps its identity', () => {
  it('sorted and with rows inserted between the read and the write-back: nothing lands on the wrong row, nothing is lost', async () => {
    const moulinId = w.fake.table('Lieux').find((r) => r.Nom === 'Le Moulin')!.ID!;
    const forgeId = w.fake.table('Lieux').find((r) => r.Nom === 'La Forge')!.ID!;
    const moulinDescription = w.fake.table('Lieux').find((r) => r.Nom === 'Le Moulin')!.Description;
    expect((await w.t.call('PATCH', `/v1/places/${forgeId}`, { token: ADMIN, body: { description: 'Forge associative' } })).status).toBe(200);
    // New rows without ID, appended after the synced ones.
    w.fake.appendRow('Lieux', placeRow({ Nom: 'Zèbre Café', 'Code postal': '24000', Commune: 'Périgueux' }));
    w.fake.appendRow('Lieux', placeRow({ Nom: 'Atelier Brico', 'Code postal': '24100', Commune: 'Bergerac' }));
    w.fake.appendRow('Lieux', placeRow({ Nom: 'Sans code', 'Code postal': '' }));
    await roundWithMeddling(() => {
      w.fake.sortRows('Lieux', 'Nom', true); // Zèbre, Sans code, Le Moulin, La Forge, Atelier
      w.fake.insertRow('Lieux', 2, { Nom: 'Ligne insérée', Description: 'en cours de saisie' });
      w.fake.insertRow('Lieux', 5, {});
    });
    const rows = w.fake.table('Lieux');
    const byName = new Map(rows.map((r) => [r.Nom, r]));
    expect(rows).toHaveLength(6);
    // Each new row got its own place's ID and status.
    for (const name of ['Zèbre Café', 'Atelier Brico']) {
      const row = byName.get(name)!;
      expect(row.ID, name).toBeTruthy();
      const place = (await w.t.call('GET', `/v1/places/${row.ID}`)).body;
      expect(place.name, name).toBe(name);
      expect(row['Statut synchro'], name).toMatch(/^✓ Créée le/);
    }
    // The refused row got its own reason, and no ID.
    expect(byName.get('Sans code')).toMatchObject({ ID: '' });
    expect(byName.get('Sans code')!['Statut synchro']).toMatch(/^✗ Refusée : Colonne « Code postal »/);
    // The API-side change landed on La Forge's row only.
    expect(byName.get('La Forge')).toMatchObject({ ID: forgeId, Description: 'Forge associative' });
    expect(byName.get('Le Moulin')).toMatchObject({ ID: moulinId, Description: moulinDescription });
    // The rows inserted by the manager were left alone.
    expect(byName.get('Ligne insérée')).toMatchObject({ ID: '', Description: 'en cours de saisie', 'Statut synchro': '' });
    // Nothing lost, nothing created twice: the next round creates the inserted row only.
    const places = (await w.t.call('GET', '/v1/places?limit=100')).body.items.map((p: any) => p.name).sort();
    expect(places).toEqual(['Atelier Brico', 'La Forge', 'Le Moulin', 'Zèbre Café']);
  });

  it('rows edited in the sheet and in the API cost one read and one write, each row written through its metadata', async () => {
    const row = (name: string) => w.fake.rowOf('Lieux', w.fake.table('Lieux').find((r) => r.Nom === name)!.ID!)!;
    const forgeId = w.fake.table('Lieux').find((r) => r.Nom === 'La Forge')!.ID!;
    expect(w.fake.rowMetadata('Lieux', row('La Forge'))[RECORD_TAG_KEY]).toBe(forgeId);
    // Rows without ID are tagged at every round: leave none, so that an idle round writes nothing.
    for (let r = w.fake.grids.get('Lieux')!.length; r >= 2; r--) if (!w.fake.cell('Lieux', r, 'ID')) w.fake.deleteRow('Lieux', r);
    const idle = await roundCost();
    expect(idle.write).toBe(0);
    w.fake.setCell('Lieux', row('Le Moulin'), 'Description', 'Moulin restauré');
    expect((await w.t.call('PATCH', `/v1/places/${forgeId}`, { token: ADMIN, body: { description: 'Forge et fonderie' } })).status).toBe(200);
    let sorted = false;
    w.fake.beforeNextWrite(() => {
      w.fake.sortRows('Lieux', 'Nom');
      w.fake.insertRow('Lieux', 2, {});
      sorted = true;
    });
    // Nothing more than an idle round's reads (no re-read), and one write.
    expect(await roundCost()).toEqual({ read: idle.read, write: 1 });
    expect(sorted, 'the sheet was sorted between the read and the write').toBe(true);
    const byName = new Map(w.fake.table('Lieux').map((r) => [r.Nom, r]));
    expect(byName.get('La Forge')).toMatchObject({ ID: forgeId, Description: 'Forge et fonderie' });
    expect(byName.get('Le Moulin')!['Statut synchro']).toMatch(/^✓ Enregistrée le/);
    const moulin = (await w.t.call('GET', `/v1/places/${byName.get('Le Moulin')!.ID}`)).body;
    expect(moulin.description).toBe('Moulin restauré');
  });

  it('a synced row without metadata (synced before rows carried it) is found by its ID in a re-read, once, then given its metadata', async () => {
    const row = (name: string) => w.fake.rowOf('Lieux', w.fake.table('Lieux').find((r) => r.Nom === name)!.ID!)!;
    const forgeId = w.fake.table('Lieux').find((r) => r.Nom === 'La Forge')!.ID!;
    w.fake.forgetRowMetadata('Lieux', row('La Forge'));
    const idle = await roundCost();
    expect(idle.write).toBe(0);
    expect((await w.t.call('PATCH', `/v1/places/${forgeId}`, { token: ADMIN, body: { description: 'Forge, sans métadonnée' } })).status).toBe(200);
    // The re-read of Lieux (the sheet ids are read anyway here: this spreadsheet lacks tabs); the write
    // through metadata that found no row, the write by the row found, and the metadata attached.
    expect(await roundCost()).toEqual({ read: idle.read + 1, write: 3 });
    expect(w.fake.table('Lieux').find((r) => r.Nom === 'La Forge')).toMatchObject({ ID: forgeId, Description: 'Forge, sans métadonnée' });
    expect(w.fake.rowMetadata('Lieux', row('La Forge'))[RECORD_TAG_KEY]).toBe(forgeId);
    expect((await w.t.call('PATCH', `/v1/places/${forgeId}`, { token: ADMIN, body: { description: 'Forge retrouvée' } })).status).toBe(200);
    expect(await roundCost()).toEqual({ read: idle.read, write: 1 });
    expect(w.fake.table('Lieux').find((r) => r.Nom === 'La Forge')).toMatchObject({ ID: forgeId, Description: 'Forge retrouvée' });
  });

  it('a row deleted before its write-back is not written over another row; the next round gives it back its row, once', async () => {
    const before = w.fake.table('Lieux');
    const row = w.fake.appendRow('Lieux', placeRow({ Nom: 'La Cale', 'Code postal': '24200', Commune: 'Sarlat-la-Canéda' }));
    await roundWithMeddling(() => w.fake.deleteRow('Lieux', row));
    // Created in the API, but its row is gone: the synced rows are exactly as they were.
    const synced = (rows: Record<string, string>[]) => rows.filter((r) => r.ID && r.Nom !== 'Ligne insérée').sort((a, b) => a.ID!.localeCompare(b.ID!));
    expect(synced(w.fake.table('Lieux'))).toEqual(synced(before));
    const next = await w.t.call('POST', '/v1/sync/sheets', { token: ADMIN });
    expect(next.status).toBe(200);
    const cale = w.fake.table('Lieux').filter((r) => r.Nom === 'La Cale');
    expect(cale, JSON.stringify(next.body.tabs)).toHaveLength(1);
    expect((await w.t.call('GET', `/v1/places/${cale[0]!.ID}`)).body.name).toBe('La Cale');
  });
});
