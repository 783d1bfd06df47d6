/**
 * `npm run bench -- writes-stream`: searches while writes stream in (issue 15: "with 30
 * writes/s running, no search reads more than 10× the steady RCU, and every search sees
 * every write acknowledged before it started").
 *
 * 1. The write ceiling of this DynamoDB Local: resource edits through the same use case as
 *    the API (`updateRecord`: one GetItem, one counter ADD, one 3-item transaction), one at
 *    a time and 8 in flight, nothing else running.
 * 2. The stream: 8 writers paced together at 30 writes/s for STREAM_MS, while one reader
 *    instance (its own DynamoDB client and index, so its read units are its own) searches
 *    again and again. Each search's read units are compared with a search when nothing
 *    changed; a search that read a record partition (what a full reload does) is counted;
 *    each search must show every write acknowledged before it started.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { BenchResult } from '../bench.js';
import { JAVA_OPTIONS, startDynamoDbLocal } from '../dynamodb-local.js';
import { createTableRef, type TableRef } from '../../integrations/dynamodb/client.js';
import { ensureTable } from '../../integrations/dynamodb/ensure-table.js';
import { meterCapacity } from '../../integrations/dynamodb/capacity.js';
import { keys } from '../../integrations/dynamodb/keys.js';
import { newId } from '../../functions/domain/ids.js';
import type { Deps } from '../../functions/domain/deps.js';
import type { Actor } from '../../functions/domain/actor.js';
import { createRecord, updateRecord } from '../../functions/domain/directory/write-records.js';
import { createApp } from '../../functions/api/app.js';
import { median, round } from './stats.js';

const TARGET_PER_SECOND = 30;
const WRITERS = 8;
const RESOURCES = 24;
const STREAM_MS = 15_000;
const CEILING_MS = 4_000;
const ACTOR: Actor = { role: 'system', id: 'bench:writes-stream' };

interface Ack {
  version: number;
  at: number;
}

/** Edits the resources for `ms`, `inFlight` at a time, paced at `perSecond` when given; returns writes/s. */
async function writeFor(deps: Deps, ids: string[], ms: number, inFlight: number, perSecond: number | undefined, onAck?: (id: string, a: Ack) => void): Promise<number> {
  const start = performance.now();
  let started = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async (_, k) => {
      const mine = ids.filter((_, i) => i % inFlight === k);
      for (let n = 1; performance.now() - start < ms; n++) {
        if (perSecond) {
          const due = start + (started * 1000) / perSecond;
          if (due > performance.now()) await new Promise((ok) => setTimeout(ok, due - performance.now()));
          if (performance.now() - start >= ms) break;
        }
        started++;
        const id = mine[n % mine.length]!;
        const r = await updateRecord(deps, ACTOR, 'resource', id, { name: `édition ${n}` });
        done++;
        onAck?.(id, { version: r.version, at: performance.now() });
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

function readerOf(deps: Deps, endpoint: string) {
  const table: TableRef = createTableRef({ tableName: deps.table.tableName, endpoint });
  const meter = meterCapacity(table.doc);
  const queried: string[] = [];
  table.doc.middlewareStack.add(
    (next) => async (args) => {
      if (args.input && (args as { input: { KeyConditionExpression?: string } }).input.KeyConditionExpression) {
        queried.push(String((args.input as QueryCommand['input']).ExpressionAttributeValues?.[':pk']));
      }
      return next(args);
    },
    { step: 'initialize', name: 'queriedPartitions' },
  );
  const app = createApp({ ...deps, table, indexArtifacts: 'off' });
  const search = async () => (await (await app.request('/v1/resources?category=flux&limit=100')).json()) as { items: { id: string; version: number }[] };
  return { meter, queried, search };
}

export async function run(): Promise<BenchResult> {
  const ddb = await startDynamoDbLocal({ dataDir: 'memory' });
  try {
    const table = createTableRef({ tableName: 'bench-writes-stream', endpoint: ddb.endpoint });
    await ensureTable(table);
    const deps: Deps = { table, now: () => new Date(), newId, adminToken: 'bench-admin-token-0123456789', publicBaseUrl: 'http://localhost:3000', indexArtifacts: 'off' };
    const place = await createRecord(deps, ACTOR, 'place', {
      name: 'Le Flux',
      description: 'Un tiers-lieu de mesure.',
      address: { street: '1 rue de la Paix', postcode: '24000', commune: 'Périgueux' },
      location: { lat: 45.184, lon: 0.721 },
      tags: ['coworking'],
    });
    const ids: string[] = [];
    for (let i = 0; i < RESOURCES; i++) {
      const r = await createRecord(deps, ACTOR, 'resource', { placeId: place.id, kind: 'space', category: 'flux', name: 'v0', capacity: 4, rates: [{ unit: 'day', amountCents: 1000, audience: 'public' }] });
      ids.push(r.id);
    }
    // Warm the JIT of both sides before measuring anything.
    await writeFor(deps, ids, 1_500, 4, undefined);

    const sequential = await writeFor(deps, ids, CEILING_MS, 1, undefined);
    const parallel = await writeFor(deps, ids, CEILING_MS, WRITERS, undefined);

    const reader = readerOf(deps, ddb.endpoint);
    await reader.search();
    reader.meter.reset();
    const quietTimes: number[] = [];
    const quietUnits: number[] = [];
    for (let i = 0; i < 20; i++) {
      const before = reader.meter.read;
      const t0 = performance.now();
      await reader.search();
      quietTimes.push(performance.now() - t0);
      quietUnits.push(reader.meter.read - before);
    }
    const steady = Math.max(...quietUnits);

    const acked = new Map<string, Ack[]>(ids.map((id) => [id, []]));
    const perSearch: number[] = [];
    const searchMs: number[] = [];
    let missed = 0;
    const queriedBefore = reader.queried.length;
    const start = performance.now();
    const searcher = async () => {
      while (performance.now() - start < STREAM_MS) {
        const startedAt = performance.now();
        const before = reader.meter.read;
        const { items } = await reader.search();
        searchMs.push(performance.now() - startedAt);
        perSearch.push(reader.meter.read - before);
        const seen = new Map(items.map((i) => [i.id, i.version]));
        for (const [id, versions] of acked) {
          const due = versions.filter((v) => v.at < startedAt).at(-1);
          if (due && (seen.get(id) ?? 0) < due.version) missed++;
        }
      }
    };
    const [, streamed] = await Promise.all([searcher(), writeFor(deps, ids, STREAM_MS, WRITERS, TARGET_PER_SECOND, (id, a) => acked.get(id)!.push(a))]);
    const reloads = reader.queried.slice(queriedBefore).filter((pk) => pk !== keys.directoryChangesAfter(0).pk).length;
    const worst = Math.max(...perSearch);

    return {
      name: 'writes-stream',
      figures: {
        'write ceiling, one at a time (writes/s)': round(sequential, 1),
        [`write ceiling, ${WRITERS} in flight (writes/s)`]: round(parallel, 1),
        [`stream: writes/s reached (paced at ${TARGET_PER_SECOND})`]: round(streamed, 1),
        'stream: searches': perSearch.length,
        'quiet search: RCU': steady,
        'stream: RCU of the costliest search': worst,
        'stream: costliest ÷ quiet': round(worst / steady, 2),
        'stream: searches that read a record partition (full reload)': reloads,
        'stream: acknowledged writes a later search missed': missed,
        'quiet search p50 ms': round(median(quietTimes), 1),
        'stream: search p50 ms': round(median(searchMs), 1),
      },
      targets: {
        // The pacer never starts more than the target, so the rate reached is at most the target.
        [`${TARGET_PER_SECOND} writes/s reached on DynamoDB Local (≥ 95 % of the pace)`]: streamed >= TARGET_PER_SECOND * 0.95,
        'no search above 10× the quiet RCU': worst <= 10 * steady,
        'no full reload during the stream': reloads === 0,
        'every search saw every write acknowledged before it': missed === 0,
      },
      notes: [
        `Writes through the API's use case (updateRecord), ${RESOURCES} resources of one place, ${WRITERS} writers; the reader is a second app instance with its own client and in-memory index (no artifact), searching \`category=flux\`.`,
        `The write ceiling is DynamoDB Local's on this machine (JVM options \`${JAVA_OPTIONS}\`, see scripts/dynamodb-local.ts): each write is a GetItem, an UpdateItem ADD (its sequence number) and a 3-item transaction, and the emulator runs them nearly one after the other, so more writers in flight add little. DynamoDB itself takes thousands of writes a second on demand; the reader side is what this bench checks.`,
      ],
    };
  } finally {
    await ddb.stop();
  }
}
