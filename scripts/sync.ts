/**
 * `npm run sync -- airtable|sheets [--dry-run]`: one sync round, a progress line per tab
 * and a summary (created, updated, archived, refused).
 * - with `npm start` running, asks it (POST /v1/sync/<provider>, admin token of DATA_DIR);
 * - otherwise runs in-process on DYNAMODB_ENDPOINT, or on DynamoDB Local with DATA_DIR.
 * `npm run sync -- airtable --create-webhook https://…/v1/hooks/airtable` creates the base's
 * webhook and prints the secret to put in AIRTABLE_WEBHOOK_SECRET.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTableRef } from '../integrations/dynamodb/client.js';
import { ensureTable } from '../integrations/dynamodb/ensure-table.js';
import { newId } from '../functions/domain/ids.js';
import type { Deps } from '../functions/domain/deps.js';
import { configureSync, runConfiguredRound } from '../functions/sync/sync-service.js';
import { createAirtableClient, missingConfig, parseSyncEnv } from '../functions/sync/sync-config.js';
import { formatTabLine, RoundSummarySchema, type RoundSummary, type TabSummary } from '../functions/domain/sync/summary.js';
import { startDynamoDbLocal, type LocalDynamo } from './dynamodb-local.js';
import { settingsDifferences, settingsView } from '../functions/sync/sync-settings.js';

if (existsSync('.env')) process.loadEnvFile('.env');
const args = process.argv.slice(2);
const provider = args.find((a) => a === 'airtable' || a === 'sheets');
const dryRun = args.includes('--dry-run');
const webhookUrl = args.includes('--create-webhook') ? args[args.indexOf('--create-webhook') + 1] : undefined;

function fail(msg: string): never {
  console.error(msg);
  process.exit(1);
}
if (!provider) fail('Usage : npm run sync -- airtable|sheets [--dry-run]   (ou : npm run sync -- airtable --create-webhook https://…/v1/hooks/airtable)');

const env = (() => {
  try {
    return parseSyncEnv(process.env);
  } catch (err) {
    return fail((err as Error).message);
  }
})();

const missing = missingConfig(env, provider);
const notConfigured = () => fail(`${provider === 'airtable' ? 'Airtable' : 'Google Sheets'} n’est pas configuré : ${missing} (voir integrations/sheets/GUIDE-fr.md).`);

if (webhookUrl) {
  if (missing) notConfigured();
  if (provider !== 'airtable') fail('--create-webhook ne concerne qu’Airtable.');
  const hook = await createAirtableClient(env).createWebhook(webhookUrl);
  console.log(`Webhook créé : ${hook.id} (expire le ${hook.expirationTime ?? '?'} ; la synchro le prolonge).\nMettez ce secret dans AIRTABLE_WEBHOOK_SECRET (il n’est montré qu’une fois) :\n${hook.macSecretBase64}`);
  process.exit(0);
}

const print = (s: RoundSummary) => {
  if (s.skipped) console.log(`⚠ ${s.skipped}`);
  const t = s.totals;
  console.log(`\n${dryRun ? 'Simulation (rien n’a été écrit) : ' : 'Bilan : '}${t.created} créées, ${t.updated} modifiées, ${t.archived} archivées, ${t.refused} refusées · ${t.written + t.appended} lignes écrites dans la feuille${t.conflicts ? ` · ${t.conflicts} conflits` : ''}.`);
};
const onTab = (s: TabSummary) => console.log(formatTabLine(s));
console.log(`Synchro ${provider === 'airtable' ? 'Airtable' : 'Google Sheets'}${dryRun ? ' (simulation)' : ''}…`);

// 1. A running `npm start` owns DynamoDB Local: ask it.
const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? '.data';
const tokenFile = join(dataDir, 'admin-token.txt');
const adminToken = process.env.ADMIN_TOKEN ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
if (!process.env.DYNAMODB_ENDPOINT && adminToken) {
  const up = await fetch(`http://localhost:${port}/v1/health`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
  if (up) {
    // The round runs in the server, with the server's settings: say so when they are not this terminal's.
    const info = await fetch(`http://localhost:${port}/v1/sync/settings`, { headers: { authorization: `Bearer ${adminToken}` } });
    const server = (await info.json()) as { pid?: number; settings?: Record<string, string | null>; detail?: string };
    if (!info.ok) fail(`Le serveur local (npm start, port ${port}) ne peut pas synchroniser (${info.status}) : ${server.detail ?? ''}\nCorrigez ses réglages (fichier .env) puis redémarrez-le : Ctrl-C dans son terminal, puis npm start.`);
    const diff = settingsDifferences(server.settings ?? {}, settingsView(env));
    if (diff.length) {
      fail(
        [
          `Un « npm start » tourne déjà (processus ${server.pid}, port ${port}) avec d’autres réglages de synchro que ce terminal :`,
          ...diff,
          'La synchro passe par ce serveur, qui garde les réglages qu’il avait au démarrage.',
          'Pour utiliser les nouveaux : arrêtez-le (Ctrl-C dans son terminal, ou kill ' + server.pid + '), puis relancez « npm start » avec ces réglages (fichier .env) et refaites « npm run sync ».',
        ].join('\n'),
      );
    }
    const res = await fetch(`http://localhost:${port}/v1/sync/${provider}${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });
    const body = await res.json();
    if (!res.ok) fail(`Le serveur local a refusé (${res.status}) : ${body.detail ?? JSON.stringify(body)}`);
    const summary = RoundSummarySchema.parse(body);
    summary.tabs.forEach(onTab);
    print(summary);
    process.exit(summary.totals.refused || summary.skipped ? 2 : 0);
  }
}

// 2. Otherwise in-process, on the given DynamoDB or on DynamoDB Local with DATA_DIR.
if (missing) notConfigured();
let dynamo: LocalDynamo | undefined;
if (!process.env.DYNAMODB_ENDPOINT) dynamo = await startDynamoDbLocal({ dataDir }).catch((err: Error) => fail(err.message));
const deps: Deps = {
  table: createTableRef({ tableName: process.env.TABLE_NAME ?? 'tiers-lieux', endpoint: process.env.DYNAMODB_ENDPOINT ?? dynamo!.endpoint }),
  now: () => new Date(),
  newId: () => newId(),
  adminToken: adminToken ?? 'unused-by-the-sync-script',
};
let code = 0;
try {
  await ensureTable(deps.table);
  configureSync(deps, process.env);
  const summary = await runConfiguredRound(deps, provider, { dryRun, onTab });
  print(summary);
  code = summary.totals.refused || summary.skipped ? 2 : 0;
} catch (err) {
  console.error((err as Error).message);
  code = 1;
} finally {
  await dynamo?.stop();
}
process.exit(code);
