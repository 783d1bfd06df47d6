/**
 * The yearly report's `contributions`: the valued volunteer contributions of that year, the
 * class 86/87 accounts of the valuation module's own report, and JSON, CSV and HTML agree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';
import { euros } from '../../functions/domain/text/fr.js';

let t: TestContext;
const admin = (method: string, path: string, body?: unknown) => t.call(method, path, { token: ADMIN, body });

beforeAll(async () => {
  t = await createTestContext({ now: '2026-11-20T10:00:00Z' });
  const place = (await admin('POST', '/v1/places', placeInput({ name: 'Alpha' }))).body.id;
  const base = { placeId: place, activity: 'Accueil' };
  const made = await Promise.all([
    admin('POST', '/v1/contributions', { ...base, kind: 'time', date: '2026-01-15', volunteerName: 'Ana', hours: 10 }),
    admin('POST', '/v1/contributions', { ...base, kind: 'time', date: '2026-06-02', volunteerName: 'Ben', hours: 2.5, level: 'supervision' }),
    admin('POST', '/v1/contributions', { ...base, kind: 'in_kind', date: '2026-03-10', volunteerName: 'Ana', valueCents: 12_345, note: 'Don de chaises, valeur de rachat d’occasion' }),
    admin('POST', '/v1/contributions', { ...base, kind: 'time', date: '2026-07-01', volunteerName: 'Ben', hours: 8 }),
    // Another year: not in 2026's report.
    admin('POST', '/v1/contributions', { ...base, kind: 'time', date: '2025-12-20', volunteerName: 'Ana', hours: 5 }),
  ]);
  expect(made.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
  expect((await admin('DELETE', `/v1/contributions/${made[3]!.body.id}`)).status).toBe(200); // archived: not counted
});

describe('the yearly report’s valued volunteer contributions', () => {
  it('are the class 86/87 accounts of the valuation’s year report, outside the result', async () => {
    const [report, valuation] = await Promise.all([admin('GET', '/v1/finance/2026'), admin('GET', '/v1/valuation/2026')]);
    const c = report.body.contributions;
    // SMIC 2026: 12,02 €/h; 10 h + 2,5 h × 2 (supervision) = 15 h-equivalent = 180,30 €.
    const timeCents = 10 * 1202 + 2.5 * 1202 * 2;

    expect(valuation.body.timeValueCents).toBe(timeCents);
    expect(c).toEqual({
      totalCents: timeCents + 12_345,
      hours: 12.5,
      total86Cents: valuation.body.total86Cents,
      total87Cents: valuation.body.total87Cents,
      items: valuation.body.lines.filter((l: { amountCents: number }) => l.amountCents).map((l: { code: string; class: string; label: string; amountCents: number }) => ({ account: l.code, class: l.class, label: l.label, amountCents: l.amountCents })),
    });
    expect(c.items.map((i: { account: string; amountCents: number }) => [i.account, i.amountCents])).toEqual([
      ['860', 12_345],
      ['864', timeCents],
      ['870', timeCents],
      ['875', 12_345],
    ]);
    expect(c.total86Cents).toBe(c.total87Cents);
    // In kind: never added to the income or the result.
    expect(report.body.totals).toEqual({ incomeCents: 0, expenseCents: 0, resultCents: 0 });
  });

  it('CSV and HTML say the same as the JSON', async () => {
    const [json, csv, page] = await Promise.all([admin('GET', '/v1/finance/2026'), admin('GET', '/v1/finance/2026?format=csv'), admin('GET', '/v1/finance/2026?format=html')]);
    const c = json.body.contributions;
    const rows = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(';'));
    const amount = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);
    const csvLines = rows.filter((r) => r[0]!.startsWith('Contributions volontaires')).map((r) => ({ account: r[1], class: /classe (\d+)/.exec(r[0]!)![1], label: r[2], amountCents: amount(r[3]!) }));
    const cell = (which: string) => new RegExp(`data-total="${which}">([^<]+)<`).exec(page.text)?.[1];

    expect(csvLines).toEqual(c.items);
    expect(amount(rows.find((r) => r[0] === 'Total' && r[1] === 'Contributions volontaires (86)')![3]!)).toBe(c.total86Cents);
    expect(amount(rows.find((r) => r[0] === 'Total' && r[1] === 'Contributions volontaires (87)')![3]!)).toBe(c.total87Cents);
    expect([cell('c86'), cell('c87')]).toEqual([euros(c.total86Cents), euros(c.total87Cents)]);
    for (const i of c.items) expect(page.text).toContain(`<td>${i.account}</td>`);
    expect(page.text).toContain('12,5 heures de bénévolat');
  });

  it('are null for a year without any, and the page says so', async () => {
    const [json, page] = await Promise.all([admin('GET', '/v1/finance/2024'), admin('GET', '/v1/finance/2024?format=html')]);
    expect(json.body.contributions).toBeNull();
    expect(page.text).toContain('Aucune contribution volontaire valorisée pour 2024.');
  });
});
