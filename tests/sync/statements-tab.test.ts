/**
 * The `Relevés` tab, written by the API only: per place, the month's balance and the signed
 * link to its statement, for the last complete month and the current one. Exact headers;
 * only changed cells rewritten; not read at all while nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/harness.js';
import { TAB_HEADERS, TAB_NAMES } from '../../integrations/sheets/columns.js';
import { airtableWorld, sheetsWorld, type AirtableWorld, type SheetsWorld } from './sync-support.js';
import { createPerson, createPlace, postVisit } from '../mobility/mobility-setup.js';

const NOW = '2026-12-15T10:00:00Z';
const open = { acceptsVisitors: true, dailyVisitorCapacity: 5, preferentialDayRateCents: 900 };

describe('Relevés tab (Airtable)', () => {
  let w: AirtableWorld;
  let gabare: string;
  let cantou: string;
  beforeAll(async () => {
    w = await airtableWorld({ tables: [...TAB_NAMES, 'Relevés'], now: NOW });
    cantou = await createPlace(w.t, { name: 'Le Cantou' });
    gabare = await createPlace(w.t, { name: 'La Gabare', mobility: open });
    const agnes = await createPerson(w.t, cantou, 'Agnès Martin');
    expect((await postVisit(w.t, { personId: agnes, hostPlaceId: gabare, date: '2026-11-20', scheme: 'retrocession' })).status).toBe(201);
  });
  afterAll(async () => {
    await w.fake.close();
  });
  const sync = async () => {
    const r = await w.t.call('POST', '/v1/sync/airtable', { token: ADMIN });
    expect(r.status).toBe(200);
    return r.body;
  };
  const releves = () => w.fake.records('Relevés').map((r) => r.fields as Record<string, string>);

  it('one row per place and month with its balance and a signed link that opens its statement', async () => {
    const s = await sync();
    expect(s.tabs.find((x: any) => x.tab === 'Relevés')).toMatchObject({ appended: 4, errors: [] });
    const rows = releves();
    expect(rows.map((r) => [r.Mois, r.Lieu, r.Solde])).toEqual([
      ['novembre 2026', 'La Gabare', '10,00'],
      ['novembre 2026', 'Le Cantou', '-10,00'],
      ['décembre 2026', 'La Gabare', '0,00'],
      ['décembre 2026', 'Le Cantou', '0,00'],
    ]);
    for (const r of rows) expect(Object.keys(r).sort()).toEqual([...TAB_HEADERS.Relevés].sort());
    const link = new URL(rows[0]!.Lien!);
    expect(link.pathname).toBe(`/v1/statements/2026-11/${gabare}`);
    const page = await w.t.app.request(link.pathname + link.search, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Relevé mobilité — La Gabare — novembre 2026');
  });

  it('a round with nothing new does not even read the tab; a new visit rewrites only the cells that changed', async () => {
    const before = w.fake.count();
    const quiet = await sync();
    expect(quiet.tabs.find((x: any) => x.tab === 'Relevés')).toBeUndefined();
    expect(w.fake.count() - before).toBe(quiet.tabs.length);
    const person = await createPerson(w.t, cantou, 'Hugo Laval');
    expect((await postVisit(w.t, { personId: person, hostPlaceId: gabare, date: '2026-12-03', scheme: 'retrocession' })).status).toBe(201);
    const links = releves().map((r) => r.Lien);
    const s = await sync();
    expect(s.tabs.find((x: any) => x.tab === 'Relevés')).toMatchObject({ written: 2, appended: 0 });
    expect(releves().map((r) => [r.Mois, r.Lieu, r.Solde])).toContainEqual(['décembre 2026', 'La Gabare', '10,00']);
    expect(releves().map((r) => r.Lien)).toEqual(links);
  });

  it('a row someone deleted is written again once the content changes', async () => {
    const id = w.fake.records('Relevés')[0]!.id;
    w.fake.userDelete('Relevés', id);
    expect((await w.t.call('PATCH', `/v1/places/${gabare}`, { token: ADMIN, body: { name: 'La Gabare d’Eymet' } })).status).toBe(200);
    const s = await sync();
    expect(s.tabs.find((x: any) => x.tab === 'Relevés')).toMatchObject({ appended: 2 });
    expect(releves().filter((r) => r.Lieu === 'La Gabare d’Eymet')).toHaveLength(2);
  });
});

describe('Relevés tab (Google Sheets)', () => {
  let w: SheetsWorld;
  beforeAll(async () => {
    w = await sheetsWorld({ tabs: ['Lieux', 'Ressources', 'Personnes', 'Événements', 'Passages', 'Relevés'], now: NOW });
    await createPlace(w.t, { name: 'La Cale' });
  });
  afterAll(async () => {
    await w.fake.close();
  });

  it('fills the tab under its exact headers; a sheet without the tab is left alone', async () => {
    expect((await w.t.call('POST', '/v1/sync/sheets', { token: ADMIN })).status).toBe(200);
    expect(w.fake.grids.get('Relevés')![0]).toEqual(['Mois', 'Lieu', 'Solde', 'Lien']);
    expect(w.fake.table('Relevés').map((r) => [r.Mois, r.Lieu, r.Solde])).toEqual([
      ['novembre 2026', 'La Cale', '0,00'],
      ['décembre 2026', 'La Cale', '0,00'],
    ]);
    const other = await sheetsWorld({ tabs: ['Lieux', 'Ressources', 'Personnes', 'Événements', 'Passages'], now: NOW });
    await createPlace(other.t, { name: 'La Cale' });
    const r = await other.t.call('POST', '/v1/sync/sheets', { token: ADMIN });
    expect(r.status).toBe(200);
    expect(r.body.tabs.map((x: any) => x.tab)).not.toContain('Relevés');
    expect(other.fake.grids.has('Relevés')).toBe(false);
    await other.fake.close();
  });
});
