/**
 * `npm run setup` against a local fake Secrets Manager (the SDK's own endpoint setting),
 * answered by scripted input: what it writes, what it refuses, what it never prints.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { deployedSecrets, startFakeSecretsManager, type FakeSecretsManager } from '../fakes/secrets-manager.js';
import { Prompter } from '../../scripts/setup/prompter.js';
import { awsSecretsStore } from '../../scripts/setup/secrets-store.js';
import { runSetup } from '../../scripts/setup/run-setup.js';

const AIRTABLE_TOKEN = 'patSetupTest0123456789.abcdefabcdef';
const PAGE_TOKEN = 'EAABsetupLongLivedPageToken0123456789';
let fake: FakeSecretsManager | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const awsEnv = (url: string) => ({ AWS_ENDPOINT_URL_SECRETS_MANAGER: url, AWS_REGION: 'eu-west-3', AWS_ACCESS_KEY_ID: 'AKIAFAKE', AWS_SECRET_ACCESS_KEY: 'fake-secret', AWS_EC2_METADATA_DISABLED: 'true' });

function runCli(input: string, env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/setup.ts'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
    child.stdin.end(input);
  });
}

/** runSetup in this process, with the answers given up front. */
async function runScripted(lines: string[], store = awsSecretsStore(awsEnv(fake!.url))) {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d) => (out += d));
  input.end(lines.map((l) => `${l}\n`).join(''));
  try {
    const result = await runSetup(new Prompter(input, output), store);
    return { result, out };
  } catch (err) {
    return { error: err as Error, out };
  }
}

describe('npm run setup', () => {
  it('finds the deployed secrets, asks, validates and writes the Airtable and Facebook secrets; never echoes them', async () => {
    const decoy = { ...deployedSecrets('UneAutrePile')[1]!, arn: 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:decoy', name: 'decoy' };
    fake = await startFakeSecretsManager([decoy, ...deployedSecrets()], { pageSize: 2 });
    const answers = ['1', AIRTABLE_TOKEN, 'appSetupBase01', '', 'o', '1234567890', PAGE_TOKEN, ''];
    const { code, out, err } = await runCli(answers.join('\n') + '\n', awsEnv(fake.url));

    expect(err).not.toContain('Échec');
    expect(code).toBe(0);
    expect(fake.puts.map((p) => p.arn)).toEqual([deployedSecrets()[1]!.arn, deployedSecrets()[2]!.arn]);
    const integrations = JSON.parse(fake.puts[0]!.value);
    expect(integrations).toEqual({ AIRTABLE_TOKEN, AIRTABLE_WEBHOOK_SECRET: '', GOOGLE_SERVICE_ACCOUNT: '', SHEETS_HOOK_SECRET: '', GENERATED_NONCE: 'nonce123' });
    expect(fake.puts[1]!.value).toBe(PAGE_TOKEN);
    expect(out).toContain('AIRTABLE_BASE_ID=appSetupBase01 FACEBOOK_PAGE_ID=1234567890 npx cdk deploy --all');
    expect(out).not.toContain(AIRTABLE_TOKEN);
    expect(out).not.toContain(PAGE_TOKEN);
    expect(out).toContain(`••••${AIRTABLE_TOKEN.slice(-4)}`);
  }, 90_000);

  it('refuses what the configuration would refuse, asks again, and stores a Google key read from its file', async () => {
    fake = await startFakeSecretsManager(deployedSecrets());
    const dir = mkdtempSync(join(tmpdir(), 'setup-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'cle.json');
    writeFileSync(keyFile, JSON.stringify({ type: 'service_account', client_email: 'sync@projet.iam.example.test', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }) }, null, 2));
    writeFileSync(join(dir, 'pas-du-json.json'), 'bonjour');
    const { result, out, error } = await runScripted(['2', join(dir, 'absent.json'), join(dir, 'pas-du-json.json'), keyFile, 'trop court!', '1AbCdEfGhIjKlMnOpQrStUvWxYz_-0123', 'court', '', 'n', 'o']);

    expect(error).toBeUndefined();
    expect(out).toContain('GOOGLE_SERVICE_ACCOUNT : fichier introuvable');
    expect(out).toContain('GOOGLE_SERVICE_ACCOUNT : le fichier n’est pas du JSON valide');
    expect(out).toContain('GOOGLE_SHEETS_ID : identifiant de classeur Google attendu');
    expect(out).toContain('SHEETS_HOOK_SECRET : 16 caractères au moins');
    expect(out).toContain('GOOGLE_SERVICE_ACCOUNT   clé de sync@projet.iam.example.test  (modifié)');
    expect(result!.written).toEqual(['integrations']);
    const stored = JSON.parse(fake.secrets[1]!.value!);
    expect(JSON.parse(stored.GOOGLE_SERVICE_ACCOUNT).client_email).toBe('sync@projet.iam.example.test');
    // Enter with no stored secret generated one, shown once for the Apps Script.
    expect(stored.SHEETS_HOOK_SECRET).toMatch(/^[\w-]{32}$/);
    expect(out).toContain(stored.SHEETS_HOOK_SECRET);
    expect(result!.deploySettings).toEqual({ GOOGLE_SHEETS_ID: '1AbCdEfGhIjKlMnOpQrStUvWxYz_-0123' });
  }, 60_000);

  it('keeps stored values on Enter and writes nothing when nothing changed', async () => {
    const secrets = deployedSecrets();
    secrets[1]!.value = JSON.stringify({ AIRTABLE_TOKEN, AIRTABLE_WEBHOOK_SECRET: 'c2VjcmV0LWR1LXdlYmhvb2s=', GOOGLE_SERVICE_ACCOUNT: '', SHEETS_HOOK_SECRET: '' });
    fake = await startFakeSecretsManager(secrets);
    const { result, out } = await runScripted(['', '', 'appSetupBase01', '', 'n']);
    expect(out).toContain('Rien n’a changé');
    expect(result!.written).toEqual([]);
    expect(fake.puts).toEqual([]);
  }, 60_000);

  it('stops without writing when the input ends early, and says why', async () => {
    fake = await startFakeSecretsManager(deployedSecrets());
    const { code, err } = await runCli(`1\n${AIRTABLE_TOKEN}\n`, awsEnv(fake.url));
    expect(code).toBe(1);
    expect(err).toContain('rien n’a été enregistré');
    expect(fake.puts).toEqual([]);
  }, 90_000);

  it('says what to do when the stack is not deployed', async () => {
    fake = await startFakeSecretsManager([]);
    const { error } = await runScripted([]);
    expect(error?.message).toContain('déployez d’abord la pile');
  });
});
