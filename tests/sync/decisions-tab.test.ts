/**
 * The `Décisions` tab, written by the API only: one row per proposal in French words, the
 * stored counts once closed and a signed link to the procès-verbal; votes stay secret while open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/harness.js';
import { TAB_HEADERS } from '../../integrations/sheets/columns.js';
import { sheetsWorld, type SheetsWorld, syncRound } from './sync-support.js';
import { createMembers, createProposal, openProposal, vote, NOW, OBJECTION_TEXT } from '../decisions/decision-setup.js';

let w: SheetsWorld;
let members: { id: string; token: string; name: string }[];
let adopted: string;
let consent: string;
let draft: string;

beforeAll(async () => {
  w = await sheetsWorld({ tabs: ['Lieux', 'Décisions'], now: NOW });
  ({ members } = await createMembers(w.t, 3));
  adopted = await openProposal(w.t, { title: 'Adhésion au réseau régional' });
  consent = await openProposal(w.t, { title: 'Charte d’accueil', rule: 'consent', closesAt: '2026-12-20T18:00:00.000Z' });
  const d = await createProposal(w.t, { title: 'Budget 2027', draft: true });
  expect(d.status).toBe(201);
  draft = d.body.id;
  expect((await vote(w.t, adopted, members[0]!.id, 'yes', members[0]!.token)).status).toBe(200);
  expect((await vote(w.t, adopted, members[1]!.id, 'no', members[1]!.token)).status).toBe(200);
  expect((await vote(w.t, consent, members[2]!.id, 'objection', members[2]!.token, OBJECTION_TEXT)).status).toBe(200);
});
afterAll(async () => {
  await w.fake.close();
});

const round = () => syncRound(w);
const rowOf = (id: string) => w.fake.table('Décisions').find((r) => r.ID === id)!;

describe('Décisions tab', () => {
  it('one row per proposal under the exact headers, in French; an open vote shows only how many voted; drafts stay out', async () => {
    const s = await round();
    expect(s.tabs.find((t: any) => t.tab === 'Décisions')).toMatchObject({ appended: 2, errors: [] });
    expect(w.fake.grids.get('Décisions')![0]).toEqual([...TAB_HEADERS.Décisions]);
    expect(rowOf(adopted)).toEqual({ ID: adopted, Titre: 'Adhésion au réseau régional', Statut: 'Ouverte', Règle: 'majorité simple', Clôture: '08/12/2026 19:00', Résultat: '', Pour: '', Contre: '', Abstentions: '', Objections: '', Votants: '2', Inscrits: '3', 'Procès-verbal': '' });
    expect(rowOf(consent)).toMatchObject({ Statut: 'Ouverte', Règle: 'consentement', Votants: '1', Objections: '' });
    // Every manager reads the sheet; in the API a draft is seen only by the admin and its author.
    expect(w.fake.table('Décisions').find((r) => r.ID === draft)).toBeUndefined();
  });

  it('once closed: result, stored counts and a signed link that opens the printable minutes; a tampered link is refused', async () => {
    expect((await w.t.call('POST', `/v1/proposals/${adopted}/close`, { token: ADMIN })).status).toBe(200);
    w.fake.setCell('Décisions', w.fake.rowOf('Décisions', consent)!, 'Titre', 'édité à la main');
    const s = await round();
    expect(s.tabs.find((t: any) => t.tab === 'Décisions')).toMatchObject({ appended: 0, errors: [] });
    const row = rowOf(adopted);
    expect(row).toMatchObject({ Statut: 'Close', Résultat: 'Rejetée', Pour: '1', Contre: '1', Abstentions: '0', Objections: '0', Votants: '2', Inscrits: '3', Clôture: '01/12/2026 10:00' });
    // Edits in an API-owned tab are overwritten.
    expect(rowOf(consent).Titre).toBe('Charte d’accueil');
    const link = new URL(row['Procès-verbal']!);
    expect(link.pathname).toBe(`/v1/proposals/${adopted}/minutes`);
    expect(link.searchParams.get('sig')).toBeTruthy();
    const page = await w.t.app.request(link.pathname + link.search, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('Adhésion au réseau régional');
    const tampered = new URL(link);
    tampered.searchParams.set('format', 'json');
    expect((await w.t.app.request(tampered.pathname + tampered.search, { headers: { accept: 'text/html' } })).status).toBe(403);
  });

  it('a round with nothing new does not rewrite the tab (the link keeps its expiry)', async () => {
    const before = w.fake.table('Décisions');
    const writes = w.fake.count('write');
    const s = await round();
    expect(s.tabs.find((t: any) => t.tab === 'Décisions')).toBeUndefined();
    expect(w.fake.count('write')).toBe(writes);
    w.t.setNow('2026-12-02T09:00:00.000Z'); // the next day: read again, nothing to write
    const later = await round();
    expect(later.tabs.find((t: any) => t.tab === 'Décisions')).toMatchObject({ written: 0, appended: 0 });
    expect(w.fake.table('Décisions')).toEqual(before);
  });
});
