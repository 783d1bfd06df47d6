import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';
import { airtableWorld, sheetsWorld, placeRow, type AirtableWorld, type SheetsWorld, syncRound } from './sync-support.js';
import { listDirectoryRecordsByType } from '../../integrations/dynamodb/directory-repository.js';

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

const round = syncRound;

const names = async (w: AirtableWorld | SheetsWorld) => (await listDirectoryRecordsByType(w.t.deps.table, 'place')).map((p) => p.name as string).sort();

describe('failures in the middle of a round lose nothing and duplicate nothing', () => {
  it('Airtable: a 429 waits 30 s (injected clock) and the round completes', async () => {
    const w = await airtableWorld();
    closers.push(w.fake.close);
    for (let i = 0; i < 12; i++) w.fake.userCreate('Lieux', placeRow({ Nom: `Lieu ${i}` }));
    w.fake.inject({ kind: 429, method: 'PATCH', after: 1 });
    const s = await round(w, 'airtable');
    expect(s.totals.created).toBe(12);
    expect(s.tabs[0].errors).toEqual([]);
    expect(w.sleeps).toContain(30_000);
    expect(w.fake.requests.some((r) => r.status === 429)).toBe(true);
    expect(w.fake.records('Lieux').every((r) => typeof r.fields.ID === 'string')).toBe(true);
  });

  it('Airtable: lost answers and 500s on the ID write-back are repaired next round without creating twice', async () => {
    const w = await airtableWorld({ timeoutMs: 300 });
    closers.push(w.fake.close);
    for (let i = 0; i < 12; i++) w.fake.userCreate('Lieux', placeRow({ Nom: `Lieu ${i}` }));
    w.fake.inject({ kind: 'timeout-after-apply', method: 'PATCH', times: 2 });
    w.fake.inject({ kind: 500, method: 'PATCH', times: 2 });
    w.fake.inject({ kind: 'timeout', method: 'PATCH', times: 2 });
    const first = await round(w, 'airtable');
    expect(first.tabs[0].errors.length).toBeGreaterThan(0);
    // 12 rows = 2 PATCH batches per round, each tried twice: the six failures span two rounds.
    const second = await round(w, 'airtable');
    const third = await round(w, 'airtable');
    expect(third.tabs[0].errors).toEqual([]);
    expect(second.totals.created + third.totals.created).toBe(0);
    expect(await names(w)).toEqual(Array.from({ length: 12 }, (_, i) => `Lieu ${i}`).sort());
    const ids = w.fake.records('Lieux').map((r) => r.fields.ID);
    expect(new Set(ids).size).toBe(12);
  });

  it('Airtable: API-side records survive a lost upsert answer and are added once', async () => {
    const w = await airtableWorld({ timeoutMs: 300 });
    closers.push(w.fake.close);
    for (let i = 0; i < 12; i++) await w.t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: `API ${i}` }) });
    w.fake.inject({ kind: 'timeout-after-apply', method: 'PATCH', times: 2, after: 1 });
    await round(w, 'airtable');
    await round(w, 'airtable');
    const rows = w.fake.records('Lieux');
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.fields.ID)).size).toBe(12);
  });

  it('Google Sheets: quota 429s back off exponentially and the round completes', async () => {
    const w = await sheetsWorld();
    closers.push(w.fake.close);
    for (let i = 0; i < 5; i++) w.fake.appendRow('Lieux', placeRow({ Nom: `Lieu ${i}` }));
    w.fake.inject({ kind: 429, method: 'GET', times: 3 });
    const s = await round(w, 'sheets');
    expect(s.totals.created).toBe(5);
    expect(w.sleeps.length).toBe(3);
    expect(w.sleeps[1]!).toBeGreaterThanOrEqual(2 * 1000);
    expect(w.sleeps[2]!).toBeGreaterThanOrEqual(4 * 1000);
  });

  it('Google Sheets: lost batchUpdate and append answers, then 500s, end with every row once', async () => {
    const w = await sheetsWorld({ timeoutMs: 300 });
    closers.push(w.fake.close);
    for (let i = 0; i < 8; i++) w.fake.appendRow('Lieux', placeRow({ Nom: `Feuille ${i}` }));
    for (let i = 0; i < 4; i++) await w.t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: `API ${i}` }) });
    w.fake.inject({ kind: 'timeout-after-apply', method: 'POST', pathIncludes: 'values:batchUpdate', times: 3 });
    w.fake.inject({ kind: 'timeout-after-apply', method: 'POST', pathIncludes: ':append', times: 1 });
    const first = await round(w, 'sheets');
    expect(first.tabs[0].errors.length).toBeGreaterThan(0);
    w.fake.inject({ kind: 500, method: 'POST', pathIncludes: ':append', times: 1 });
    await round(w, 'sheets');
    const third = await round(w, 'sheets');
    expect(third.tabs[0].errors).toEqual([]);
    const rows = w.fake.table('Lieux');
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.ID)).size).toBe(12);
    expect(rows.every((r) => r.ID !== '')).toBe(true);
    expect(await names(w)).toHaveLength(12);
  });

  it('an unreadable tab is never mistaken for deleted rows', async () => {
    const w = await sheetsWorld();
    closers.push(w.fake.close);
    for (let i = 0; i < 3; i++) w.fake.appendRow('Lieux', placeRow({ Nom: `Lieu ${i}` }));
    await round(w, 'sheets');
    w.fake.inject({ kind: 500, method: 'GET', times: 10 });
    const s = await round(w, 'sheets');
    expect(s.skipped).toMatch(/Lecture de la feuille impossible/);
    const places = await listDirectoryRecordsByType(w.t.deps.table, 'place');
    expect(places.filter((p) => p.archivedAt)).toHaveLength(0);
  });
});
