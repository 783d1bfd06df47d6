/**
 * `npm run bench -- scale [--sizes=2000,20000,100000]`: the directory at 2,000 / 20,000 /
 * 100,000 resources (issue 15). Default sizes 2,000 and 20,000 (CI); add 100,000 by hand.
 *
 * The directory is generated in memory (same generator as the API bench) and installed
 * as the process's index: writing 100,000 records through DynamoDB Local one transaction
 * at a time takes hours on a shared 2-core machine. What is measured is real:
 * - searches through the app (`app.request`): the counter GetItem on DynamoDB Local, then
 *   the index; against `GET /v1/places/{id}` (one GetItem) on the same app, interleaved;
 * - the first search of a new instance: a fresh `node` running the child bundled as the
 *   API's Lambda (scripts/build.ts), answering `GET /v1/resources?q=…` through the app:
 *   pointer and counter GetItems, the compact index object (from a file), the change-log
 *   Query, the index built, the page's records by BatchGet (those records are written to
 *   DynamoDB Local for it) — CPU, peak RSS (VmHWM), RCU and object reads; node runs with
 *   the API function's NODE_OPTIONS (infra/constructs/bundling-options.ts);
 * - one write applied to a warm index (median), and the CSV export's size.
 * Writes the figures to the README between the scale-bench markers.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg, availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchResult } from '../bench.js';
import { PROJECT_ROOT } from '../build.js';
import { startDynamoDbLocal } from '../dynamodb-local.js';
import { createTableRef } from '../../integrations/dynamodb/client.js';
import { ensureTable } from '../../integrations/dynamodb/ensure-table.js';
import { createApp } from '../../functions/api/app.js';
import { newId } from '../../functions/domain/ids.js';
import type { Deps } from '../../functions/domain/deps.js';
import { installDirectoryIndex } from '../../functions/domain/directory/snapshot.js';
import { serializeIndex } from '../../functions/domain/directory/index-artifact.js';
import { resourceFilter } from '../../functions/domain/directory/search-resources.js';
import { bundleLambda } from '../build.js';
import { API_NODE_OPTIONS } from '../../infra/constructs/bundling-options.js';
import { keys } from '../../integrations/dynamodb/keys.js';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createRecord } from '../../functions/domain/directory/write-records.js';
import { COMMUNES, buildIndex, placeInput, seededRandom } from './directory-load.js';
import { median, round } from './stats.js';

const SAMPLES = 150;

function sizesFromArgs(): number[] {
  const arg = process.argv.find((a) => a.startsWith('--sizes='));
  return arg ? arg.slice(8).split(',').map(Number).filter((n) => n > 0) : [2_000, 20_000];
}


const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

async function timeRequests(app: ReturnType<typeof createApp>, paths: string[]): Promise<number[][]> {
  const samples = paths.map(() => [] as number[]);
  for (let run = -10; run < SAMPLES; run++) {
    for (let k = 0; k < paths.length; k++) {
      const t0 = performance.now();
      const res = await app.request(paths[k]!);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${paths[k]} answered ${res.status}`);
      if (run >= 0) samples[k]!.push(performance.now() - t0);
    }
  }
  return samples;
}

interface ScaleRow {
  resources: number;
  figures: Record<string, number>;
}

async function measureScale(deps: Deps, resources: number, placeId: string, ctx: { endpoint: string; childBundle: string }): Promise<ScaleRow> {
  const { index, places } = buildIndex(resources);
  // The place the GET reads is in DynamoDB; the installed index serves the searches.
  installDirectoryIndex(deps.table, index);
  const app = createApp({ ...deps, indexArtifacts: 'off' });
  const c = COMMUNES[0]!;
  const paths = [`/v1/places/${placeId}`, '/v1/resources?kind=space&minCapacity=10', `/v1/resources?near=${c.lat},${c.lon}&radiusKm=15`, '/v1/resources?q=atelier%20bois'];
  const [get, filters, near, text] = await timeRequests(app, paths);
  const f: Record<string, number> = {
    'GET place p50 ms': round(median(get!), 2),
    'filters p50 ÷ GET': round(median(filters!) / median(get!)),
    'near p50 ÷ GET': round(median(near!) / median(get!)),
    'text q p50 ÷ GET': round(median(text!) / median(get!)),
    'worst p99 ÷ GET p99': round(Math.max(p99(filters!), p99(near!), p99(text!)) / p99(get!)),
  };
  // One write applied to the warm index (an edit of a resource's name and rates).
  const sample = [...(await index.resourceRecords.all())].slice(0, 200);
  const applyMs: number[] = [];
  for (const r of sample) {
    const t0 = performance.now();
    index.apply('resource', { ...r, name: `${r.name} (modifié)`, version: r.version + 1 });
    applyMs.push(performance.now() - t0);
  }
  f['one write applied, median µs'] = round(median(applyMs) * 1000, 1);
  // The CSV export.
  const csv = await app.request('/v1/resources.csv');
  f['CSV export status'] = csv.status;
  f['CSV export MB'] = round(csv.status === 303 ? (await (await app.request(new URL(csv.headers.get('location')!).pathname)).arrayBuffer()).byteLength / 1e6 : (await csv.arrayBuffer()).byteLength / 1e6);
  // A new instance from the artifact, in a fresh process.
  const dir = mkdtempSync(join(tmpdir(), 'scale-bench-'));
  const file = join(dir, 'artifact.bin.gz');
  const t0 = performance.now();
  const bytes = serializeIndex(index);
  f['artifact: build ms'] = round(performance.now() - t0, 0);
  writeFileSync(file, bytes);
  const q = 'atelier bois';
  // The page's records are in the table (the rest of the directory lives in the index only, see above).
  const page = index.resourceIndex.search(resourceFilter({ q }), 24).map((m) => m.facts.id);
  const held = await index.resourceRecords.page(deps, page.map((id) => ({ id, version: 0 })));
  for (let i = 0; i < page.length; i += 25) {
    const puts = page.slice(i, i + 25).map((id) => ({ PutRequest: { Item: { ...keys.directoryRecord('resource', id), entity: 'resource', ...held.get(id)! } } }));
    await deps.table.doc.send(new BatchWriteCommand({ RequestItems: { [deps.table.tableName]: puts } }));
  }
  const key = `bench-index-${resources}.bin.gz`;
  await deps.table.doc.send(new PutCommand({ TableName: deps.table.tableName, Item: { ...keys.directoryArtifact(), entity: 'dir-artifact', key, recordsKey: `bench-records-${resources}.json.gz`, seq: index.version, bytes: bytes.length, at: new Date().toISOString() } }));
  const child = spawnSync(process.execPath, [...API_NODE_OPTIONS.split(' '), ctx.childBundle, file, key, ctx.endpoint, deps.table.tableName, `/v1/resources?q=${encodeURIComponent(q)}`], { encoding: 'utf8', cwd: PROJECT_ROOT });
  if (child.status !== 0) throw new Error(`artifact child failed: ${child.stderr}`);
  const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as { cpuMs: number; peakRssMB: number; baseRssMB: number; wallMs: number; rcu: number; objectReads: number; items: number };
  if (r.items !== page.length) throw new Error(`the new instance found ${r.items} items, the index ${page.length}`);
  f['artifact MB (gzip)'] = round(bytes.length / 1e6);
  f['new instance, first search: CPU ms'] = round(r.cpuMs, 0);
  f['new instance, first search: wall ms'] = round(r.wallMs, 0);
  f['new instance: RSS before, MB'] = round(r.baseRssMB, 0);
  f['new instance: peak RSS MB'] = round(r.peakRssMB, 0);
  f['new instance: RCU'] = round(r.rcu, 1);
  f['new instance: object reads'] = r.objectReads;
  void places;
  return { resources, figures: f };
}

function writeReadme(rows: ScaleRow[], notes: string[]): void {
  const path = resolve(PROJECT_ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const start = '<!-- scale-bench:start -->';
  const end = '<!-- scale-bench:end -->';
  if (!readme.includes(start)) return;
  const keys = Object.keys(rows[0]!.figures);
  const table = [`| measured | ${rows.map((r) => r.resources.toLocaleString('en')).join(' | ')} |`, `|---|${rows.map(() => '---').join('|')}|`, ...keys.map((k) => `| ${k} | ${rows.map((r) => r.figures[k]).join(' | ')} |`)].join('\n');
  const block = `${start}\n_Generated by \`npm run bench -- scale\` on ${new Date().toISOString().slice(0, 16)} UTC; ${notes.join('; ')}._\n\n${table}\n${end}`;
  writeFileSync(path, readme.slice(0, readme.indexOf(start)) + block + readme.slice(readme.indexOf(end) + end.length));
}

export async function run(): Promise<BenchResult> {
  const dynamo = await startDynamoDbLocal({ dataDir: 'memory' });
  try {
    const table = createTableRef({ tableName: 'bench-scale', endpoint: dynamo.endpoint });
    await ensureTable(table);
    const deps: Deps = { table, now: () => new Date(), newId: () => newId(), adminToken: 'bench-admin-token-0123456789', publicBaseUrl: 'http://localhost:3000' };
    const rnd = seededRandom(7);
    const placeId = (await createRecord(deps, { role: 'system', id: 'bench:scale' }, 'place', placeInput(rnd, 0))).id;
    // The new instance runs bundled as the API's Lambda is (no TypeScript loader in its memory).
    const childBundle = (await bundleLambda('scripts/bench/scale-artifact-child.ts', resolve(PROJECT_ROOT, 'dist/bench/scale-child'))).file;
    const rows: ScaleRow[] = [];
    for (const size of sizesFromArgs()) {
      console.log(`  … ${size} resources`);
      rows.push(await measureScale(deps, size, placeId, { endpoint: dynamo.endpoint, childBundle }));
    }
    const notes = [
      `load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${availableParallelism()} cores`,
      'directory generated in memory and installed as the index; GET and searches through app.request on DynamoDB Local',
      `new instance: a fresh node running the bundled child with NODE_OPTIONS "${API_NODE_OPTIONS}", first search GET /v1/resources?q=atelier bois (24 items), peak RSS = VmHWM, RCU as DynamoDB Local reports them (pointer, counter, change log, BatchGet of the page)`,
    ];
    writeReadme(rows, notes);
    const figures: Record<string, number> = {};
    for (const r of rows) for (const [k, v] of Object.entries(r.figures)) figures[`${r.resources}: ${k}`] = v;
    const targets: Record<string, boolean> = {};
    for (const r of rows) {
      targets[`${r.resources}: search p50 ≤ 2× GET (filters, near, text)`] = Math.max(r.figures['filters p50 ÷ GET']!, r.figures['near p50 ÷ GET']!, r.figures['text q p50 ÷ GET']!) <= 2;
      targets[`${r.resources}: p99 ≤ 4× GET p99`] = r.figures['worst p99 ÷ GET p99']! <= 4;
      targets[`${r.resources}: new instance's first search ≤ 1 s CPU, ≤ 150 MB, ≤ 100 RCU, one object read`] =
        r.figures['new instance, first search: CPU ms']! <= 1000 && r.figures['new instance: peak RSS MB']! <= 150 && r.figures['new instance: RCU']! <= 100 && r.figures['new instance: object reads']! === 1;
    }
    return { name: 'scale', figures, targets, notes };
  } finally {
    await dynamo.stop();
  }
}
