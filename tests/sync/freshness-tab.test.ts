/**
 * Freshness in the sheet: the API-owned `À vérifier` tab (per place: stale records, signed
 * freshness link, last valid day) and the « À vérifier » mention in `Statut synchro` of stale
 * rows, which disappears once the record is verified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';
import { TAB_HEADERS } from '../../integrations/sheets/columns.js';
import { placeRow, sheetsWorld, type SheetsWorld, syncRound } from './sync-support.js';
import { withMention } from '../../functions/domain/sync/sync-tab.js';

const NOW = '2026-01-10T10:00:00.000Z';
const LATER = '2026-08-01T10:00:00.000Z'; // 203 days on

let w: SheetsWorld;
let moulin: string;
let grangeRow: number;

beforeAll(async () => {
  w = await sheetsWorld({ tabs: ['Lieux', 'À vérifier'], now: NOW });
  moulin = (await w.t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Le Moulin' }) })).body.id;
  grangeRow = w.fake.appendRow('Lieux', placeRow({ Nom: 'La Grange' }));
  await round();
});
afterAll(async () => {
  await w.fake.close();
});

const round = () => syncRound(w);
const tabRow = (lieu: string) => w.fake.table('À vérifier').find((r) => r.Lieu === lieu)!;

describe('À vérifier tab and stale rows', () => {
  it('while everything is fresh: one row per place with 0, no link, no mention', () => {
    expect(w.fake.grids.get('À vérifier')![0]).toEqual([...TAB_HEADERS['À vérifier']]);
    expect(w.fake.table('À vérifier')).toEqual([
      { Lieu: 'La Grange', 'Fiches à vérifier': '0', Lien: '', "Valable jusqu'au": '' },
      { Lieu: 'Le Moulin', 'Fiches à vérifier': '0', Lien: '', "Valable jusqu'au": '' },
    ]);
    expect(w.fake.cell('Lieux', grangeRow, 'Statut synchro')).toBe('✓ Créée le 10/01/2026 11:00');
  });

  it('after 180 days: the count, a signed link that opens the freshness page, and the mention added to the status', async () => {
    w.t.setNow('2026-07-20T10:00:00.000Z');
    expect((await w.t.call('POST', `/v1/places/${moulin}/verify`, { token: ADMIN })).status).toBe(200);
    w.t.setNow(LATER);
    const s = await round();
    expect(s.tabs.find((t: any) => t.tab === 'À vérifier')).toMatchObject({ errors: [] });
    const grange = tabRow('La Grange');
    expect(grange['Fiches à vérifier']).toBe('1');
    expect(tabRow('Le Moulin')).toMatchObject({ 'Fiches à vérifier': '0', Lien: '' });
    const link = new URL(grange.Lien!);
    expect(link.pathname).toMatch(/^\/verifier\//);
    // Valid 20 to 30 days from now, shown as its last day.
    const exp = Number(link.searchParams.get('exp')) * 1000;
    expect(exp - Date.parse(LATER)).toBeGreaterThan(20 * 86_400_000);
    expect(exp - Date.parse(LATER)).toBeLessThanOrEqual(30 * 86_400_000);
    const lastDay = new Date(exp - 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/');
    expect(grange["Valable jusqu'au"]).toBe(lastDay);
    const page = await w.t.app.request(link.pathname + link.search, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('La Grange');
    // The status keeps what it said and gets the mention; the fresh place has none.
    expect(w.fake.cell('Lieux', grangeRow, 'Statut synchro')).toBe('✓ Créée le 10/01/2026 11:00 · À vérifier : jamais vérifiée (créée le 10 janvier 2026)');
    expect(w.fake.cell('Lieux', w.fake.rowOf('Lieux', moulin)!, 'Statut synchro')).not.toContain('À vérifier');
    // A second round writes nothing more (same link, same mention).
    const writes = w.fake.count('write');
    await round();
    expect(w.fake.count('write')).toBe(writes);
  });

  it('confirming the row in the sheet verifies it: the mention disappears and the count drops to 0', async () => {
    w.fake.setCell('Lieux', grangeRow, 'Dernière vérification', 'Oui');
    await round();
    expect(w.fake.cell('Lieux', grangeRow, 'Dernière vérification')).toBe('01/08/2026');
    expect(w.fake.cell('Lieux', grangeRow, 'Statut synchro')).toBe('✓ Créée le 10/01/2026 11:00');
    expect(tabRow('La Grange')).toEqual({ Lieu: 'La Grange', 'Fiches à vérifier': '0', Lien: '', "Valable jusqu'au": '' });
  });
});

describe('the freshness mention in Statut synchro', () => {
  const status = '✓ Créée le 10/01/2026 11:00';
  const mention = 'À vérifier : jamais vérifiée (créée le 10 janvier 2026)';
  it('is added once, replaced, and removed without touching what the status said (non-breaking spaces too)', () => {
    const once = withMention(status, mention);
    expect(once).toBe(`${status} · ${mention}`);
    expect(withMention(withMention(once, mention), mention)).toBe(once);
    expect(withMention(once, undefined)).toBe(status);
    expect(withMention(once.replace(/ /g, '\u00a0'), undefined)).toBe(status.replace(/ /g, '\u00a0'));
    expect(withMention(mention, undefined)).toBe('');
  });
});
