/** The retention purge: idempotency records and audit details past their period (DynamoDB Local runs no TTL: the purge is tested directly). */
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createNetwork, managerToken, postVisit } from '../mobility/mobility-setup.js';
import { purgeExpiredData } from '../../functions/domain/privacy/retention.js';
import { keys } from '../../integrations/dynamodb/keys.js';

const T0 = '2025-06-02T08:00:00Z';
const hoursAfter = (h: number) => new Date(Date.parse(T0) + h * 3600_000);
let t: TestContext;
let net: Awaited<ReturnType<typeof createNetwork>>;

async function idempotencyRecord(key: string) {
  const out = await t.deps.table.doc.send(new GetCommand({ TableName: t.deps.table.tableName, Key: keys.idempotency('admin', key), ConsistentRead: true }));
  return out.Item;
}

beforeAll(async () => {
  t = await createTestContext({ now: T0 });
  net = await createNetwork(t);
});

describe('retention settings', () => {
  it('admin only; defaults until saved; bounds in French; the change is audited', async () => {
    expect((await t.call('GET', '/v1/settings/retention', { token: ADMIN })).body).toEqual({ idempotencyHours: 48, auditDetailsDays: 3650 });
    expect((await t.call('GET', '/v1/settings/retention', { token: await managerToken(t, net.home) })).status).toBe(403);
    const bad = await t.call('PUT', '/v1/settings/retention', { token: ADMIN, body: { idempotencyHours: 12, auditDetailsDays: 30 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'idempotencyHours', message: expect.stringMatching(/au moins 24 heures/) }]);
    const put = await t.call('PUT', '/v1/settings/retention', { token: ADMIN, body: { idempotencyHours: 24, auditDetailsDays: 30 } });
    expect(put.status).toBe(200);
    expect((await t.call('GET', '/v1/settings/retention', { token: ADMIN })).body).toMatchObject({ idempotencyHours: 24, auditDetailsDays: 30, updatedBy: 'admin' });
    const audit = await t.call('GET', '/v1/audit?entityId=retention', { token: ADMIN });
    expect(audit.body.items[0]).toMatchObject({ action: 'update', before: { idempotencyHours: 48 }, after: { idempotencyHours: 24 } });
  });
});

describe('the purge', () => {
  it('deletes idempotency records older than the setting, keeps younger ones (the TTL attribute stays as the outer bound)', async () => {
    const v = await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-06-02', scheme: 'retrocession' }, { key: 'keep-me-a-day' });
    expect(v.status).toBe(201);
    const record = await idempotencyRecord('keep-me-a-day');
    expect(record?.ttl).toBe(Math.floor(Date.parse(T0) / 1000) + 48 * 3600);

    t.setNow(hoursAfter(23));
    expect((await purgeExpiredData(t.deps)).idempotencyDeleted).toBe(0);
    expect(await idempotencyRecord('keep-me-a-day')).toBeDefined();
    // Within the period the key still answers its first result.
    expect((await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2025-06-02', scheme: 'retrocession' }, { key: 'keep-me-a-day' })).body.id).toBe(v.body.id);

    t.setNow(hoursAfter(25));
    expect((await purgeExpiredData(t.deps)).idempotencyDeleted).toBe(1);
    expect(await idempotencyRecord('keep-me-a-day')).toBeUndefined();
    expect((await purgeExpiredData(t.deps)).idempotencyDeleted).toBe(0);
  });

  it('audit lines past their period keep who, when and what, and lose before/after; younger ones keep them', async () => {
    // Audit ids are time-ordered (real clock); the purge's period is counted on the jobs' clock.
    const lines = async () => (await t.call('GET', '/v1/audit?limit=500', { token: ADMIN })).body.items as any[];
    const count = (await lines()).filter((a) => a.before !== undefined || a.after !== undefined).length;
    expect(count).toBeGreaterThan(3);

    t.setNow(new Date(Date.now() + 29 * 86_400_000));
    expect((await purgeExpiredData(t.deps)).auditLinesTrimmed).toBe(0);
    expect((await lines()).filter((a) => a.before !== undefined || a.after !== undefined)).toHaveLength(count);

    t.setNow(new Date(Date.now() + 31 * 86_400_000));
    const report = await purgeExpiredData(t.deps);
    expect(report.auditLinesTrimmed).toBe(count);
    const trimmed = await lines();
    expect(trimmed.every((a) => a.before === undefined && a.after === undefined)).toBe(true);
    expect(trimmed.filter((a) => typeof a.detailsPurgedAt === 'string')).toHaveLength(count);
    expect(trimmed.find((a) => a.entityId === net.person)).toMatchObject({ entityType: 'person', action: 'create', actor: 'admin' });
    // The next run starts from its mark: nothing left to do.
    expect((await purgeExpiredData(t.deps)).auditLinesTrimmed).toBe(0);
  });
});
