/**
 * `npm run setup`: asks for the integrations' secrets and writes them to Secrets Manager, so
 * nobody hand-writes JSON for `aws secretsmanager`. Every answer is checked with the schemas
 * the functions themselves use (functions/sync/sync-config.ts, functions/relay/relay-config.ts)
 * and the whole set once more with `parseSyncEnv`, exactly as the local configuration is read.
 * Nothing is written before the summary is confirmed; values already stored are kept on Enter.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type * as z from 'zod';
import { SECRET_KEYS, SyncEnvSchema, parseSyncEnv } from '../../functions/sync/sync-config.js';
import { RelayEnvSchema } from '../../functions/relay/relay-config.js';
import { readServiceAccount } from '../../integrations/google-sheets/service-account.js';
import type { Prompter } from './prompter.js';
import { SECRET_ARN_VARIABLES, type SecretName, type SecretsStore } from './secrets-store.js';

type SecretKey = (typeof SECRET_KEYS)[number];
const MAX_TRIES = 3;

export interface SetupResult {
  written: SecretName[];
  /** Non-secret settings for `cdk deploy` (printed for the operator). */
  deploySettings: Record<string, string>;
}

const mask = (v: string | undefined) => (!v ? '(vide)' : v.length <= 8 ? '••••' : `••••${v.slice(-4)}`);

/** French message of the first problem zod finds with `value` for this field, if any. */
function problem(schema: z.ZodType, name: string, value: string): string | undefined {
  const r = schema.safeParse(value);
  if (r.success) return undefined;
  const message = r.error.issues[0]?.message ?? 'valeur refusée';
  return message.startsWith(name) ? message : `${name} : ${message}`;
}

/** Asks until the answer passes `check` (at most three times). Enter keeps `current`; « - » clears it. */
async function askValue(p: Prompter, o: { label: string; name: string; current?: string; secret?: boolean; optional?: boolean; check: (v: string) => string | undefined; hint?: string }): Promise<string | undefined> {
  if (o.hint) p.say(o.hint);
  for (let i = 0; i < MAX_TRIES; i++) {
    const keep = o.current ? ` [Entrée : garder ${o.secret ? mask(o.current) : o.current}${o.optional ? ' ; « - » : effacer' : ''}]` : o.optional ? ' [Entrée : laisser vide]' : '';
    const answer = await p.ask(`${o.label}${keep} : `, { secret: o.secret });
    if (!answer) {
      if (o.current || o.optional) return o.current;
      p.say(`${o.name} : champ obligatoire.`);
      continue;
    }
    if (answer === '-' && o.optional) return undefined;
    const bad = o.check(answer);
    if (!bad) return answer;
    p.say(bad);
  }
  throw new Error(`${o.name} : trois réponses refusées, rien n’a été enregistré.`);
}

const field = (key: keyof typeof SyncEnvSchema.shape) => (v: string) => problem(SyncEnvSchema.shape[key], key, v);

/** GOOGLE_SERVICE_ACCOUNT: a path to the downloaded JSON key, or the JSON itself; stored as compact JSON. */
function serviceAccountJson(answer: string): { json?: string; error?: string } {
  const text = answer.startsWith('{') ? answer : existsSync(answer) ? readFileSync(answer, 'utf8') : undefined;
  if (text === undefined) return { error: `GOOGLE_SERVICE_ACCOUNT : fichier introuvable (${answer})` };
  let json: string;
  try {
    json = JSON.stringify(JSON.parse(text));
  } catch {
    return { error: 'GOOGLE_SERVICE_ACCOUNT : le fichier n’est pas du JSON valide (la clé se télécharge au format JSON)' };
  }
  try {
    readServiceAccount(json);
    return { json };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function serviceAccountEmail(json: string): string {
  try {
    return String((JSON.parse(json) as { client_email?: unknown }).client_email ?? '?');
  } catch {
    return '?';
  }
}

export async function runSetup(p: Prompter, store: SecretsStore): Promise<SetupResult> {
  p.say('Mise en place des secrets du réseau dans AWS Secrets Manager');
  p.say(`(${store.describe()})`);
  const arns = await store.find();
  if (!arns.integrations || !arns.facebookPageToken) {
    throw new Error(
      'Secrets du réseau introuvables : déployez d’abord la pile (npx cdk deploy --all), ' +
        `ou donnez leurs ARN (sorties IntegrationsSecretArn et FacebookPageTokenSecretArn) dans ${SECRET_ARN_VARIABLES.integrations} et ${SECRET_ARN_VARIABLES.facebookPageToken}.`,
    );
  }
  const stored = JSON.parse((await store.read(arns.integrations)) || '{}') as Record<string, string>;
  const current = (k: SecretKey) => (stored[k] ? stored[k] : undefined);
  const next: Record<string, string> = { ...stored };
  const set = (k: SecretKey, v: string | undefined) => (v ? (next[k] = v) : (next[k] = ''));
  const deploySettings: Record<string, string> = {};

  p.say('');
  const usesGoogle = Boolean(current('GOOGLE_SERVICE_ACCOUNT'));
  const defaultChoice = current('AIRTABLE_TOKEN') ? '1' : usesGoogle ? '2' : '3';
  let choice = '';
  for (let i = 0; i < MAX_TRIES && !['1', '2', '3'].includes(choice); i++) {
    choice = (await p.ask(`Le tableur des gestionnaires : 1 = Airtable, 2 = Google Sheets, 3 = aucun pour l’instant [${defaultChoice}] : `)) || defaultChoice;
    if (!['1', '2', '3'].includes(choice)) p.say('Répondez 1, 2 ou 3.');
  }
  if (!['1', '2', '3'].includes(choice)) throw new Error('Choix du tableur : trois réponses refusées, rien n’a été enregistré.');

  if (choice === '1') {
    set('AIRTABLE_TOKEN', await askValue(p, { label: 'Jeton Airtable (personal access token)', name: 'AIRTABLE_TOKEN', current: current('AIRTABLE_TOKEN'), secret: true, check: field('AIRTABLE_TOKEN') }));
    const base = await askValue(p, { label: 'Identifiant de la base (app…)', name: 'AIRTABLE_BASE_ID', check: field('AIRTABLE_BASE_ID') });
    if (base) deploySettings.AIRTABLE_BASE_ID = base;
    set(
      'AIRTABLE_WEBHOOK_SECRET',
      await askValue(p, {
        label: 'Secret du webhook Airtable (base64)',
        name: 'AIRTABLE_WEBHOOK_SECRET',
        current: current('AIRTABLE_WEBHOOK_SECRET'),
        secret: true,
        optional: true,
        check: field('AIRTABLE_WEBHOOK_SECRET'),
        hint: 'Pas encore de webhook ? Laissez vide : « npm run sync -- airtable --create-webhook <URL de l’API>/v1/hooks/airtable » donnera ce secret ; relancez alors npm run setup.',
      }),
    );
  } else if (choice === '2') {
    let json: string | undefined;
    await askValue(p, {
      label: 'Clé du compte de service Google (chemin du fichier JSON téléchargé)',
      name: 'GOOGLE_SERVICE_ACCOUNT',
      current: current('GOOGLE_SERVICE_ACCOUNT') ? 'la clé enregistrée' : undefined,
      check: (v) => {
        const r = serviceAccountJson(v);
        json = r.json;
        return r.error;
      },
    });
    if (json) set('GOOGLE_SERVICE_ACCOUNT', json);
    const sheet = await askValue(p, { label: 'Identifiant du classeur (dans son adresse, entre /d/ et /edit)', name: 'GOOGLE_SHEETS_ID', check: field('GOOGLE_SHEETS_ID') });
    if (sheet) deploySettings.GOOGLE_SHEETS_ID = sheet;
    const hook = await askValue(p, {
      label: 'Secret partagé avec l’Apps Script (SHEETS_HOOK_SECRET)',
      name: 'SHEETS_HOOK_SECRET',
      current: current('SHEETS_HOOK_SECRET'),
      secret: true,
      optional: true,
      check: field('SHEETS_HOOK_SECRET'),
      hint: 'Entrée sans valeur enregistrée : un secret est généré (à recopier dans les propriétés du script).',
    });
    const hookSecret = hook ?? randomBytes(24).toString('base64url');
    if (!hook) p.say(`Secret généré pour l’Apps Script (propriété SHEETS_HOOK_SECRET) : ${hookSecret}`);
    set('SHEETS_HOOK_SECRET', hookSecret);
  }

  // The same check as the local configuration, on the whole set (with the deploy-time ids).
  parseSyncEnv({ ...Object.fromEntries(SECRET_KEYS.map((k) => [k, next[k]])), ...deploySettings });

  p.say('');
  let pageToken: string | undefined;
  if (await p.confirm('Relayer les événements sur la page Facebook du réseau ?', false)) {
    const pageId = await askValue(p, { label: 'Identifiant numérique de la page', name: 'FACEBOOK_PAGE_ID', check: (v) => problem(RelayEnvSchema.shape.FACEBOOK_PAGE_ID, 'FACEBOOK_PAGE_ID', v) });
    if (pageId) deploySettings.FACEBOOK_PAGE_ID = pageId;
    pageToken = await askValue(p, {
      label: 'Jeton de la page (longue durée, voir docs/mise-en-ligne.md)',
      name: 'FACEBOOK_PAGE_TOKEN',
      secret: true,
      check: (v) => problem(RelayEnvSchema.shape.FACEBOOK_PAGE_TOKEN, 'FACEBOOK_PAGE_TOKEN', v),
    });
  }

  const changed = SECRET_KEYS.filter((k) => (next[k] ?? '') !== (stored[k] ?? ''));
  p.say('');
  p.say('Récapitulatif :');
  const shown = (k: SecretKey) => (k === 'GOOGLE_SERVICE_ACCOUNT' && next[k] ? `clé de ${serviceAccountEmail(next[k])}` : mask(next[k]));
  for (const k of SECRET_KEYS) p.say(`  ${k.padEnd(24)} ${shown(k)}${changed.includes(k) ? '  (modifié)' : ''}`);
  if (pageToken) p.say(`  ${'FACEBOOK_PAGE_TOKEN'.padEnd(24)} ${mask(pageToken)}  (modifié)`);
  const written: SecretName[] = [];
  if (!changed.length && !pageToken) {
    p.say('Rien n’a changé : rien à enregistrer.');
  } else if (await p.confirm('Enregistrer dans Secrets Manager ?', true)) {
    if (changed.length) {
      await store.write(arns.integrations, JSON.stringify(next));
      written.push('integrations');
    }
    if (pageToken) {
      await store.write(arns.facebookPageToken, pageToken);
      written.push('facebookPageToken');
    }
    p.say(`Enregistré (${written.map((w) => (w === 'integrations' ? 'secret des intégrations' : 'jeton de la page Facebook')).join(', ')}).`);
  } else {
    p.say('Abandon : rien n’a été enregistré.');
  }

  p.say('');
  p.say('Ensuite :');
  const settings = Object.entries(deploySettings).map(([k, v]) => `${k}=${v}`).join(' ');
  p.say(`  ${settings ? `${settings} ` : ''}npx cdk deploy --all   (les fonctions relisent les secrets à leur démarrage : redéployez après un changement)`);
  if (arns.adminToken) p.say(`  Jeton administrateur : aws secretsmanager get-secret-value --secret-id ${arns.adminToken} --query SecretString --output text`);
  return { written, deploySettings };
}
