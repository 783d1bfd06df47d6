/**
 * Entry points shared by the routes, the hooks, the scheduled Lambda and the
 * local scripts: one round on a configured provider, the Airtable webhook ping
 * and the Apps Script call. The configuration is read once (env, then the
 * integrations secret); tests and benches attach their own with `configureSync`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import type { Deps } from '../domain/deps.js';
import type { Actor } from '../domain/actor.js';
import { authorize } from '../domain/permissions.js';
import { ConflictError, UnauthenticatedError, UnprocessableError, ValidationError, fieldErrorsFromZod } from '../domain/errors.js';
import type { ProviderName } from '../domain/sync/provider.js';
import { runSyncRound, type SyncRoundOptions } from '../domain/sync/run-sync-round.js';
import type { RoundSummary } from '../domain/sync/summary.js';
import { verifyAirtableMac, WebhookPingSchema, summarisePayloads } from '../../integrations/airtable/webhooks.js';
import { getWebhookCursor, listWebhookCursors, putWebhookCursor, requestSyncRerun } from '../../integrations/dynamodb/sync-repository.js';
import { settingsView, type SettingsView } from './sync-settings.js';
import { createAirtableClient, createProvider, loadSyncEnv, missingConfig, parseSyncEnv, type ClientTuning, type SyncEnv } from './sync-config.js';

interface Setup {
  env: SyncEnv;
  tuning: ClientTuning;
}

const attached = new WeakMap<Deps['table'], Setup>();
let fromProcess: Promise<Setup> | undefined;

/** Gives a table its own sync configuration (tests, benches, the local server). */
export function configureSync(deps: Deps, env: Record<string, string | undefined>, tuning: ClientTuning = {}): void {
  attached.set(deps.table, { env: parseSyncEnv(env), tuning });
}

async function setupFor(deps: Deps): Promise<Setup> {
  const own = attached.get(deps.table);
  if (own) return own;
  fromProcess ??= loadSyncEnv(process.env).then((env) => ({ env, tuning: {} }));
  // A failure reading the secret may be transient: the next request tries again.
  fromProcess.catch(() => (fromProcess = undefined));
  return fromProcess;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationError([{ path: '(corps)', message: 'le corps de la requête n’est pas du JSON valide' }]);
  }
}

const LABELS: Record<ProviderName, string> = { airtable: 'Airtable', sheets: 'Google Sheets' };

/** One round now (POST /v1/sync/*, npm run sync, the schedule). 422 when not configured, 409 when a round is running. */
export async function runConfiguredRound(deps: Deps, provider: ProviderName, opts: SyncRoundOptions = {}): Promise<RoundSummary> {
  const { env, tuning } = await setupFor(deps);
  const missing = missingConfig(env, provider);
  if (missing) throw new UnprocessableError(`${LABELS[provider]} n’est pas configuré : ${missing}.`);
  return runSyncRound(deps, createProvider(env, provider, tuning), opts);
}

/** POST /v1/sync/{provider}: the administrator (or the « Synchroniser maintenant » menu through the hook) runs a round now. */
export async function syncNow(deps: Deps, actor: Actor, provider: ProviderName, opts: { dryRun?: boolean } = {}): Promise<RoundSummary> {
  authorize(actor, 'sync.run');
  return runConfiguredRound(deps, provider, opts);
}

/** The sync settings this process uses (secrets as fingerprints), for `npm run sync` to compare with its own. */
export async function syncSettings(deps: Deps, actor: Actor): Promise<{ pid: number; settings: SettingsView }> {
  authorize(actor, 'sync.run');
  const { env } = await setupFor(deps);
  return { pid: process.pid, settings: settingsView(env) };
}

/** Which providers have credentials (the schedule runs those only). */
export async function configuredProviders(deps: Deps): Promise<ProviderName[]> {
  const { env } = await setupFor(deps);
  return (['airtable', 'sheets'] as const).filter((p) => !missingConfig(env, p));
}

/**
 * The scheduled backstop (EventBridge in AWS, a timer under `npm start`): refreshes the
 * Airtable webhooks (they expire after 7 days) and runs a full round per configured
 * provider. A round already running is not an error: it will have seen the changes.
 */
export async function runScheduledSync(deps: Deps): Promise<Record<string, RoundSummary | { skipped: string } | { error: string }>> {
  const out: Record<string, RoundSummary | { skipped: string } | { error: string }> = {};
  for (const provider of await configuredProviders(deps)) {
    try {
      if (provider === 'airtable') await refreshAirtableWebhooks(deps);
      out[provider] = await runConfiguredRound(deps, provider);
    } catch (err) {
      out[provider] = err instanceof ConflictError ? { skipped: err.message } : { error: (err as Error).message };
    }
  }
  return out;
}

/** Runs a round for a pushed change; when one is running it asks it to go once more instead. */
async function roundForPush(deps: Deps, provider: ProviderName, opts: SyncRoundOptions): Promise<RoundSummary | { skipped: string }> {
  try {
    return await runConfiguredRound(deps, provider, opts);
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    await requestSyncRerun(deps.table, provider);
    return { skipped: 'Une synchronisation est en cours ; elle repassera pour prendre en compte ce changement.' };
  }
}

/**
 * POST /v1/hooks/airtable. Primary course:
 * 1. check X-Airtable-Content-MAC against the raw body (401 otherwise);
 * 2. pull the webhook's payloads from the saved cursor (which also extends the webhook);
 * 3. ignore the payloads written through the API (the sync's own writes: no loop);
 * 4. when people changed something, run a round with the time of each change.
 */
export async function handleAirtablePing(deps: Deps, rawBody: string, macHeader: string | undefined): Promise<{ changes: number; round?: RoundSummary | { skipped: string } }> {
  const { env, tuning } = await setupFor(deps);
  if (!env.AIRTABLE_WEBHOOK_SECRET) throw new UnprocessableError('AIRTABLE_WEBHOOK_SECRET n’est pas configuré.');
  if (!verifyAirtableMac(rawBody, macHeader, env.AIRTABLE_WEBHOOK_SECRET)) throw new UnauthenticatedError('Signature X-Airtable-Content-MAC invalide.');
  const ping = WebhookPingSchema.safeParse(parseJson(rawBody));
  if (!ping.success) throw new ValidationError(fieldErrorsFromZod(ping.error.issues));
  if (missingConfig(env, 'airtable')) throw new UnprocessableError('Airtable n’est pas configuré.');
  const client = createAirtableClient(env, tuning);
  const webhookId = ping.data.webhook.id;
  let cursor = (await getWebhookCursor(deps.table, 'airtable', webhookId))?.cursor ?? 1;
  const payloads: unknown[] = [];
  for (let more = true; more; ) {
    const page = await client.listWebhookPayloads(webhookId, cursor);
    payloads.push(...page.payloads);
    cursor = page.cursor;
    more = page.mightHaveMore && page.payloads.length > 0;
  }
  await putWebhookCursor(deps.table, 'airtable', { webhookId, cursor, refreshedAt: deps.now().toISOString() });
  const changes = summarisePayloads(payloads);
  if (changes.count === 0) return { changes: 0 };
  return { changes: changes.count, round: await roundForPush(deps, 'airtable', { editedAt: changes.editedAt }) };
}

/** Webhooks expire after 7 days: the schedule refreshes every webhook a ping came from. */
export async function refreshAirtableWebhooks(deps: Deps): Promise<number> {
  const { env, tuning } = await setupFor(deps);
  if (missingConfig(env, 'airtable')) return 0;
  const client = createAirtableClient(env, tuning);
  const hooks = await listWebhookCursors(deps.table, 'airtable');
  for (const h of hooks) {
    await client.refreshWebhook(h.webhookId);
    await putWebhookCursor(deps.table, 'airtable', { ...h, refreshedAt: deps.now().toISOString() });
  }
  return hooks.length;
}

/** Creates the base's webhook pointing at POST /v1/hooks/airtable; its MAC secret is shown once. */
export async function createAirtableWebhook(deps: Deps, notificationUrl: string) {
  const { env, tuning } = await setupFor(deps);
  const created = await createAirtableClient(env, tuning).createWebhook(notificationUrl);
  await putWebhookCursor(deps.table, 'airtable', { webhookId: created.id, cursor: 1, refreshedAt: deps.now().toISOString() });
  return created;
}

// --- Google Sheets: the Apps Script installable trigger ---

export const SHEETS_SIGNATURE_HEADER = 'x-sheets-signature';
export const SHEETS_TIMESTAMP_HEADER = 'x-sheets-timestamp';
const MAX_SKEW_SECONDS = 300;

/** `sha256=<hex>` of `<timestamp>.<raw body>` keyed by SHEETS_HOOK_SECRET (what Code.gs sends). */
export function signSheetsCall(rawBody: string, timestamp: string, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
}

export const SheetsHookSchema = z.object({
  spreadsheetId: z.string().max(200),
  /** `edit`, `change` (rows inserted or removed) or `menu` (« Synchroniser maintenant »). */
  reason: z.enum(['edit', 'change', 'menu']),
  sheet: z.string().max(200).optional(),
  firstRow: z.number().int().min(1).optional(),
  lastRow: z.number().int().min(1).optional(),
  editedAt: z.iso.datetime({ offset: true }).optional(),
  user: z.string().max(200).optional(),
});

/**
 * POST /v1/hooks/sheets. Primary course:
 * 1. check the signature and that the timestamp is within 5 minutes (401 otherwise: no replay);
 * 2. check the call is about the configured spreadsheet;
 * 3. run a round, dating the edited rows with the time of the edit (for conflicts).
 */
export async function handleSheetsHook(deps: Deps, rawBody: string, signature: string | undefined, timestamp: string | undefined): Promise<RoundSummary | { skipped: string }> {
  const { env } = await setupFor(deps);
  if (!env.SHEETS_HOOK_SECRET) throw new UnprocessableError('SHEETS_HOOK_SECRET n’est pas configuré.');
  const ts = Number(timestamp);
  const skew = Math.abs(deps.now().getTime() / 1000 - ts);
  const expected = Buffer.from(signSheetsCall(rawBody, timestamp ?? '', env.SHEETS_HOOK_SECRET));
  const given = Buffer.from(signature ?? '');
  if (!Number.isFinite(ts) || skew > MAX_SKEW_SECONDS || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new UnauthenticatedError('Signature de l’Apps Script invalide ou expirée (vérifiez SHEETS_HOOK_SECRET et l’horloge).');
  }
  const call = SheetsHookSchema.safeParse(parseJson(rawBody));
  if (!call.success) throw new ValidationError(fieldErrorsFromZod(call.error.issues));
  if (env.GOOGLE_SHEETS_ID && call.data.spreadsheetId !== env.GOOGLE_SHEETS_ID) throw new UnprocessableError('Ce classeur n’est pas celui que synchronise l’API (GOOGLE_SHEETS_ID).');
  const editedAt = new Map<string, string>();
  const { sheet, firstRow, lastRow, editedAt: at } = call.data;
  if (sheet && firstRow && at) for (let r = firstRow; r <= Math.min(lastRow ?? firstRow, firstRow + 1000); r++) editedAt.set(`${sheet}!${r}`, at);
  return roundForPush(deps, 'sheets', { editedAt });
}
