/**
 * What a process's sync settings are, without revealing a secret: plain values as they
 * are, secrets as a short fingerprint. `npm run sync` compares the running server's with
 * its own, so a newcomer who changed `.env` is told which process to restart.
 */
import { createHash } from 'node:crypto';
import { SECRET_KEYS, type SyncEnv } from './sync-config.js';

const PLAIN_KEYS = ['AIRTABLE_BASE_ID', 'AIRTABLE_API_URL', 'GOOGLE_SHEETS_ID', 'GOOGLE_SHEETS_API_URL', 'GOOGLE_TOKEN_URL', 'SYNC_INTERVAL_MINUTES'] as const;

export type SettingsView = Record<string, string | null>;

export function settingsView(env: SyncEnv): SettingsView {
  const out: SettingsView = {};
  for (const k of PLAIN_KEYS) out[k] = env[k] === undefined ? null : String(env[k]);
  for (const k of SECRET_KEYS) {
    const v = env[k];
    out[k] = v ? `secret ${createHash('sha256').update(v).digest('hex').slice(0, 8)}` : null;
  }
  return out;
}

/** The settings that differ, as French lines (empty when both processes agree). */
export function settingsDifferences(server: SettingsView, local: SettingsView): string[] {
  const keys = [...new Set([...Object.keys(server), ...Object.keys(local)])];
  const show = (v: string | null | undefined) => (v === null || v === undefined ? 'non défini' : v.startsWith('secret ') ? `défini (empreinte ${v.slice(7)})` : v);
  return keys.filter((k) => (server[k] ?? null) !== (local[k] ?? null)).map((k) => `  ${k} : serveur ${show(server[k])} · ce terminal ${show(local[k])}`);
}
