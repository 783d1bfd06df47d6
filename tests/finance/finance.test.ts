import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';
import { euros } from '../../functions/domain/text/fr.js';

let t: TestContext;
let a: string;
let b: string;
let c: string;
let manager: string;
const YEAR = '2026';

const admin = (method: string, path: string, body?: unknown) => t.call(method, path, { token: ADMIN, body });
const balanceOf = async (account: string, from = `${YEAR}-01-01`, to = `${YEAR}-12-31`) =>
  ((await admin('GET', `/v1/ledger/balances?from=${from}&to=${to}`)).body.accounts.find((x: { account: string }) => x.account === account)?.balanceCents ?? 0) as number;
const membershipEntries = async (placeId: string) =>
  (await admin('GET', `/v1/ledger/entries?account=place:${placeId}`)).body.items.filter((e: { kind: string }) => e.kind === 'membership');

beforeAll(async () => {
  t = await createTestContext({ now: '2026-11-20T10:00:00Z' });
  a = (await admin('POST', '/v1/places', placeInput({ name: 'Alpha' }))).body.id;
  b = (await admin('POST', '/v1/places', placeInput({ name: 'Bêta' }))).body.id;
  c = (await admin('POST', '/v1/places', placeInput({ name: 'Candidat', membership: 'candidate' }))).body.id;
  manager = (await admin('POST', '/v1/tokens', { role: 'manager', placeId: a })).body.token;
});

describe('memberships', () => {
  it('posts one place → network entry per member place, once, however many times it runs', async () => {
    const first = await admin('PUT', `/v1/finance/memberships/${YEAR}`, { defaultFeeCents: 15000, fees: { [b]: 30000 }, dueOn: `${YEAR}-03-31` });
    const again = await admin('PUT', `/v1/finance/memberships/${YEAR}`, { defaultFeeCents: 15000, fees: { [b]: 30000 }, dueOn: `${YEAR}-03-31` });

    expect(first.status).toBe(200);
    expect(first.body.posted.map((p: { placeId: string; amountCents: number }) => [p.placeId, p.amountCents]).sort()).toEqual([[a, 15000], [b, 30000]].sort());
    expect(again.body).toMatchObject({ posted: [], unchanged: 2 });
    expect(await membershipEntries(a)).toHaveLength(1);
    expect((await membershipEntries(c)).length).toBe(0);
    expect(await balanceOf(`place:${a}`)).toBe(-15000);
  });

  it('a changed fee posts only the difference, up or down', async () => {
    const up = await admin('PUT', `/v1/finance/memberships/${YEAR}`, { defaultFeeCents: 18000, fees: { [b]: 25000 }, dueOn: `${YEAR}-03-31` });

    expect(up.body.posted.map((p: { placeId: string; amountCents: number }) => [p.placeId, p.amountCents]).sort()).toEqual([[a, 3000], [b, -5000]].sort());
    expect(await balanceOf(`place:${a}`)).toBe(-18000);
    expect(await balanceOf(`place:${b}`)).toBe(-25000);
  });

  it('refuses a fee for a place that is not a member, a due day outside the year, and anyone but the admin', async () => {
    const stranger = await admin('PUT', `/v1/finance/memberships/${YEAR}`, { defaultFeeCents: 18000, fees: { [c]: 100 }, dueOn: `${YEAR}-03-31` });
    const wrongYear = await admin('PUT', `/v1/finance/memberships/${YEAR}`, { defaultFeeCents: 18000, dueOn: '2025-03-31' });
    const byManager = await t.call('PUT', `/v1/finance/memberships/${YEAR}`, { token: manager, body: { defaultFeeCents: 1, dueOn: `${YEAR}-03-31` } });
    const anonymous = await t.call('GET', `/v1/finance/memberships/${YEAR}`);
    const badYear = await admin('GET', '/v1/finance/memberships/20x6');

    expect(stranger.status).toBe(422);
    expect(stranger.body.errors).toEqual([{ path: `fees.${c}`, message: 'lieu inconnu, archivé ou non membre' }]);
    expect(wrongYear.status).toBe(422);
    expect(byManager.status).toBe(403);
    expect(anonymous.status).toBe(401);
    expect(badYear.status).toBe(400);
  });
});

describe('payments', () => {
  it('clear the balances they pay, and show who paid the membership', async () => {
    const paid = await admin('POST', '/v1/finance/payments', { from: `place:${a}`, to: 'network', amountCents: 18000, date: `${YEAR}-04-10`, reference: 'VIR-2026-0042' });
    await admin('POST', '/v1/finance/payments', { from: `place:${b}`, to: 'network', amountCents: 10000, date: `${YEAR}-05-02`, reference: 'CHQ 1234567' });
    const list = await admin('GET', `/v1/finance/memberships/${YEAR}`);

    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ kind: 'payment', postings: [{ from: 'network', to: `place:${a}`, amountCents: 18000 }] });
    expect(await balanceOf(`place:${a}`)).toBe(0);
    expect(await balanceOf(`place:${b}`)).toBe(-15000);
    expect(list.body.items.map((m: { name: string; status: string; dueCents: number }) => [m.name, m.status, m.dueCents])).toEqual([['Alpha', 'paid', 0], ['Bêta', 'partial', 15000]]);
    expect(list.body.totals).toEqual({ feeCents: 43000, paidCents: 28000, dueCents: 15000 });
  });

  it('refuses an unknown account and a payment to oneself', async () => {
    const unknown = await admin('POST', '/v1/finance/payments', { from: 'place:NOPE', to: 'network', amountCents: 100, date: `${YEAR}-04-10`, reference: 'x' });
    const self = await admin('POST', '/v1/finance/payments', { from: 'network', to: 'network', amountCents: 100, date: `${YEAR}-04-10`, reference: 'x' });

    expect(unknown.status).toBe(404);
    expect(self.status).toBe(400);
    expect(self.body.errors).toEqual([{ path: 'to', message: 'le payeur et le bénéficiaire doivent être différents' }]);
  });
});

describe('budget lines and grants', () => {
  it('needs a funder and a status for a grant, and refuses grant fields elsewhere', async () => {
    const noFunder = await admin('POST', '/v1/finance/lines', { direction: 'income', category: 'grant', date: `${YEAR}-02-01`, amountCents: 500000, label: 'Fonds', counterpart: 'Région' });
    const stray = await admin('POST', '/v1/finance/lines', { direction: 'expense', category: 'travel', date: `${YEAR}-02-01`, amountCents: 5000, label: 'Train', counterpart: 'SNCF', funder: 'x' });
    const zero = await admin('POST', '/v1/finance/lines', { direction: 'expense', category: 'travel', date: `${YEAR}-02-01`, amountCents: 0, label: 'Train', counterpart: 'SNCF' });

    expect(noFunder.status).toBe(400);
    expect(noFunder.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['funder', 'status']);
    expect(stray.body.errors).toEqual([{ path: 'funder', message: 'réservé aux subventions (category « grant »)' }]);
    expect(zero.status).toBe(400);
  });

  it('follows a grant from requested to received', async () => {
    const g = await admin('POST', '/v1/finance/lines', { direction: 'income', category: 'grant', date: `${YEAR}-02-01`, amountCents: 800000, label: 'Fabrique de territoire', counterpart: 'ANCT', funder: 'ANCT', status: 'requested', project: 'Fabrique' });
    const missing = await admin('PATCH', `/v1/finance/lines/${g.body.id}`, { status: 'received' });
    const received = await admin('PATCH', `/v1/finance/lines/${g.body.id}`, { status: 'received', grantedCents: 600000, receivedCents: 300000 });

    expect(g.status).toBe(201);
    expect(missing.body.errors).toEqual([{ path: 'receivedCents', message: 'le montant reçu est obligatoire pour une subvention reçue' }]);
    expect(received.body).toMatchObject({ status: 'received', grantedCents: 600000, receivedCents: 300000, version: 2 });
  });
});

describe('the yearly report', () => {
  beforeAll(async () => {
    for (const line of [
      { direction: 'income', category: 'grant', date: `${YEAR}-06-01`, amountCents: 200000, label: 'Appel à projets numérique', counterpart: 'Département', funder: 'Département de la Dordogne', status: 'granted', grantedCents: 150000 },
      { direction: 'income', category: 'event', date: `${YEAR}-06-20`, amountCents: 45050, label: 'Fête des tiers-lieux ; buvette', counterpart: 'Public' },
      { direction: 'income', category: 'fee_share', date: `${YEAR}-07-31`, amountCents: 120000, label: 'Part des recettes de coworking', counterpart: 'Lieux' },
      { direction: 'expense', category: 'salary', date: `${YEAR}-07-31`, amountCents: 310000, label: 'Coordination', counterpart: 'Salariée' },
      { direction: 'expense', category: 'travel', date: `${YEAR}-09-12`, amountCents: 8790, label: 'Déplacements', counterpart: 'Bénévoles' },
    ]) expect((await admin('POST', '/v1/finance/lines', line)).status).toBe(201);
    expect((await admin('PUT', `/v1/finance/budget/${YEAR}`, { income: { membership: 40000, grant: 500000 }, expenses: { salary: 300000 } })).status).toBe(200);
  });

  it('totals equal the ledger and the lines it is built from', async () => {
    const report = (await admin('GET', `/v1/finance/${YEAR}`)).body;
    const entries = (await admin('GET', `/v1/ledger/entries?from=${YEAR}-01-01&to=${YEAR}-12-31&limit=500`)).body.items;
    const lines = (await admin('GET', `/v1/finance/lines?year=${YEAR}`)).body.items;
    const fees = entries.filter((e: any) => e.kind === 'membership').flatMap((e: any) => e.postings).reduce((s: number, p: any) => s + (p.to === 'network' ? p.amountCents : -p.amountCents), 0);
    const income = fees + lines.filter((l: any) => l.direction === 'income').reduce((s: number, l: any) => s + (l.category === 'grant' ? (l.receivedCents ?? 0) : l.amountCents), 0);
    const expense = lines.filter((l: any) => l.direction === 'expense').reduce((s: number, l: any) => s + l.amountCents, 0);

    expect(fees).toBe(43000);
    expect(report.totals).toEqual({ incomeCents: income, expenseCents: expense, resultCents: income - expense });
    expect(report.income.reduce((s: number, x: any) => s + x.amountCents, 0)).toBe(income);
    expect(report.income.find((x: any) => x.category === 'grant').amountCents).toBe(300000);
    expect(report.grants.byStatus).toEqual([
      { status: 'requested', count: 0, requestedCents: 0, grantedCents: 0, receivedCents: 0 },
      { status: 'granted', count: 1, requestedCents: 200000, grantedCents: 150000, receivedCents: 0 },
      { status: 'received', count: 1, requestedCents: 800000, grantedCents: 600000, receivedCents: 300000 },
    ]);
    expect(report.budget).toEqual(expect.arrayContaining([{ direction: 'income', category: 'membership', budgetCents: 40000, actualCents: 43000, gapCents: 3000 }, { direction: 'expense', category: 'salary', budgetCents: 300000, actualCents: 310000, gapCents: 10000 }]));
    expect(report.sources.lines).toBe(lines.length);
  });

  it('the CSV says the same as the JSON, in French spreadsheet style', async () => {
    const report = (await admin('GET', `/v1/finance/${YEAR}`)).body;
    const csv = await admin('GET', `/v1/finance/${YEAR}?format=csv`);
    const rows = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/));
    const amount = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);
    const total = (what: string) => amount(rows.find((r) => r[0] === 'Total' && r[1] === what)![3]!);

    // Response.text() drops a BOM: read the bytes.
    const raw = Buffer.from(await (await t.app.request(`/v1/finance/${YEAR}?format=csv`, { headers: { authorization: `Bearer ${ADMIN}` } })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.replace(/^\uFEFF/, '').startsWith('Rubrique;Catégorie;Détail;Montant (€)\r\n')).toBe(true);
    expect(csv.headers.get('content-disposition')).toContain(`bilan-reseau-${YEAR}.csv`);
    expect([total('Recettes'), total('Dépenses'), total('Résultat')]).toEqual([report.totals.incomeCents, report.totals.expenseCents, report.totals.resultCents]);
    expect(rows.filter((r) => r[0] === 'Recettes').reduce((s, r) => s + amount(r[3]!), 0)).toBe(report.totals.incomeCents);
    expect(rows.find((r) => r[0] === 'Recettes' && r[1] === 'Événements')![3]).toBe('450,50');
  });

  it('the printable page says the same as the JSON, with its charts, under the strict CSP; a signed link opens it without a token', async () => {
    const report = (await admin('GET', `/v1/finance/${YEAR}`)).body;
    const page = await admin('GET', `/v1/finance/${YEAR}?format=html`);
    const cell = (which: string) => new RegExp(`data-total="${which}">([^<]+)<`).exec(page.text)?.[1];
    const link = await admin('POST', `/v1/finance/${YEAR}/link`);
    const url = new URL(link.body.url);
    const viaLink = await t.call('GET', url.pathname + url.search);
    const tampered = await t.call('GET', url.pathname + url.search.replace('format=html', 'format=json'));

    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect([cell('income'), cell('expense'), cell('result')]).toEqual([euros(report.totals.incomeCents), euros(report.totals.expenseCents), euros(report.totals.resultCents)]);
    for (const x of report.income) expect(page.text).toContain(euros(x.amountCents));
    expect(page.text.match(/<svg /g)?.length).toBe(2);
    expect(page.text).not.toMatch(/ style="/);
    expect(viaLink.status).toBe(200);
    expect(viaLink.text).toContain(`Bilan financier ${YEAR}`);
    expect(tampered.status).toBe(403);
  });

  it('only the admin reads it; a year that is not a year is refused', async () => {
    expect((await t.call('GET', `/v1/finance/${YEAR}`, { token: manager })).status).toBe(403);
    expect((await t.call('GET', `/v1/finance/${YEAR}`)).status).toBe(401);
    expect((await admin('GET', `/v1/finance/${YEAR}?format=pdf`)).status).toBe(400);
  });
});

describe('the demo year of finances', () => {
  it('fills a report: fees of every member place, payments, income and expense lines, three grants, a budget', async () => {
    const { loadDemoFinance } = await import('../../scripts/seed/demo-finance.js');
    const d = await createTestContext({ now: '2026-11-20T10:00:00Z' });
    for (const name of ['Un', 'Deux', 'Trois', 'Quatre', 'Cinq']) expect((await d.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name }) })).status).toBe(201);

    const loaded = await loadDemoFinance(d.deps);
    const report = (await d.call('GET', '/v1/finance/2026', { token: ADMIN })).body;

    expect(loaded.lines).toBeGreaterThanOrEqual(15);
    expect(report.memberships).toMatchObject({ places: 5, feeCents: 105000 });
    expect(report.memberships.dueCents).toBeGreaterThan(0);
    expect(report.grants.byStatus.map((s: { count: number }) => s.count)).toEqual([1, 1, 1]);
    expect(report.expenses.length).toBeGreaterThanOrEqual(4);
    expect(report.budget.length).toBeGreaterThan(5);
  });
});
