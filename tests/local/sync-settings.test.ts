/**
 * `npm run sync` while `npm start` runs with other settings: the round would run in the
 * server with the server's settings, so the script says which process holds which
 * settings and what to restart, instead of syncing the wrong base.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { configureSync } from '../../functions/sync/sync-service.js';
import { settingsDifferences, settingsView } from '../../functions/sync/sync-settings.js';
import { parseSyncEnv } from '../../functions/sync/sync-config.js';

let t: TestContext;
let server: ServerType;
let port: number;
const SERVER_ENV = { AIRTABLE_TOKEN: 'patServerToken.0123456789', AIRTABLE_BASE_ID: 'appServerBase01', AIRTABLE_API_URL: 'http://127.0.0.1:9' };

beforeAll(async () => {
  t = await createTestContext();
  configureSync(t.deps, SERVER_ENV);
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (server.listening ? r() : server.once('listening', () => r())));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server?.close());

function runSync(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sync.ts', 'airtable'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', PORT: String(port), ADMIN_TOKEN: ADMIN, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => ok({ code, out }));
  });
}

describe('npm run sync next to a running npm start', () => {
  it('the server tells its settings to the admin, secrets as fingerprints only', async () => {
    expect((await t.call('GET', '/v1/sync/settings')).status).toBe(401);
    const res = await t.call('GET', '/v1/sync/settings', { token: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body.settings.AIRTABLE_BASE_ID).toBe('appServerBase01');
    expect(res.body.settings.AIRTABLE_TOKEN).toMatch(/^secret [0-9a-f]{8}$/);
    expect(res.text).not.toContain('patServerToken');
  });

  it('names each setting that differs and says what to restart', async () => {
    const { code, out } = await runSync({ AIRTABLE_TOKEN: 'patOtherToken.9876543210', AIRTABLE_BASE_ID: 'appOtherBase02', AIRTABLE_API_URL: 'http://127.0.0.1:9' });
    expect(code).toBe(1);
    expect(out).toContain(`Un « npm start » tourne déjà (processus ${process.pid}, port ${port}) avec d’autres réglages de synchro que ce terminal :`);
    expect(out).toContain('  AIRTABLE_BASE_ID : serveur appServerBase01 · ce terminal appOtherBase02');
    expect(out).toMatch(/ {2}AIRTABLE_TOKEN : serveur défini \(empreinte [0-9a-f]{8}\) · ce terminal défini \(empreinte [0-9a-f]{8}\)/);
    expect(out).toContain('relancez « npm start » avec ces réglages');
    expect(out).not.toContain('patOtherToken');
  }, 60_000);

  it('the comparison says nothing when both agree, and “non défini” for what one lacks', () => {
    const a = settingsView(parseSyncEnv(SERVER_ENV));
    expect(settingsDifferences(a, a)).toEqual([]);
    const b = settingsView(parseSyncEnv({ ...SERVER_ENV, GOOGLE_SHEETS_ID: 'sheet-id-0123456789' }));
    expect(settingsDifferences(a, b)).toEqual(['  GOOGLE_SHEETS_ID : serveur non défini · ce terminal sheet-id-0123456789']);
  });
});
