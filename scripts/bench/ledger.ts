/**
 * `npm run bench -- ledger`: a year of 10,000 visits across 50 places, written through
 * the same use case as the API (one transaction per visit), then the cost of one month's
 * settlement: items read, read capacity, and its time as a ratio to one GetItem on the
 * same DynamoDB Local (medians of repeated runs).
 */
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { BenchResult } from '../bench.js';
import { startDynamoDbLocal } from '../dynamodb-local.js';
import { createTableRef, type TableRef } from '../../integrations/dynamodb/client.js';
import { ensureTable } from '../../integrations/dynamodb/ensure-table.js';
import { meterCapacity } from '../../integrations/dynamodb/capacity.js';
import { keys } from '../../integrations/dynamodb/keys.js';
import { newId } from '../../functions/domain/ids.js';
import type { Deps } from '../../functions/domain/deps.js';
import type { Actor } from '../../functions/domain/actor.js';
import { AppError } from '../../functions/domain/errors.js';
import { createRecord } from '../../functions/domain/directory/write-records.js';
import { createPass, listPasses } from '../../functions/domain/mobility/passes.js';
import { recordVisit } from '../../functions/domain/mobility/record-visit.js';
import { computeBalances, computeSettlement } from '../../functions/domain/mobility/balances.js';
import { buildStatement } from '../../functions/domain/mobility/statement.js';
import type { Visit, VisitScheme } from '../../schemas/visit.js';
import type { JournalEntry } from '../../schemas/ledger.js';
import { DEFAULT_MOBILITY_SETTINGS } from '../../schemas/mobility-settings.js';
import { visitPostings } from '../../functions/domain/mobility/money-rules.js';
import { recordVisitItems } from '../../integrations/dynamodb/visit-repository.js';
import { journalEntryItems } from '../../integrations/dynamodb/ledger-repository.js';
import type { LabelledItem } from '../../integrations/dynamodb/transaction.js';

import { median } from './stats.js';
const PLACES = 50;
const PEOPLE = 200;
const VISITS = 10_000;
const YEAR = 2025;
const CONCURRENCY = 8;
/** Visits written through the use case (one transaction each) after the bulk load. */
const SAMPLE = 300;
const REPEAT = 41;
const ACTOR_ID = 'bench:ledger';
const ACTOR: Actor = { role: 'system', id: ACTOR_ID };

async function listPassesOfPeople(deps: Deps, ids: string[]) {
  return (await Promise.all(ids.map((id) => listPasses(deps, ACTOR, { personId: id })))).flat();
}

/** Counts the items each Get/Query returned (the meter counts capacity units). */
function countItems(t: TableRef): { items: number; requests: number; reset(): void } {
  const c = { items: 0, requests: 0, reset() { this.items = 0; this.requests = 0; } };
  t.doc.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const out = result.output as { Item?: unknown; Items?: unknown[] };
      c.requests++;
      c.items += out.Items ? out.Items.length : out.Item ? 1 : 0;
      return result;
    },
    { step: 'initialize', name: 'itemCounter' },
  );
  return c;
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Deterministic pseudo-random numbers, so every run loads the same year. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Bulk load: the very items recordVisit would write (same repository builders), sent
 * with BatchWrite instead of one transaction per visit; counter and balance updates
 * (`ADD`) are summed per item and written once. Rules the transaction would enforce
 * (capacity, one visit per person/host/day, pass quota) are applied here in memory.
 */
class BulkWriter {
  private puts: Record<string, unknown>[] = [];
  private sums = new Map<string, Record<string, unknown>>();
  constructor(private t: TableRef) {}

  add(items: LabelledItem[]): void {
    for (const { item } of items) {
      if (item.Put) this.puts.push(item.Put.Item as Record<string, unknown>);
      else if (item.Update) {
        const u = item.Update;
        const values = u.ExpressionAttributeValues as Record<string, unknown>;
        const id = JSON.stringify(u.Key);
        const acc = this.sums.get(id) ?? { ...(u.Key as Record<string, unknown>) };
        for (const [, attr, ref] of (u.UpdateExpression ?? '').matchAll(/(\w+) = (:\w+)/g)) acc[attr!] = values[ref!];
        for (const [, attr, ref] of (u.UpdateExpression ?? '').matchAll(/ADD (\w+) (:\w+)/g)) acc[attr!] = Number(acc[attr!] ?? 0) + Number(values[ref!]);
        this.sums.set(id, acc);
      }
    }
  }

  async flush(parallel: number): Promise<number> {
    const all = [...this.puts, ...this.sums.values()];
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < all.length; i += 25) batches.push(all.slice(i, i + 25));
    let next = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < batches.length) {
          let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
          while (requests.length) {
            const out = await this.t.doc.send(new BatchWriteCommand({ RequestItems: { [this.t.tableName]: requests } }));
            requests = (out.UnprocessedItems?.[this.t.tableName] ?? []) as typeof requests;
          }
        }
      }),
    );
    return all.length;
  }
}

export async function run(): Promise<BenchResult> {
  const dynamo = await startDynamoDbLocal({ dataDir: 'memory' });
  try {
    const table = createTableRef({ tableName: 'bench-ledger', endpoint: dynamo.endpoint });
    await ensureTable(table);
    const deps: Deps = { table, now: () => new Date(`${YEAR}-12-31T12:00:00Z`), newId: () => newId(), adminToken: 'bench' };
    const random = rng(42);

    // Directory: 50 places (capacity 30 a day), 200 people (directory writes bump one counter: sequential).
    const places: string[] = [];
    const preferential = new Map<string, number>();
    for (let i = 0; i < PLACES; i++) {
      const p = await createRecord(deps, ACTOR, 'place', { name: `Lieu ${i}`, address: { postcode: '24000', commune: 'Périgueux' }, mobility: { acceptsVisitors: true, dailyVisitorCapacity: 30, preferentialDayRateCents: 800 + 10 * (i % 20) } });
      places.push(p.id);
      preferential.set(p.id, p.mobility!.preferentialDayRateCents);
    }
    const people: { id: string; home: string; hasPass: boolean }[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const home = places[i % PLACES]!;
      const p = await createRecord(deps, ACTOR, 'person', { homePlaceId: home, displayName: `Personne ${i}` });
      people.push({ id: p.id, home, hasPass: i % 4 === 0 });
    }
    for (const p of people.filter((x) => x.hasPass)) {
      await createPass(deps, ACTOR, { personId: p.id, period: 'year', daysPerPeriod: 366, priceCents: 60000, startsOn: `${YEAR}-01-01`, endsOn: `${YEAR}-12-31` });
    }

    // A year of visits: the bulk written in parallel batches, then a sample through the use case.
    const start = Date.UTC(YEAR, 0, 1);
    const jobs = Array.from({ length: VISITS }, (_, i) => {
      const person = people[Math.floor(random() * PEOPLE)]!;
      let host = places[Math.floor(random() * PLACES)]!;
      if (host === person.home) host = places[(places.indexOf(host) + 1) % PLACES]!;
      const date = new Date(start + Math.floor(random() * 365) * 86_400_000).toISOString().slice(0, 10);
      const r = random();
      const scheme: VisitScheme = person.hasPass && r < 0.6 ? 'pass' : r < 0.75 ? 'retrocession' : 'preferential';
      return { key: `bench-${i}`, person, input: { personId: person.id, hostPlaceId: host, date, scheme } };
    });
    const passOf = new Map((await listPassesOfPeople(deps, people.filter((p) => p.hasPass).map((p) => p.id))).map((p) => [p.personId, p]));
    const bulk = new BulkWriter(table);
    const seen = new Set<string>();
    const perDay = new Map<string, number>();
    const nowIso = deps.now().toISOString();
    let refused = 0;
    for (const job of jobs.slice(0, VISITS - SAMPLE)) {
      const { input, person } = job;
      const dayKey = `${input.hostPlaceId}|${input.date}`;
      const visitKey = `${input.personId}|${dayKey}`;
      if (seen.has(visitKey) || (perDay.get(dayKey) ?? 0) >= 30) {
        refused++;
        continue;
      }
      seen.add(visitKey);
      perDay.set(dayKey, (perDay.get(dayKey) ?? 0) + 1);
      const pass = input.scheme === 'pass' ? passOf.get(input.personId) : undefined;
      const { amountCents, postings } = visitPostings(input.scheme, { personId: person.id, homePlaceId: person.home, hostPlaceId: input.hostPlaceId }, DEFAULT_MOBILITY_SETTINGS, preferential.get(input.hostPlaceId)!);
      const visitId = newId();
      const entry: JournalEntry = { id: newId(), date: input.date, memo: 'Visite (bench)', kind: 'visit', postings, visitId, createdAt: nowIso, createdBy: ACTOR_ID };
      const visit: Visit = {
        id: visitId, personId: person.id, homePlaceId: person.home, hostPlaceId: input.hostPlaceId, date: input.date, scheme: input.scheme, status: 'active',
        ...(pass ? { passId: pass.id, passPeriod: String(YEAR) } : {}), amountCents, entryId: entry.id, postings, createdAt: nowIso, createdBy: ACTOR_ID,
      };
      bulk.add(recordVisitItems(table, { visit, capacity: 30, passDays: pass?.daysPerPeriod, idempotency: { scope: ACTOR_ID, key: job.key, requestHash: 'bench', ttl: 0 } }));
      bulk.add(journalEntryItems(table, entry));
    }
    let itemsWritten = 0;
    const bulkMs = await timeIt(async () => (itemsWritten = await bulk.flush(CONCURRENCY)));
    let recorded = VISITS - SAMPLE - refused;
    let next = VISITS - SAMPLE;
    const sampleMs = await timeIt(() =>
      Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < jobs.length) {
            const job = jobs[next++]!;
            try {
              await recordVisit(deps, ACTOR, job.input, job.key);
              recorded++;
            } catch (err) {
              if (err instanceof AppError && err.status === 409) refused++;
              else throw err;
            }
          }
        }),
      ),
    );

    // Measurements on a separate, metered client.
    const metered = createTableRef({ tableName: table.tableName, endpoint: dynamo.endpoint });
    const meter = meterCapacity(metered.doc);
    const counter = countItems(metered);
    const mdeps: Deps = { ...deps, table: metered };
    const month = `${YEAR}-06`;

    meter.reset();
    counter.reset();
    const settlement = await computeSettlement(mdeps, month);
    const settlementItems = counter.items;
    const settlementRcu = meter.read;

    counter.reset();
    meter.reset();
    await computeBalances(mdeps, `${YEAR}-01-01`, `${YEAR}-12-31`, 'all');
    const yearBalanceItems = counter.items;
    const yearBalanceRcu = meter.read;

    counter.reset();
    await buildStatement(mdeps, ACTOR, month, places[7]!);
    const statementItems = counter.items;

    const getKey = keys.directoryRecord('place', places[0]!);
    const getOnce = () => metered.doc.send(new GetCommand({ TableName: metered.tableName, Key: getKey, ConsistentRead: true }));
    for (let i = 0; i < 5; i++) await Promise.all([getOnce(), computeSettlement(mdeps, month)]); // warm-up
    const getMs: number[] = [];
    const settleMs: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      getMs.push(await timeIt(getOnce));
      settleMs.push(await timeIt(() => computeSettlement(mdeps, month)));
    }
    const ratio = median(settleMs) / median(getMs);
    const organisations = settlement.balances.length;

    return {
      name: 'ledger',
      figures: {
        'visits recorded (409 refused)': `${recorded} (${refused})`,
        'bulk load: items written': itemsWritten,
        'bulk load time s': Number((bulkMs / 1000).toFixed(1)),
        [`use case: ${SAMPLE} visits, ${CONCURRENCY} at a time, visits/s`]: Math.round(SAMPLE / (sampleMs / 1000)),
        'settlement month': month,
        'settlement organisations (balances)': organisations,
        'settlement transfers': settlement.transfers.length,
        'settlement items read': settlementItems,
        'settlement RCU': Number(settlementRcu.toFixed(1)),
        'settlement median ms': Number(median(settleMs).toFixed(2)),
        'GetItem median ms': Number(median(getMs).toFixed(2)),
        'settlement / GetItem time ratio': Number(ratio.toFixed(2)),
        'year balances (12 months) items read': yearBalanceItems,
        'year balances RCU': Number(yearBalanceRcu.toFixed(1)),
        'one place statement items read': statementItems,
      },
      targets: {
        'settlement reads one item per organisation (≤ 51), not per visit': settlementItems <= PLACES + 1,
        'settlement clears with ≤ n − 1 transfers': settlement.transfers.length <= Math.max(0, settlement.balances.filter((b) => b.balanceCents !== 0).length - 1),
      },
      notes: [
        `${PLACES} places, ${PEOPLE} people (1 in 4 with a yearly pass), ${VISITS} visits in ${YEAR} the first ${VISITS - SAMPLE} bulk-written with the repository's own item builders (BatchWrite, ADD counters summed), the last ${SAMPLE} through recordVisit (one TransactWrite each).`,
        'Items read counts what each Get/Query returned; RCU from ReturnConsumedCapacity (DynamoDB Local reports CapacityUnits).',
        `Medians of ${REPEAT} alternating runs on DynamoDB Local (in memory); figures on real DynamoDB differ, the ratio is indicative.`,
      ],
    };
  } finally {
    await dynamo.stop();
  }
}
