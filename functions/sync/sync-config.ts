/**
 * The sync's configuration, in one place: environment variables named in
 * shared/sheet-layout.md, validated with zod. In AWS the secret ones come from
 * the integrations secret (JSON with the same key names) whose ARN is in
 * INTEGRATION_SECRET_ARN; a variable set in the environment wins.
 */
import * as z from 'zod';
import { readSecret } from '../config.js';
import { IntegrationConfigError } from '../domain/errors.js';
import { AirtableClient, AIRTABLE_DEFAULT_URL, type AirtableOptions } from '../../integrations/airtable/client.js';
import { AirtableProvider } from '../../integrations/airtable/airtable-provider.js';
import { GoogleSheetsClient, SHEETS_DEFAULT_URL, type GoogleSheetsOptions } from '../../integrations/google-sheets/client.js';
import { GOOGLE_TOKEN_DEFAULT_URL, readServiceAccount } from '../../integrations/google-sheets/service-account.js';
import { SheetsProvider } from '../../integrations/google-sheets/sheets-provider.js';
import type { ProviderName, SheetProvider } from '../domain/sync/provider.js';

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blankAsUndefined, s.optional());

export const SyncEnvSchema = z.object({
  AIRTABLE_TOKEN: opt(z.string().min(10)),
  AIRTABLE_BASE_ID: opt(z.string().regex(/^app[A-Za-z0-9]{3,40}$/, 'identifiant de base Airtable (app…) attendu')),
  AIRTABLE_API_URL: z.preprocess(blankAsUndefined, z.url().default(AIRTABLE_DEFAULT_URL)),
  AIRTABLE_WEBHOOK_SECRET: opt(z.base64()),
  GOOGLE_SHEETS_ID: opt(z.string().regex(/^[A-Za-z0-9_-]{10,200}$/, 'identifiant de classeur Google attendu')),
  GOOGLE_SERVICE_ACCOUNT: opt(z.string().min(2)),
  GOOGLE_SHEETS_API_URL: z.preprocess(blankAsUndefined, z.url().default(SHEETS_DEFAULT_URL)),
  GOOGLE_TOKEN_URL: z.preprocess(blankAsUndefined, z.url().default(GOOGLE_TOKEN_DEFAULT_URL)),
  SHEETS_HOOK_SECRET: opt(z.string().min(16, 'SHEETS_HOOK_SECRET : 16 caractères au moins')),
  SYNC_INTERVAL_MINUTES: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(1440).default(10)),
  INTEGRATION_SECRET_ARN: opt(z.string().min(1)),
});
export type SyncEnv = z.infer<typeof SyncEnvSchema>;

export const SECRET_KEYS = ['AIRTABLE_TOKEN', 'AIRTABLE_WEBHOOK_SECRET', 'GOOGLE_SERVICE_ACCOUNT', 'SHEETS_HOOK_SECRET'] as const;

export function parseSyncEnv(env: Record<string, string | undefined>): SyncEnv {
  const parsed = SyncEnvSchema.safeParse(env);
  if (!parsed.success) {
    const variables = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))];
    throw new IntegrationConfigError('Configuration de la synchro invalide : ' + parsed.error.issues.map((i) => `${i.path.join('.')} — ${i.message}`).join(' ; ') + '.', variables);
  }
  return parsed.data;
}

/** Reads the environment, completed by the integrations secret when INTEGRATION_SECRET_ARN is set. */
export async function loadSyncEnv(env: NodeJS.ProcessEnv = process.env): Promise<SyncEnv> {
  const base = parseSyncEnv(env);
  if (!base.INTEGRATION_SECRET_ARN) return base;
  let secret: Record<string, string>;
  try {
    secret = z.record(z.string(), z.string()).parse(JSON.parse(await readSecret(base.INTEGRATION_SECRET_ARN)));
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof z.ZodError) throw new IntegrationConfigError('Le secret des intégrations (INTEGRATION_SECRET_ARN) n’est pas un objet JSON de textes : refaites-le avec « npm run setup ».', ['INTEGRATION_SECRET_ARN']);
    throw err;
  }
  const merged: Record<string, string | undefined> = { ...env };
  for (const k of SECRET_KEYS) if (!blankAsUndefined(merged[k]) && secret[k]) merged[k] = secret[k];
  return parseSyncEnv(merged);
}

/** Why a provider is not configured (French), or undefined when it is. */
export function missingConfig(env: SyncEnv, provider: ProviderName): string | undefined {
  if (provider === 'airtable') return env.AIRTABLE_TOKEN && env.AIRTABLE_BASE_ID ? undefined : 'AIRTABLE_TOKEN et AIRTABLE_BASE_ID non renseignés';
  return env.GOOGLE_SHEETS_ID && env.GOOGLE_SERVICE_ACCOUNT ? undefined : 'GOOGLE_SHEETS_ID et GOOGLE_SERVICE_ACCOUNT non renseignés';
}

/** Test and bench knobs: injectable waits and transport. */
export interface ClientTuning {
  fetch?: typeof fetch;
  airtable?: Partial<AirtableOptions>;
  sheets?: Partial<GoogleSheetsOptions>;
}

export function createAirtableClient(env: SyncEnv, tuning: ClientTuning = {}): AirtableClient {
  return new AirtableClient({ token: env.AIRTABLE_TOKEN!, baseId: env.AIRTABLE_BASE_ID!, apiUrl: env.AIRTABLE_API_URL, fetch: tuning.fetch, ...tuning.airtable });
}

/** The provider of a configured spreadsheet; throws a French message when it is not configured. */
export function createProvider(env: SyncEnv, provider: ProviderName, tuning: ClientTuning = {}): SheetProvider {
  const missing = missingConfig(env, provider);
  if (missing) throw new Error(missing);
  if (provider === 'airtable') return new AirtableProvider(createAirtableClient(env, tuning));
  return new SheetsProvider(
    new GoogleSheetsClient({
      spreadsheetId: env.GOOGLE_SHEETS_ID!,
      serviceAccount: readServiceAccount(env.GOOGLE_SERVICE_ACCOUNT!),
      apiUrl: env.GOOGLE_SHEETS_API_URL,
      tokenUrl: env.GOOGLE_TOKEN_URL,
      fetch: tuning.fetch,
      ...tuning.sheets,
    }),
  );
}
