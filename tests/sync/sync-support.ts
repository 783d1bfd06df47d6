/** A fresh table with the app, a fake spreadsheet service, and the sync wired to it. */
import { expect } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { startFakeAirtable, type FakeAirtable } from '../fakes/airtable.js';
import { startFakeSheets, type FakeSheets } from '../fakes/google-sheets.js';
import { configureSync } from '../../functions/sync/sync-service.js';
import { OWNED_TAB_NAMES, TAB_HEADERS, TAB_NAMES } from '../../integrations/sheets/columns.js';

export const HOOK_SECRET = 'apps-script-shared-secret-0123456789';

export interface AirtableWorld {
  t: TestContext;
  fake: FakeAirtable;
  /** Waits the client asked for (429 → 30 000 ms), never slept for real. */
  sleeps: number[];
}

export async function airtableWorld(opts: { timeoutMs?: number; tables?: readonly string[]; now?: string } = {}): Promise<AirtableWorld> {
  const t = await createTestContext(opts.now ? { now: opts.now } : {});
  const fake = await startFakeAirtable(opts.tables ? { tables: opts.tables } : {});
  const hook = fake.createWebhookDirect();
  const sleeps: number[] = [];
  configureSync(
    t.deps,
    { AIRTABLE_TOKEN: fake.token, AIRTABLE_BASE_ID: fake.baseId, AIRTABLE_API_URL: fake.url, AIRTABLE_WEBHOOK_SECRET: hook.macSecretBase64 },
    { airtable: { requestsPerSecond: 10_000, timeoutMs: opts.timeoutMs ?? 1500, clock: { now: () => Date.now(), sleep: async (ms) => void sleeps.push(ms) } } },
  );
  return { t, fake, sleeps };
}

export interface SheetsWorld {
  t: TestContext;
  fake: FakeSheets;
  sleeps: number[];
}

export async function sheetsWorld(opts: { tabs?: (keyof typeof TAB_HEADERS)[]; timeoutMs?: number; now?: string } = {}): Promise<SheetsWorld> {
  const t = await createTestContext(opts.now ? { now: opts.now } : {});
  const fake = await startFakeSheets();
  for (const tab of opts.tabs ?? [...TAB_NAMES, ...OWNED_TAB_NAMES]) fake.addSheet(tab, [[...TAB_HEADERS[tab]]]);
  const sleeps: number[] = [];
  configureSync(
    t.deps,
    { GOOGLE_SHEETS_ID: fake.spreadsheetId, GOOGLE_SERVICE_ACCOUNT: fake.serviceAccountJson, GOOGLE_SHEETS_API_URL: fake.url, GOOGLE_TOKEN_URL: fake.tokenUrl, SHEETS_HOOK_SECRET: HOOK_SECRET },
    { sheets: { timeoutMs: opts.timeoutMs ?? 1500, sleep: async (ms) => void sleeps.push(ms) } },
  );
  return { t, fake, sleeps };
}

/** Lieux cells of a valid place. */
export function placeRow(overrides: Record<string, string> = {}): Record<string, string> {
  return { Nom: 'La Grange', Adresse: '3 route de Brantôme', 'Code postal': '24310', Commune: 'Bourdeilles', Étiquettes: 'coworking, fablab', 'Accueille des visiteurs': 'Oui', 'Visiteurs par jour': '4', 'Tarif réseau journée (€)': '12,50 €', ...overrides };
}

/** One sync round through the API, as the admin; it must answer 200. */
export async function syncRound(w: AirtableWorld | SheetsWorld, provider: 'airtable' | 'sheets' = 'sheets') {
  const r = await w.t.call('POST', `/v1/sync/${provider}`, { token: ADMIN });
  expect(r.status).toBe(200);
  return r.body;
}
