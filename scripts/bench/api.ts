/**
 * `npm run bench -- api`: what the API costs to start and to search.
 * 1. bundles the API entry and a minimal Hono "hello" handler exactly as the CDK construct
 *    does, and compares their sizes and the cold init of a fresh `node` importing each;
 * 2. loads 50 places and 2,000 resources into an in-memory DynamoDB Local, then measures
 *    the read capacity per search (ReturnConsumedCapacity) and the search's median latency
 *    against `GET /v1/places/{id}` on the same app (app.request, no network in front).
 */
import { spawn, spawnSync } from 'node:child_process';
import { startFakeSecretsManager } from '../../tests/fakes/secrets-manager.js';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { availableParallelism, loadavg } from 'node:os';
import type { BenchResult } from '../bench.js';
import { bundleLambda, LAMBDA_ENTRIES, PROJECT_ROOT, type BundleInfo } from '../build.js';
import { SOURCE_MAPS_NODE_OPTIONS } from '../../infra/constructs/bundling-options.js';
import { startDynamoDbLocal } from '../dynamodb-local.js';
import { createTableRef, type TableRef } from '../../integrations/dynamodb/client.js';
import { ensureTable } from '../../integrations/dynamodb/ensure-table.js';
import { meterCapacity } from '../../integrations/dynamodb/capacity.js';
import { createApp } from '../../functions/api/app.js';
import { newId } from '../../functions/domain/ids.js';
import type { Deps } from '../../functions/domain/deps.js';
import { verifyRecord } from '../../functions/domain/directory/write-records.js';
import { COMMUNES, loadBenchDirectory, seededRandom } from './directory-load.js';
import { median, round } from './stats.js';

const INIT_RUNS = 15;
const PLACES = 50;
const RESOURCES = 2_000;
const SEARCHES = 200;
const LATENCY_SAMPLES = 200;
const WRITE_EVERY = 50;


// ---------------------------------------------------------------- bundle and cold init

interface BundleFigures {
  /** Every JavaScript file of the function (entry and chunks). */
  bytes: number;
  gzipBytes: number;
  /** What a cold start compiles: the entry and its static imports. */
  initialBytes: number;
  wallMs: number;
  importMs: number;
  /** Same, without --enable-source-maps (what the source maps cost at init). */
  wallNoMapsMs: number;
  /** Import, then a first GET /demo (a route group loaded on first use): API only. */
  firstLazyRequestMs?: number;
  /**
   * Process start, import and one request answered (GET /v1/health), on the production path:
   * the admin token's secret in a local fake Secrets Manager, not ADMIN_TOKEN. API and floor 2.
   */
  productionPathMs?: number;
  /** Secrets Manager reads during those runs (0: public requests do not wait for the secret). */
  secretReads?: number;
}

/**
 * Median wall time of process start, import and one `GET /v1/health` answered, for each
 * bundle, with the admin token's secret in a local fake Secrets Manager (not ADMIN_TOKEN),
 * as in AWS. Spawned asynchronously so the fake (in this process) can answer if asked; the
 * count of secret reads shows whether the request waited for it (it should not).
 */
async function secretPathInit(bundles: string[]): Promise<{ wallMs: number[]; secretReads: number }> {
  const arn = 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:AdminToken-bench';
  const fake = await startFakeSecretsManager([{ name: 'AdminToken-bench', arn, value: 'bench-admin-token-from-the-secret-0123', tags: {} }]);
  const runner = resolve(PROJECT_ROOT, 'scripts/bench/import-runner.mjs');
  const env = { PATH: process.env.PATH, NODE_OPTIONS: SOURCE_MAPS_NODE_OPTIONS, TABLE_NAME: 'bench', AWS_REGION: 'eu-west-3', ADMIN_TOKEN_SECRET_ARN: arn, AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.url, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' };
  const once = (bundle: string) =>
    new Promise<number>((ok, ko) => {
      const t0 = performance.now();
      const child = spawn(process.execPath, [runner, pathToFileURL(bundle).href, '/v1/health'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr!.on('data', (d: Buffer) => (err += d));
      child.on('exit', (code) => (code === 0 ? ok(performance.now() - t0) : ko(new Error(`init of ${bundle} failed: ${err}`))));
    });
  try {
    const samples = bundles.map(() => [] as number[]);
    for (let run = -2; run < INIT_RUNS; run++) {
      for (const [i, bundle] of bundles.entries()) {
        const ms = await once(bundle);
        if (run >= 0) samples[i]!.push(ms);
      }
    }
    return { wallMs: samples.map(median), secretReads: fake.gets.length };
  } finally {
    await fake.close();
  }
}

/**
 * Median wall time of `node runner.mjs <bundle>` (process start, import, exit) and of the
 * import alone, for each bundle, with the NODE_OPTIONS given.
 */
function measureColdInit(bundles: string[], nodeOptions: string, firstPath?: string, adminEnv: Record<string, string> = { ADMIN_TOKEN: 'bench-admin-token-0123456789' }): { wallMs: number; importMs: number; firstRequestMs: number }[] {
  const runner = resolve(PROJECT_ROOT, 'scripts/bench/import-runner.mjs');
  // Only what lets init succeed without AWS (the bundle never reaches DynamoDB at init).
  const env = { PATH: process.env.PATH, NODE_OPTIONS: nodeOptions, TABLE_NAME: 'bench', AWS_REGION: 'eu-west-3', ...adminEnv };
  const samples = bundles.map(() => ({ wall: [] as number[], imp: [] as number[], first: [] as number[] }));
  for (let run = -2; run < INIT_RUNS; run++) {
    // Interleaved, so drift on the machine affects both alike; the first two runs warm the disk cache.
    bundles.forEach((bundle, i) => {
      const t0 = performance.now();
      const out = spawnSync(process.execPath, [runner, pathToFileURL(bundle).href, ...(firstPath ? [firstPath] : [])], { env, encoding: 'utf8' });
      const wall = performance.now() - t0;
      if (out.status !== 0) throw new Error(`init of ${bundle} failed: ${out.stderr}`);
      if (run < 0) return;
      samples[i]!.wall.push(wall);
      // The request log lines (the API logs each request, as in Lambda) come before the runner's own line.
      const r = JSON.parse(out.stdout.trim().split('\n').pop()!) as { importMs: number; firstRequestMs?: number };
      samples[i]!.imp.push(r.importMs);
      if (r.firstRequestMs !== undefined) samples[i]!.first.push(r.firstRequestMs);
    });
  }
  return samples.map((s) => ({ wallMs: median(s.wall), importMs: median(s.imp), firstRequestMs: s.first.length ? median(s.first) : NaN }));
}

/** The bundle, its reference, and two floors: the reference plus a DynamoDB document client, then plus zod and the directory schemas. */
const BUNDLES = {
  api: LAMBDA_ENTRIES.api,
  hello: 'scripts/bench/hello-lambda.ts',
  helloDynamo: 'scripts/bench/hello-dynamodb-lambda.ts',
  helloDynamoZod: 'scripts/bench/hello-dynamodb-zod-lambda.ts',
} as const;
type BundleName = keyof typeof BUNDLES;

async function measureBundles(): Promise<Record<BundleName, BundleFigures>> {
  const names = Object.keys(BUNDLES) as BundleName[];
  const infos: BundleInfo[] = [];
  for (const name of names) infos.push(await bundleLambda(BUNDLES[name], resolve(PROJECT_ROOT, 'dist/bench', name)));
  const files = infos.map((i) => i.file);
  // As in Lambda (the construct sets NODE_OPTIONS), then without source maps for comparison.
  const withMaps = measureColdInit(files, SOURCE_MAPS_NODE_OPTIONS);
  const noMaps = measureColdInit(files, '');
  // What the lazy loading moves: the first request to a group loads its chunk (/demo needs no database).
  const [apiFirst] = measureColdInit([files[0]!], SOURCE_MAPS_NODE_OPTIONS, '/demo');
  // Issue 15's cold start: import and one request answered, API on the secret path vs the second floor.
  // (spawnSync blocks this process, so the fake runs in a child of its own: see secretPathInit.)
  const production = await secretPathInit([files[0]!, files[names.indexOf('helloDynamoZod')]!]);
  const gzipBytes = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.mjs')).reduce((n, f) => n + gzipSync(readFileSync(resolve(dir, f))).length, 0);
  return Object.fromEntries(
    names.map((name, i) => [
      name,
      {
        bytes: infos[i]!.totalBytes,
        gzipBytes: gzipBytes(dirname(files[i]!)),
        initialBytes: infos[i]!.initialBytes,
        wallMs: withMaps[i]!.wallMs,
        importMs: withMaps[i]!.importMs,
        wallNoMapsMs: noMaps[i]!.wallMs,
        ...(name === 'api' ? { firstLazyRequestMs: apiFirst!.firstRequestMs, productionPathMs: production.wallMs[0], secretReads: production.secretReads } : {}),
        ...(name === 'helloDynamoZod' ? { productionPathMs: production.wallMs[1] } : {}),
      },
    ]),
  ) as Record<BundleName, BundleFigures>;
}

// ---------------------------------------------------------------- search capacity and latency

/** A realistic mix of searches: text, kind, distance, category, lending, capacity, price. */
function searchQueries(placeIds: string[], count: number): string[] {
  const rnd = seededRandom(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const near = () => {
    const c = pick(COMMUNES);
    return `near=${c.lat},${c.lon}&radiusKm=${pick([10, 20, 30, 50])}`;
  };
  const templates: (() => string)[] = [
    () => `q=${encodeURIComponent(pick(['salle', 'perigueux', 'imprimante', 'atelier', 'Sarlat', 'vélo', 'reunion', 'sono']))}`,
    () => `kind=${pick(['space', 'equipment', 'other'])}`,
    () => `kind=space&${near()}`,
    () => `category=${pick(['meeting_room', 'projector', 'printer_3d', 'desk', 'event_gear', 'tool'])}`,
    () => `kind=equipment&lendable=true`,
    () => `kind=space&minCapacity=${pick([5, 10, 20])}`,
    () => `maxRateCents=${pick([2000, 5000, 8000])}&rateUnit=day`,
    () => `q=atelier&${near()}`,
    () => `placeId=${pick(placeIds)}`,
    () => `limit=20`,
    () => `lendable=true&${near()}&limit=10`,
  ];
  return Array.from({ length: count }, (_, i) => `/v1/resources?${templates[i % templates.length]!()}`);
}

async function timed(app: ReturnType<typeof createApp>, path: string): Promise<number> {
  const t0 = performance.now();
  const res = await app.request(path);
  await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
  return ms;
}

async function measureSearch() {
  const dynamo = await startDynamoDbLocal({ dataDir: 'memory' });
  try {
    const tableName = 'bench-api';
    const depsOn = (table: TableRef): Deps => ({ table, now: () => new Date(), newId: () => newId(), adminToken: 'bench-admin-token-0123456789', publicBaseUrl: 'http://localhost:3000' });
    // The loader has its own client, so only the server's requests are metered.
    const loader = depsOn(createTableRef({ tableName, endpoint: dynamo.endpoint }));
    await ensureTable(loader.table);
    const t0 = performance.now();
    const { placeIds, resourceIds } = await loadBenchDirectory(loader, { places: PLACES, resources: RESOURCES });
    const loadSeconds = (performance.now() - t0) / 1000;

    const server = depsOn(createTableRef({ tableName, endpoint: dynamo.endpoint }));
    const meter = meterCapacity(server.table.doc);
    const app = createApp(server);
    const queries = searchQueries(placeIds, SEARCHES);

    meter.reset();
    await timed(app, queries[0]!);
    const coldRcu = meter.read; // first search of a new instance: version read + the whole directory

    meter.reset();
    let results = 0;
    for (const q of queries) results += ((await (await app.request(q)).json()) as { items: unknown[] }).items.length;
    const steadyRcu = meter.read / queries.length;

    // Same searches with a directory write (a resource verified) every WRITE_EVERY searches.
    meter.reset();
    for (const [i, q] of queries.entries()) {
      if (i % WRITE_EVERY === 0) await verifyRecord(loader, { role: 'system', id: 'bench:write' }, 'resource', resourceIds[i]!);
      await timed(app, q);
    }
    const withWritesRcu = meter.read / queries.length;

    // Latency, warm, interleaved: a search from the mix vs one place by id.
    const search: number[] = [];
    const byId: number[] = [];
    for (let i = -20; i < LATENCY_SAMPLES; i++) {
      const s = await timed(app, queries[(i + 20) % queries.length]!);
      const p = await timed(app, `/v1/places/${placeIds[(i + 20) % placeIds.length]}`);
      if (i >= 0) search.push(s), byId.push(p);
    }
    return { loadSeconds, coldRcu, steadyRcu, withWritesRcu, avgResults: results / queries.length, searchMs: median(search), placeMs: median(byId) };
  } finally {
    await dynamo.stop();
  }
}

export async function run(): Promise<BenchResult> {
  const loadAtStart = loadavg()[0]!;
  const b = await measureBundles();
  const s = await measureSearch();
  const sizeRatio = b.api.bytes / b.hello.bytes;
  const gzipRatio = b.api.gzipBytes / b.hello.gzipBytes;
  const initRatio = b.api.wallMs / b.hello.wallMs;
  const productionRatio = b.api.productionPathMs! / b.helloDynamoZod.productionPathMs!;
  const latencyRatio = s.searchMs / s.placeMs;
  // How many searches an instance must serve for its one full load to average out under 2 units.
  const breakEven = s.steadyRcu < 2 ? Math.ceil(s.coldRcu / (2 - s.steadyRcu)) : Infinity;
  const kib = (n: number) => round(n / 1024, 1);
  return {
    name: 'api',
    figures: {
      'API function, all files (KiB) raw / gzipped': `${kib(b.api.bytes)} / ${kib(b.api.gzipBytes)}`,
      'API function, compiled at a cold start (KiB)': kib(b.api.initialBytes),
      'hello (KiB) raw / gzipped': `${kib(b.hello.bytes)} / ${kib(b.hello.gzipBytes)}`,
      'bundle size ratio (raw / gzipped)': `${round(sizeRatio, 1)}× / ${round(gzipRatio, 1)}×`,
      [`cold init, node process, median of ${INIT_RUNS} (ms) API / hello`]: `${round(b.api.wallMs, 1)} / ${round(b.hello.wallMs, 1)}`,
      'cold init ratio (process)': round(initRatio),
      'import alone (ms) API / hello': `${round(b.api.importMs, 1)} / ${round(b.hello.importMs, 1)}`,
      'cold init without --enable-source-maps (ms) API / hello': `${round(b.api.wallNoMapsMs, 1)} / ${round(b.hello.wallNoMapsMs, 1)}`,
      'cold init ratio without source maps': round(b.api.wallNoMapsMs / b.hello.wallNoMapsMs),
      'first request to a lazily loaded group after a cold start, GET /demo (ms)': round(b.api.firstLazyRequestMs!, 1),
      'floor, hello + a DynamoDB document client (KiB raw, size ratio)': `${kib(b.helloDynamo.bytes)}, ${round(b.helloDynamo.bytes / b.hello.bytes, 1)}×`,
      'floor, hello + a DynamoDB document client: cold init ratio': round(b.helloDynamo.wallMs / b.hello.wallMs),
      'floor + zod and the directory schemas (KiB raw, size ratio)': `${kib(b.helloDynamoZod.bytes)}, ${round(b.helloDynamoZod.bytes / b.hello.bytes, 1)}×`,
      'floor + zod and the directory schemas: cold init ratio': round(b.helloDynamoZod.wallMs / b.hello.wallMs),
      'cold start, production path (secret in Secrets Manager), import + GET /v1/health (ms) API / floor 2': `${round(b.api.productionPathMs!, 1)} / ${round(b.helloDynamoZod.productionPathMs!, 1)}`,
      'cold start ratio, production path ÷ floor 2': round(productionRatio),
      'Secrets Manager reads during those cold starts': b.api.secretReads!,
      [`directory loaded (${PLACES} places, ${RESOURCES} resources) in (s)`]: round(s.loadSeconds, 1),
      'RCU per search, steady state (avg of 200)': round(s.steadyRcu, 3),
      'RCU of the first search of a new instance (full snapshot load)': round(s.coldRcu, 1),
      'searches per instance for that load to average under 2 RCU': breakEven,
      [`RCU per search with a write every ${WRITE_EVERY} searches (avg, change-log catch-up)`]: round(s.withWritesRcu, 2),
      'results per search (avg)': round(s.avgResults, 1),
      [`median latency (ms) search / GET place, ${LATENCY_SAMPLES} each`]: `${round(s.searchMs)} / ${round(s.placeMs)}`,
      'search latency ratio': round(latencyRatio),
    },
    targets: {
      'bundle size ≤ 2× hello (raw)': sizeRatio <= 2,
      'cold init ≤ 2× hello (node process)': initRatio <= 2,
      'cold start (import + one request, secret path) ≤ 1.15× floor 2': productionRatio <= 1.15,
      'public requests do not wait for the admin secret': b.api.secretReads === 0,
      'read capacity ≤ 2 units per search (steady state, average)': s.steadyRcu <= 2,
      [`read capacity ≤ 2 units per search with a write every ${WRITE_EVERY} searches`]: s.withWritesRcu <= 2,
      'search median latency ≤ 2× GET /v1/places/{id}': latencyRatio <= 2,
    },
    notes: [
      'Bundles built by scripts/build.ts with infra/constructs/bundling-options.ts (ESM, node20, minified, source maps, AWS SDK bundled, split at dynamic imports, all that a cold start loads in one chunk: scripts/one-initial-chunk.ts), as a deployment does; the floors are bundled by the same function. Sizes count every .mjs file; source maps are not counted.',
      'The floor is the hello handler plus `DynamoDBDocumentClient.from(new DynamoDBClient())` (integrations/dynamodb/client.ts): the least any handler that reads the table loads. The second floor adds zod and the Place, Resource and Person schemas.',
      'Cold init = spawn of `node` importing the bundle and exiting, NODE_OPTIONS=--enable-source-maps as in Lambda (target judged on this).',
      `Timings depend on the machine load (1-min load average ${loadAtStart.toFixed(1)} on ${availableParallelism()} cores at start): compare ratios, measured interleaved.`,
      'Capacity as reported by DynamoDB Local (CapacityUnits on strongly consistent reads). Each Lambda instance loads the whole directory once, then catches up after writes by reading only the change log since its watermark.',
    ],
  };
}
