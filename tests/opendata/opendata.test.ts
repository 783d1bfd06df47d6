import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';
import { CONTRACT_DIR, SCHEMA_DIR, parseCsv, readSchema, validateCsv } from './table-schema.js';
import { demoPlaces } from '../../scripts/seed/demo-data.js';
import { demoLegalId } from '../../scripts/seed/demo-opendata.js';
import { buildMediationDataset, mediationCsv } from '../../functions/domain/opendata/mediation-numerique.js';
import { PlaceSchema, type Place } from '../../schemas/place.js';
import { isValidSiret } from '../../schemas/legal-id.js';

const schema = readSchema();

describe('the table schema check used below', () => {
  it('accepts the standard’s own valid example and refuses a row that breaks a pattern or misses a required field', () => {
    const example = readFileSync(new URL('lieux-mediation-numerique.exemple-valide.csv', SCHEMA_DIR), 'utf8');
    const rows = parseCsv(example);
    const broken = rows.map((r, i) => (i === 1 ? r.map((v, j) => (j === 4 ? '2400' : j === 2 ? '' : v)) : r));
    const brokenCsv = broken.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\n');

    expect(validateCsv(schema, example)).toEqual([]);
    expect(validateCsv(schema, brokenCsv)).toEqual(['ligne 2, nom : obligatoire', expect.stringContaining('ligne 2, code_postal : « 2400 » ne respecte pas le motif')]);
  });

  it.skipIf(!existsSync(CONTRACT_DIR))('keeps the copied schema identical to the shared contract', () => {
    for (const f of ['lieux-mediation-numerique.schema.json', 'lieux-mediation-numerique.exemple-valide.csv']) {
      expect(readFileSync(new URL(f, SCHEMA_DIR), 'utf8'), f).toBe(readFileSync(new URL(f, CONTRACT_DIR), 'utf8'));
    }
  });
});

describe('the demo places in the national file', () => {
  const now = '2026-11-20T10:00:00.000Z';
  const places: Place[] = demoPlaces.map(({ key, verifiedDaysAgo, ...input }, i) =>
    PlaceSchema.parse({ tags: [], membership: 'member', ...input, ...demoLegalId(key), id: `demo${i}`, createdAt: now, updatedAt: now, version: 1, ...(verifiedDaysAgo !== undefined ? { verifiedAt: now } : {}) }),
  );
  const { rows, excluded } = buildMediationDataset(places);

  it('gives most demo places a legal id, every one of them valid', () => {
    const ids = demoPlaces.map((p) => demoLegalId(p.key).legalId).filter(Boolean) as string[];
    expect(ids.length).toBeGreaterThanOrEqual(Math.ceil(demoPlaces.length * 0.75));
    for (const id of ids) expect(/^W\d{9}$/.test(id) || isValidSiret(id), id).toBe(true);
  });

  it('validates row by row against the schema file', () => {
    expect(rows.length).toBeGreaterThan(5);
    expect(validateCsv(schema, mediationCsv(rows))).toEqual([]);
  });

  it('derives the right INSEE codes for the demo communes', () => {
    const code = (commune: string) => rows.find((r) => r.commune === commune)?.code_insee;
    expect(code('Périgueux')).toBe('24322');
    expect(code('Bergerac')).toBe('24037');
    expect(code('Sarlat-la-Canéda')).toBe('24520');
  });

  it('leaves out the places without SIRET or RNA and the non-members, saying why', () => {
    expect(excluded.length).toBeGreaterThan(0);
    for (const e of excluded) expect(e.reasons).toContain('numéro SIRET ou RNA (legalId) manquant');
    const published = new Set(rows.map((r) => r.id));
    for (const p of places.filter((x) => x.membership !== 'member')) expect(published.has(p.id), p.name).toBe(false);
  });
});

describe('open data through the API', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });

  it('refuses a SIRET whose check key is wrong, and anything that is neither SIRET nor RNA', async () => {
    const bad = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ legalId: '84120003378979' }) });
    const rna = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ legalId: 'X12345' }) });

    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'legalId', message: expect.stringMatching(/clé de contrôle/) }]);
    expect(rna.body.errors).toEqual([{ path: 'legalId', message: expect.stringMatching(/SIRET \(14 chiffres\) ou un numéro RNA/) }]);
  });

  it('refuses a postcode and commune that do not exist together, in French, naming the communes of that postcode', async () => {
    const wrongPair = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ address: { street: '1 rue', postcode: '24000', commune: 'Bergerac' } }) });
    const noPostcode = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ address: { street: '1 rue', postcode: '24999', commune: 'Bergerac' } }) });

    expect(wrongPair.status).toBe(400);
    expect(wrongPair.headers.get('content-type')).toMatch(/problem\+json/);
    expect(wrongPair.body.errors).toEqual([{ path: 'address.commune', message: 'la commune « Bergerac » n’a pas le code postal 24000 (communes de ce code postal : Périgueux)' }]);
    expect(noPostcode.body.errors).toEqual([{ path: 'address.postcode', message: 'le code postal 24999 n’existe pas' }]);
  });

  it('accepts the commune written without accents or hyphens and publishes it under its official name', async () => {
    const created = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Le Cantou Test', legalId: '88274498296140', address: { street: '9 rue de la Boétie', postcode: '24200', commune: 'sarlat la caneda' }, phone: '05 53 59 00 00', tags: ['fablab'] }) });
    const moved = await t.call('PATCH', `/v1/places/${created.body.id}`, { token: ADMIN, body: { address: { street: '9 rue', postcode: '24100', commune: 'Sarlat-la-Canéda' } } });
    const csv = await t.call('GET', '/v1/opendata/lieux-mediation-numerique.csv');
    const [header, row] = parseCsv(csv.text);
    const cell = (name: string) => row![header!.indexOf(name)];

    expect(created.status).toBe(201);
    expect(moved.status).toBe(400);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(validateCsv(schema, csv.text)).toEqual([]);
    expect([cell('commune'), cell('code_insee'), cell('typologie'), cell('telephone'), cell('pivot')]).toEqual(['Sarlat-la-Canéda', '24520', 'TIERS_LIEUX|FABLAB', '+33553590000', '88274498296140']);
  });

  it('lists in the report the member places left out of the file, with the reason', async () => {
    const noId = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Sans SIRET' }) });
    const report = await t.call('GET', '/v1/opendata/report');

    expect(report.status).toBe(200);
    expect(report.body.datasets[0]).toMatchObject({ file: 'lieux-mediation-numerique.csv', published: 1, excluded: [{ placeId: noId.body.id, name: 'Sans SIRET', reasons: ['numéro SIRET ou RNA (legalId) manquant'] }] });
  });
});

describe('the open data page', () => {
  it('describes the dataset in French: licence, every field of the standard, update frequency, links', async () => {
    const t = await createTestContext();
    const page = await t.call('GET', '/v1/opendata');

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.text).toContain('Licence Ouverte');
    expect(page.text).toContain('href="/v1/opendata/lieux-mediation-numerique.csv"');
    expect(page.text).toContain('Mise à jour');
    for (const f of readSchema().fields) expect(page.text).toContain(`<code>${f.name}</code>`);
  });
});
