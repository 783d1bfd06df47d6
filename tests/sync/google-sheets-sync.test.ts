import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/harness.js';
import { personInput } from '../support/fixtures.js';
import { sheetsWorld, placeRow, HOOK_SECRET, type SheetsWorld } from './sync-support.js';
import { signSheetsCall } from '../../functions/sync/sync-service.js';
import { signServiceAccountJwt, readServiceAccount } from '../../integrations/google-sheets/service-account.js';
import { generateKeyPairSync } from 'node:crypto';

let w: SheetsWorld;
beforeAll(async () => {
  w = await sheetsWorld();
});
afterAll(async () => {
  await w.fake.close();
});

const sync = async () => {
  const r = await w.t.call('POST', '/v1/sync/sheets', { token: ADMIN });
  expect(r.status).toBe(200);
  return r.body;
};
const tab = (s: any, name: string) => s.tabs.find((x: any) => x.tab === name);

function signed(body: object, at = Math.floor(Date.now() / 1000)) {
  const raw = JSON.stringify(body);
  return { rawBody: raw, headers: { 'content-type': 'application/json', 'x-sheets-timestamp': String(at), 'x-sheets-signature': signSheetsCall(raw, String(at), HOOK_SECRET) } };
}

describe('two-way sync with Google Sheets', () => {
  it('reads all tabs in one request and writes back IDs in one batch per tab', async () => {
    w.fake.appendRow('Lieux', placeRow({ Nom: 'Le Moulin', 'Code postal': '24600', Commune: 'Ribérac' }));
    w.fake.appendRow('Lieux', placeRow({ Nom: 'La Forge', 'Code postal': '24100', Commune: 'Bergerac', Latitude: '44,85', Longitude: '0,48' }));
    w.fake.appendRow('Personnes', { 'Nom affiché': 'Camille', "Lieu d'attache": 'Le Moulin', Compétences: 'menuiserie; soudure', 'Profil public': 'Oui' });
    const reads = w.fake.count('read');
    const writes = w.fake.count('write');
    const s = await sync();
    expect(s.totals.created).toBe(3);
    // One batchGet for every tab and the sheet ids (first metadata use); no re-read: rows are written through their metadata.
    expect(w.fake.count('read') - reads).toBe(2);
    // New rows tagged with metadata (1); Lieux and Personnes: one batchUpdateByDataFilter each, then their rows given
    // their record's metadata (4); Relevés and À vérifier: one append each (2).
    expect(w.fake.count('write') - writes).toBe(7);
    const forgeId = w.fake.cell('Lieux', 3, 'ID');
    const forge = (await w.t.call('GET', `/v1/places/${forgeId}`)).body;
    expect(forge.location).toEqual({ lat: 44.85, lon: 0.48 });
    const person = (await w.t.call('GET', `/v1/people/${w.fake.cell('Personnes', 2, 'ID')}`, { token: ADMIN })).body;
    expect(person.skills.map((k: any) => k.name)).toEqual(['menuiserie', 'soudure']);
    expect(person.homePlaceId).toBe(w.fake.cell('Lieux', 2, 'ID'));
  });

  it('ragged rows (trailing cells omitted) read as empty cells, and an unchanged sheet costs one read', async () => {
    const before = w.fake.count();
    const s = await sync();
    expect(s.totals).toMatchObject({ created: 0, updated: 0, written: 0, appended: 0, refused: 0 });
    expect(w.fake.count() - before).toBe(1);
  });

  it('an ambiguous place name refuses the row and says why', async () => {
    w.fake.appendRow('Lieux', placeRow({ Nom: 'Le Moulin', 'Code postal': '24300', Commune: 'Nontron' }));
    await sync();
    const row = w.fake.appendRow('Personnes', { 'Nom affiché': 'Dominique', "Lieu d'attache": 'le moulin' });
    const s = await sync();
    expect(tab(s, 'Personnes').refused).toBe(1);
    expect(w.fake.cell('Personnes', row, 'Statut synchro')).toMatch(/Colonne « Lieu d'attache » : nom ambigu « le moulin » : 2 lieux/);
    expect(w.fake.cell('Personnes', row, 'ID')).toBe('');
  });

  it('API-side people are appended; a deleted row archives; stale rows show « À vérifier »', async () => {
    const moulin = w.fake.cell('Lieux', 2, 'ID');
    const p = await w.t.call('POST', '/v1/people', { token: ADMIN, body: personInput(moulin, { displayName: 'Sacha' }) });
    await sync();
    const row = w.fake.rowOf('Personnes', p.body.id)!;
    expect(w.fake.cell('Personnes', row, 'Nom affiché')).toBe('Sacha');
    expect(w.fake.cell('Personnes', row, 'Dernière vérification')).toBe('Non vérifiée');
    w.t.setNow(new Date(Date.now() + 200 * 86_400_000));
    await sync();
    expect(w.fake.cell('Personnes', row, 'Dernière vérification')).toBe('À vérifier (jamais vérifiée)');
    // A manager confirms the row by typing « Oui »: the record is verified, the cell shows the day.
    w.fake.setCell('Personnes', row, 'Dernière vérification', 'Oui');
    await sync();
    expect((await w.t.call('GET', `/v1/people/${p.body.id}`, { token: ADMIN })).body.verifiedAt).toBeTruthy();
    expect(w.fake.cell('Personnes', row, 'Dernière vérification')).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    w.t.setNow(new Date());
    w.fake.deleteRow('Personnes', row);
    const s = await sync();
    expect(tab(s, 'Personnes').archived).toBe(1);
    expect((await w.t.call('GET', `/v1/people/${p.body.id}`, { token: ADMIN })).body.archivedAt).toBeTruthy();
  });

  it('the Apps Script call is verified (signature, freshness) and runs a round', async () => {
    const row = w.fake.rowOf('Lieux', w.fake.cell('Lieux', 3, 'ID'))!;
    w.fake.setCell('Lieux', row, 'Description', 'Forge associative');
    const ok = await w.t.call('POST', '/v1/hooks/sheets', signed({ spreadsheetId: w.fake.spreadsheetId, reason: 'edit', sheet: 'Lieux', firstRow: row, lastRow: row, editedAt: new Date().toISOString() }));
    expect(ok.status).toBe(200);
    expect(ok.body.totals.updated).toBe(1);
    const bad = signed({ spreadsheetId: w.fake.spreadsheetId, reason: 'menu' });
    bad.headers['x-sheets-signature'] = 'sha256=' + '0'.repeat(64);
    expect((await w.t.call('POST', '/v1/hooks/sheets', bad)).status).toBe(401);
    const old = signed({ spreadsheetId: w.fake.spreadsheetId, reason: 'menu' }, Math.floor(Date.now() / 1000) - 3600);
    expect((await w.t.call('POST', '/v1/hooks/sheets', old)).status).toBe(401);
    const other = await w.t.call('POST', '/v1/hooks/sheets', signed({ spreadsheetId: 'another-spreadsheet-id', reason: 'menu' }));
    expect(other.status).toBe(422);
  });

  it('a dry run reports what it would do and changes nothing', async () => {
    w.fake.appendRow('Lieux', placeRow({ Nom: 'Essai', 'Code postal': '24000', Commune: 'Périgueux' }));
    const before = JSON.stringify(w.fake.grids.get('Lieux'));
    const r = await w.t.call('POST', '/v1/sync/sheets?dryRun=true', { token: ADMIN });
    expect(r.body).toMatchObject({ dryRun: true, totals: { created: 1 } });
    expect(JSON.stringify(w.fake.grids.get('Lieux'))).toBe(before);
  });
});

describe('service-account token endpoint of the fake', () => {
  it('accepts a JWT signed with the service account key and refuses one signed with another key', async () => {
    const sa = readServiceAccount(w.fake.serviceAccountJson);
    const now = Math.floor(Date.now() / 1000);
    const post = (assertion: string) => fetch(w.fake.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString() });
    const good = await post(signServiceAccountJwt(sa, w.fake.tokenUrl, now));
    expect(good.status).toBe(200);
    expect((await good.json()).expires_in).toBe(3599);
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const forged = await post(signServiceAccountJwt({ ...sa, private_key: otherKey }, w.fake.tokenUrl, now));
    expect(forged.status).toBe(400);
    expect(w.fake.lastTokenError).toBe('Invalid JWT Signature.');
    const wrongAud = await post(signServiceAccountJwt(sa, 'https://example.invalid/token', now));
    expect(wrongAud.status).toBe(400);
  });

  it('the client caches its token across rounds', async () => {
    const issued = w.fake.tokensIssued;
    await sync();
    await sync();
    expect(w.fake.tokensIssued).toBe(issued);
  });
});
