/** Every mobility write, token event and setting change leaves one audit line: who, what, through which channel. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { recordVisit } from '../../functions/domain/mobility/record-visit.js';
import { createNetwork, integrationToken, managerToken, postPass, postVisit } from '../mobility/mobility-setup.js';

let t: TestContext;
let net: Awaited<ReturnType<typeof createNetwork>>;

async function auditOf(entityId: string): Promise<any[]> {
  const r = await t.call('GET', `/v1/audit?entityId=${entityId}`, { token: ADMIN });
  expect(r.status).toBe(200);
  return r.body.items;
}

beforeAll(async () => {
  t = await createTestContext({ now: '2025-03-10T09:00:00Z' });
  net = await createNetwork(t);
});

describe('audit of everything', () => {
  it('a visit recorded by a manager, then cancelled by an integration, has two lines with actor and channel', async () => {
    const manager = await managerToken(t, net.host);
    const v = await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-03-10', scheme: 'retrocession' }, { token: manager });
    expect(v.status).toBe(201);
    const managerId = manager.split('_')[1];
    const integration = await integrationToken(t);
    expect((await t.call('POST', `/v1/visits/${v.body.id}/cancel`, { token: integration })).status).toBe(200);
    const lines = await auditOf(v.body.id);
    expect(lines.map((a) => [a.action, a.entityType, a.actor, a.note])).toEqual([
      ['cancel', 'visit', `integration:${integration.split('_')[1]}`, 'canal : api'],
      ['record', 'visit', `manager:${managerId}@${net.host}`, 'canal : api'],
    ]);
    expect(lines[0].before).toMatchObject({ status: 'active' });
    expect(lines[0].after).toMatchObject({ status: 'cancelled' });
    expect(lines[1].after).toMatchObject({ personId: net.person, hostPlaceId: net.host, amountCents: 1000 });
  });

  it('a visit posted by the spreadsheet sync names the sync as actor and channel', async () => {
    const { visit } = await recordVisit(t.deps, { role: 'system', id: 'sync:airtable' }, { personId: net.person, hostPlaceId: net.host, date: '2025-03-13', scheme: 'retrocession' }, 'sync-row-1');
    expect((await auditOf(visit.id)).map((a) => [a.action, a.actor, a.note])).toEqual([['record', 'sync:airtable', 'canal : sync']]);
  });

  it('a replayed visit (same Idempotency-Key) writes no second line', async () => {
    const body = { personId: net.person, hostPlaceId: net.host, date: '2025-03-11', scheme: 'preferential' };
    const first = await postVisit(t, body, { key: 'audit-replay' });
    const again = await postVisit(t, body, { key: 'audit-replay' });
    expect(again.body.id).toBe(first.body.id);
    expect((await auditOf(first.body.id)).map((a) => a.action)).toEqual(['record']);
  });

  it('a refused visit writes no line (the audit never tells what did not happen)', async () => {
    const r = await postVisit(t, { personId: net.person, hostPlaceId: net.closed, date: '2025-03-12', scheme: 'retrocession' });
    expect(r.status).toBe(422);
    const recent = await t.call('GET', '/v1/audit?limit=5', { token: ADMIN });
    expect(recent.body.items.filter((a: any) => a.entityType === 'visit' && a.after?.hostPlaceId === net.closed)).toEqual([]);
  });

  it('a pass sold and a manual ledger entry each have their line', async () => {
    const pass = await postPass(t, { personId: net.person, period: 'month', daysPerPeriod: 4, priceCents: 4000, startsOn: '2025-03-01' });
    expect(pass.status).toBe(201);
    expect((await auditOf(pass.body.id)).map((a) => [a.action, a.entityType, a.actor, a.note, a.after.priceCents])).toEqual([['create', 'pass', 'admin', 'canal : api', 4000]]);
    const entry = await t.call('POST', '/v1/ledger/entries', { token: ADMIN, body: { date: '2025-03-10', memo: 'Cotisation', postings: [{ from: `place:${net.home}`, to: 'network', amountCents: 5000 }] } });
    expect(entry.status).toBe(201);
    expect((await auditOf(entry.body.id)).map((a) => [a.action, a.entityType, a.actor, a.after.memo])).toEqual([['create', 'ledger-entry', 'admin', 'Cotisation']]);
  });

  it('a token: created, used for the first time (once), revoked (once); the hash never appears', async () => {
    const created = await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: net.home, label: 'Accueil' } });
    const id = created.body.id;
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['create']);
    for (let i = 0; i < 3; i++) expect((await t.call('GET', `/v1/passes?personId=${net.person}`, { token: created.body.token })).status).toBe(200);
    expect((await t.call('DELETE', `/v1/tokens/${id}`, { token: ADMIN })).status).toBe(204);
    expect((await t.call('DELETE', `/v1/tokens/${id}`, { token: ADMIN })).status).toBe(204);
    const lines = await auditOf(id);
    expect(lines.map((a) => [a.action, a.actor, a.note])).toEqual([
      ['revoke', 'admin', 'canal : api'],
      ['first-use', `manager:${id}@${net.home}`, 'canal : api'],
      ['create', 'admin', 'canal : api'],
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/secretHash|tl_/);
    expect((await t.call('GET', '/v1/tokens', { token: ADMIN })).body.items.find((x: any) => x.id === id).firstUsedAt).toBe('2025-03-10T09:00:00.000Z');
  });

  it('settings changes (mobility) are audited with before and after', async () => {
    const put = await t.call('PUT', '/v1/settings/mobility', { token: ADMIN, body: { dayValueCents: 3000, retrocessionShare: 0.25, passDayRateCents: 1500 } });
    expect(put.status).toBe(200);
    const [line] = await auditOf('mobility');
    expect(line).toMatchObject({ action: 'update', actor: 'admin', after: { dayValueCents: 3000 } });
  });
});
