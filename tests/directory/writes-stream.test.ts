/**
 * Searches while writes stream in (issue 15: "no full reload caused by concurrent writes").
 * Writers edit their own resources, paced at 30 writes/s at most (DynamoDB Local on a
 * loaded machine gives far fewer: the rate reached is printed); one reader instance (its
 * own DynamoDB client, so its read units are its own) searches again and again. Every
 * search must cost at most 10× a search when nothing changed, read no record partition
 * (what a full reload does: only the counter and the change log), and show every write
 * acknowledged before it started.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';
import { createApp } from '../../functions/api/app.js';
import { createTableRef } from '../../integrations/dynamodb/client.js';
import { meterCapacity } from '../../integrations/dynamodb/capacity.js';
import { keys } from '../../integrations/dynamodb/keys.js';

const WRITERS = 4;
const TARGET_PER_SECOND = 30;
const STREAM_MS = 4_000;
let t: TestContext;
let streamed: string[];

beforeAll(async () => {
  t = await createTestContext();
  const placeId = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Le Flux' }) })).body.id;
  streamed = [];
  for (let i = 0; i < WRITERS; i++) streamed.push((await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(placeId, { name: 'v0', category: 'stream' }) })).body.id);
});

describe('searches during a stream of writes', () => {
  it('read at most 10× a quiet search, never a record partition, and see every acknowledged write', { timeout: 120_000 }, async () => {
    const readerTable = createTableRef({ tableName: t.deps.table.tableName, endpoint: inject('dynamoEndpoint') });
    const meter = meterCapacity(readerTable.doc);
    const queried: string[] = [];
    const send = readerTable.doc.send.bind(readerTable.doc) as (cmd: unknown, ...rest: unknown[]) => Promise<unknown>;
    (readerTable.doc as { send: unknown }).send = (cmd: unknown, ...rest: unknown[]) => {
      if (cmd instanceof QueryCommand) queried.push(String(cmd.input.ExpressionAttributeValues?.[':pk']));
      return send(cmd, ...rest);
    };
    const reader = createApp({ ...t.deps, table: readerTable, indexArtifacts: 'off' });
    const search = async () => (await (await reader.request('/v1/resources?category=stream&limit=100')).json()) as { items: { id: string; name: string; version: number }[] };
    await search();
    meter.reset();
    await search();
    const steady = meter.read;
    expect(steady).toBeGreaterThan(0);

    // Acknowledged version of each streamed resource, and when.
    const acked = new Map<string, { version: number; at: number }[]>(streamed.map((id) => [id, []]));
    const start = performance.now();
    let writes = 0;
    const writer = async (k: number) => {
      const mine = streamed.filter((_, i) => i % WRITERS === k);
      for (let n = 1; performance.now() - start < STREAM_MS; n++) {
        // Paced: all writers together at most TARGET_PER_SECOND.
        const due = start + (writes * 1000) / TARGET_PER_SECOND;
        if (due > performance.now()) await new Promise((ok) => setTimeout(ok, due - performance.now()));
        const id = mine[n % mine.length]!;
        writes++;
        const res = await t.call('PATCH', `/v1/resources/${id}`, { token: ADMIN, body: { name: `v${n}` } });
        expect(res.status).toBe(200);
        acked.get(id)!.push({ version: res.body.version, at: performance.now() });
      }
    };
    const perSearch: number[] = [];
    let missed = 0;
    const searcher = async () => {
      while (performance.now() - start < STREAM_MS) {
        const startedAt = performance.now();
        const before = meter.read;
        const { items } = await search();
        perSearch.push(meter.read - before);
        const seen = new Map(items.map((i) => [i.id, i.version]));
        for (const [id, versions] of acked) {
          const due = versions.filter((v) => v.at < startedAt).at(-1);
          if (due && (seen.get(id) ?? 0) < due.version) missed++;
        }
      }
    };
    const queriedBefore = queried.length;
    await Promise.all([searcher(), ...Array.from({ length: WRITERS }, (_, k) => writer(k))]);
    const seconds = (performance.now() - start) / 1000;
    console.log(`writes/s ${(writes / seconds).toFixed(1)}, searches ${perSearch.length}, RCU per search max ${Math.max(...perSearch)} (quiet ${steady})`);

    expect(writes).toBeGreaterThanOrEqual(WRITERS);
    expect(perSearch.length).toBeGreaterThan(3);
    expect(missed).toBe(0);
    expect(Math.max(...perSearch)).toBeLessThanOrEqual(10 * steady);
    expect(queried.slice(queriedBefore).filter((pk) => pk !== keys.directoryChangesAfter(0).pk)).toEqual([]);
  });
});
