/**
 * `npm start`: the product on the embedded default. Starts DynamoDB Local (unless
 * DYNAMODB_ENDPOINT is set), creates the table from the shared definition, loads
 * the demo data on first start, and serves the same Hono app Lambda runs.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { serve } from '@hono/node-server';
import * as z from 'zod';
import { startDynamoDbLocal, type LocalDynamo } from './dynamodb-local.js';
import { createTableRef } from '../integrations/dynamodb/client.js';
import { ensureTable } from '../integrations/dynamodb/ensure-table.js';
import { createApp } from '../functions/api/app.js';
import { newId } from '../functions/domain/ids.js';
import type { Deps } from '../functions/domain/deps.js';
import { tmpdir } from 'node:os';
import { localFileStore } from '../integrations/files/local-file-store.js';
import { loadDemoData } from './seed/load-demo.js';
import { localJobs } from './local-jobs.js';
import './register-local-jobs.js';

if (existsSync('.env')) process.loadEnvFile('.env');
// The pinned SDK runs on Node 20; its notice about future releases would only confuse a newcomer.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const LocalEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN : 16 caractères au moins').optional(),
  SEED: z.enum(['demo', 'none']).default('demo'),
  DATA_DIR: z.string().min(1).default('.data'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  TABLE_NAME: z.string().min(3).default('tiers-lieux'),
  PUBLIC_BASE_URL: z.url().optional(),
});

function fail(msg: string): never {
  console.error(msg);
  process.exit(1);
}

const parsed = LocalEnvSchema.safeParse(process.env);
if (!parsed.success) fail('Configuration invalide : ' + parsed.error.issues.map((i) => `${i.path.join('.')} — ${i.message}`).join(' ; '));
const env = parsed.data;

/** The admin token: given, or generated once and kept with the data so restarts keep it. */
function adminToken(): string {
  if (env.ADMIN_TOKEN) return env.ADMIN_TOKEN;
  const file = env.DATA_DIR !== 'memory' ? join(env.DATA_DIR, 'admin-token.txt') : undefined;
  if (file && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = 'admin_' + randomBytes(24).toString('base64url');
  if (file) {
    mkdirSync(env.DATA_DIR, { recursive: true });
    writeFileSync(file, token + '\n', { mode: 0o600 });
  }
  return token;
}

/** Whether the port is free, checked before anything starts (so a busy port costs nothing). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}
if (!(await portIsFree(env.PORT))) {
  fail(`Le port ${env.PORT} est déjà utilisé (un autre « npm start » tourne peut-être). Arrêtez-le, ou choisissez un autre port : PORT=${env.PORT + 1} npm start`);
}

let dynamo: LocalDynamo | undefined;
let stopping = false;
try {
  if (!env.DYNAMODB_ENDPOINT) dynamo = watch(await startDynamoDbLocal({ dataDir: env.DATA_DIR }));
} catch (err) {
  fail((err as Error).message);
}

/**
 * If DynamoDB Local dies under us, say so in one line and start it again on the same
 * port with the same data directory (requests meanwhile answer 503). With nothing kept
 * (`DATA_DIR=memory`), or when it keeps dying, stop with a non-zero code instead of
 * serving errors forever.
 */
function watch(d: LocalDynamo): LocalDynamo {
  const restarts: number[] = [];
  d.process.once('exit', async (code, signal) => {
    if (stopping) return;
    const port = Number(new URL(d.endpoint).port);
    if (env.DATA_DIR === 'memory') fail(`DynamoDB Local s’est arrêté (${signal ?? code}) ; ses données étaient en mémoire : arrêt du serveur.`);
    restarts.push(Date.now());
    if (restarts.filter((t) => t > Date.now() - 60_000).length > 3) fail('DynamoDB Local s’arrête sans cesse : arrêt du serveur.');
    console.error(`DynamoDB Local s’est arrêté (${signal ?? code}) : redémarrage sur le port ${port}, données conservées dans ${env.DATA_DIR}.`);
    try {
      dynamo = watch(await startDynamoDbLocal({ dataDir: env.DATA_DIR, port }));
      console.error(`DynamoDB Local redémarré (pid ${dynamo.process.pid}).`);
    } catch (err) {
      fail(`DynamoDB Local n’a pas pu redémarrer : ${(err as Error).message}`);
    }
  });
  return d;
}
// Whatever ends this process (an error, a busy port), DynamoDB Local must not outlive it.
process.on('exit', () => {
  if (dynamo && dynamo.process.exitCode === null) dynamo.process.kill('SIGTERM');
});
const endpoint = env.DYNAMODB_ENDPOINT ?? dynamo!.endpoint;
const baseUrl = env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`;
const deps: Deps = {
  table: createTableRef({ tableName: env.TABLE_NAME, endpoint }),
  now: () => new Date(),
  newId: () => newId(),
  adminToken: adminToken(),
  publicBaseUrl: baseUrl,
  // Kit files: a folder next to the table's data (a temporary one when nothing is kept).
  files: localFileStore(env.DATA_DIR === 'memory' ? join(tmpdir(), `tiers-lieux-kit-${process.pid}`) : join(env.DATA_DIR, 'kit-files')),
};

const created = await ensureTable(deps.table);
if (created === 'created' && env.SEED === 'demo') {
  const n = await loadDemoData(deps);
  console.log(`Données de démonstration chargées : ${n.places} lieux, ${n.resources} ressources, ${n.people} personnes.`);
} else if (created === 'existing') {
  console.log(`Table « ${env.TABLE_NAME} » existante réutilisée (${env.DATA_DIR === 'memory' ? 'DynamoDB externe' : env.DATA_DIR}).`);
}

const app = createApp(deps);
// The banner waits until the port is really ours, so a busy port never shows a misleading one.
const server = serve({ fetch: app.fetch, port: env.PORT }, () =>
  console.log(`
Réseau des tiers-lieux — serveur local
  Accueil        ${baseUrl}/
  Démo (widget)  ${baseUrl}/demo
  API            ${baseUrl}/v1/health
  Documentation  ${baseUrl}/docs
  OpenAPI        ${baseUrl}/v1/openapi.json
  DynamoDB       ${endpoint}${dynamo ? ` (DynamoDB Local, pid ${dynamo.process.pid}, données : ${env.DATA_DIR})` : ''}
  Jeton admin    ${deps.adminToken}
Ctrl-C pour arrêter.`),
);
server.on('error', (err) => fail(`Impossible d’écouter sur le port ${env.PORT} : ${(err as Error).message}`));

const stops: (() => Promise<void> | void)[] = [];
for (const job of localJobs) {
  const r = job.start(deps, process.env);
  if ('stop' in r) {
    stops.push(r.stop);
    console.log(`Tâche de fond « ${job.name} » : active.`);
  } else console.log(`Tâche de fond « ${job.name} » : inactive (${r.off}).`);
}

async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('\nArrêt…');
  await Promise.allSettled(stops.map((s) => s()));
  server.close();
  await dynamo?.stop();
  process.exit(0);
}
// Ctrl-C, `kill`, a closed terminal: whether sent to npm alone (the start script `exec`s
// node, so npm's forwarded signal reaches this process) or to the whole process group.
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGHUP', shutdown);
