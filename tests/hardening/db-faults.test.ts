/**
 * Throttling and transient faults of DynamoDB, injected into the real client (inside the
 * SDK's retry loop) while the app runs on DynamoDB Local: a few faults are absorbed by the
 * retries (one write, the normal answer); persistent ones become a 503 problem+json with
 * Retry-After, and nothing is half-written.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createNetwork, newKey, postVisit } from '../mobility/mobility-setup.js';
import { injectFaults, throttle, WRITE_COMMANDS, type FaultInjector } from '../support/faults.js';
import { checkLedgerConsistency } from '../support/ledger-consistency.js';
import { DEFAULT_RETRY_POLICY } from '../../integrations/dynamodb/retry-policy.js';

let t: TestContext;
let net: Awaited<ReturnType<typeof createNetwork>>;
let faults: FaultInjector | undefined;

beforeAll(async () => {
  t = await createTestContext();
  net = await createNetwork(t);
});
afterEach(() => {
  faults?.remove();
  faults = undefined;
});

const visitsAt = async (date: string) => (await t.call('GET', `/v1/visits?placeId=${net.host}&from=${date}&to=${date}`, { token: ADMIN })).body.items as { id: string; status: string }[];
const consistent = async () => expect((await checkLedgerConsistency(t.deps.table, [net.home, net.host, net.closed], '2026-03-01', '2026-04-30')).problems).toEqual([]);

function expect503(r: { status: number; headers: Headers; body: any }) {
  expect(r.status).toBe(503);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(r.body.detail).toMatch(/réessayez dans quelques secondes/);
}

describe('a few throttles are absorbed by the retries', () => {
  it('two throttled attempts of the visit transaction, then success: 201 and exactly one write', async () => {
    let writes = 0;
    faults = injectFaults(t.deps.table, (cmd) => (cmd === 'TransactWriteItemsCommand' && ++writes <= 2 ? throttle() : undefined));
    const r = await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2026-03-02', scheme: 'retrocession' });
    expect(r.status).toBe(201);
    expect(faults.refused.TransactWriteItemsCommand).toBe(2);
    expect(faults.sent.TransactWriteItemsCommand).toBe(1);
    faults.remove();
    expect((await visitsAt('2026-03-02')).map((v) => v.id)).toEqual([r.body.id]);
    await consistent();
  });

  it('throttled reads are retried too: a GET answers 200 after three throttles', async () => {
    let reads = 0;
    faults = injectFaults(t.deps.table, (cmd) => (cmd === 'GetItemCommand' && ++reads <= 3 ? throttle() : undefined));
    const r = await t.call('GET', `/v1/places/${net.host}`);
    expect(r.status).toBe(200);
    expect(faults.refused.GetItemCommand).toBe(3);
  });

  it('a transaction cancelled for throttling (reasons ThrottlingError) is tried again: 201, one visit', async () => {
    let writes = 0;
    faults = injectFaults(t.deps.table, (cmd) =>
      cmd === 'TransactWriteItemsCommand' && ++writes <= 2
        ? new TransactionCanceledException({ message: 'injected', $metadata: { httpStatusCode: 400 }, CancellationReasons: [{ Code: 'ThrottlingError' }] })
        : undefined,
    );
    const r = await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2026-03-03', scheme: 'preferential' });
    expect(r.status).toBe(201);
    faults.remove();
    expect(await visitsAt('2026-03-03')).toHaveLength(1);
    await consistent();
  });
});

describe('persistent faults answer 503 with Retry-After and leave nothing half-written', () => {
  it('every write throttled: 503 after the configured attempts, no visit, no entry, no counter; the same key succeeds later', async () => {
    faults = injectFaults(t.deps.table, (cmd) => (WRITE_COMMANDS.has(cmd) ? throttle() : undefined));
    const key = newKey();
    const body = { personId: net.person, hostPlaceId: net.host, date: '2026-04-01', scheme: 'retrocession' };
    const r = await postVisit(t, body, { key });
    expect503(r);
    expect(faults.refused.TransactWriteItemsCommand).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(faults.sent.TransactWriteItemsCommand ?? 0).toBe(0);
    faults.remove();
    expect(await visitsAt('2026-04-01')).toEqual([]);
    const day = await t.call('GET', `/v1/availability?date=2026-04-01&placeId=${net.host}`);
    expect(day.status).toBe(200);
    expect(JSON.stringify(day.body)).toMatch(/"taken":0/);
    await consistent();
    const again = await postVisit(t, body, { key });
    expect(again.status).toBe(201);
    expect(await visitsAt('2026-04-01')).toHaveLength(1);
    await consistent();
  });

  it('a cancellation under persistent throttling: 503, the visit stays active with its postings', async () => {
    const v = await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2026-04-02', scheme: 'retrocession' });
    expect(v.status).toBe(201);
    faults = injectFaults(t.deps.table, (cmd) => (WRITE_COMMANDS.has(cmd) ? throttle() : undefined));
    expect503(await t.call('POST', `/v1/visits/${v.body.id}/cancel`, { token: ADMIN }));
    faults.remove();
    expect((await visitsAt('2026-04-02')).map((x) => x.status)).toEqual(['active']);
    await consistent();
  });

  it('a directory write under persistent throttling: 503, the place is unchanged', async () => {
    faults = injectFaults(t.deps.table, (cmd) => (WRITE_COMMANDS.has(cmd) ? throttle() : undefined));
    expect503(await t.call('PATCH', `/v1/places/${net.host}`, { token: ADMIN, body: { name: 'Nom jamais écrit' } }));
    faults.remove();
    expect((await t.call('GET', `/v1/places/${net.host}`)).body.name).toBe('La Gabare');
  });

  it('reads that keep failing (throttled, or the connection refused) answer 503, never 500', async () => {
    faults = injectFaults(t.deps.table, (cmd) => (cmd === 'GetItemCommand' ? throttle() : undefined));
    expect503(await t.call('GET', `/v1/places/${net.host}`));
    faults.remove();
    faults = injectFaults(t.deps.table, () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));
    expect503(await t.call('GET', `/v1/places/${net.host}`));
    const deep = await t.call('GET', '/v1/health?deep=1');
    expect503(deep);
    expect(deep.body.detail).toMatch(/ECONNREFUSED|Error/);
  });
});

describe('the consistency check itself', () => {
  it('sees a day counter off by one and a balance that no posting explains', async () => {
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { keys } = await import('../../integrations/dynamodb/keys.js');
    const tb = t.deps.table;
    expect((await postVisit(t, { personId: net.person, hostPlaceId: net.host, date: '2026-03-20', scheme: 'retrocession' })).status).toBe(201);
    await consistent();
    const bump = (Key: Record<string, string>, attr: string, d: number) => tb.doc.send(new UpdateCommand({ TableName: tb.tableName, Key, UpdateExpression: `ADD ${attr} :d`, ExpressionAttributeValues: { ':d': d } }));
    await bump(keys.hostDay(net.host, '2026-03-20'), 'visitors', 1);
    await bump(keys.ledgerBalance('2026-03', 'all', `place:${net.host}`), 'balanceCents', 7);
    const { problems } = await checkLedgerConsistency(tb, [net.home, net.host, net.closed], '2026-03-01', '2026-04-30');
    await bump(keys.hostDay(net.host, '2026-03-20'), 'visitors', -1);
    await bump(keys.ledgerBalance('2026-03', 'all', `place:${net.host}`), 'balanceCents', -7);
    expect(problems).toEqual([expect.stringMatching(/2026-03 all place:.*balance/), expect.stringMatching(/on 2026-03-20: counter 2 ≠ 1/)]);
    await consistent();
  });
});
