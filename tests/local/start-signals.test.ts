/**
 * A newcomer's first minutes with the real `npm start` (npm → sh → node): a busy port is
 * refused before anything starts; SIGTERM to npm alone or SIGINT to the whole group stops
 * the server and DynamoDB Local; a misconfigured integration is one French line at start,
 * and its route answers 503 naming the variable.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { freePort } from '../../scripts/dynamodb-local.js';

const ADMIN_TOKEN = 'local-admin-token-123456';

function npmStart(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn('npm', ['start', '--silent'], { env: { ...process.env, DATA_DIR: 'memory', SEED: 'none', ADMIN_TOKEN, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code, signal) => ok(code ?? (signal ? -1 : null))));
  return { child, output: () => out, exited };
}

async function until(cond: () => boolean, what: () => string, ms = 170_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timeout waiting: ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), ok(true)));
    s.once('error', () => ok(false));
  });
}

function dynamoPort(out: string): number {
  return Number(/DynamoDB\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1]);
}

describe('npm start, stopped the ways a newcomer stops it', () => {
  it('refuses a busy port at once, in French, before starting anything', async () => {
    const port = await freePort();
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(port, r));
    try {
      const run = npmStart({ PORT: String(port) });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`Le port ${port} est déjà utilisé`);
      expect(run.output()).not.toMatch(/DynamoDB|at .*\.ts:\d+/);
    } finally {
      busy.close();
    }
  }, 120_000);

  it('SIGTERM sent to npm alone stops the app and DynamoDB Local; a bad integration setting is one line and a 503', async () => {
    const port = await freePort();
    const run = npmStart({ PORT: String(port), AIRTABLE_TOKEN: 'court', AIRTABLE_BASE_ID: 'appTestBase01' });
    await until(() => run.output().includes('Ctrl-C'), run.output);
    const out = run.output();
    expect(out).toContain(`Accueil        http://localhost:${port}/`);
    expect(out).toContain(`Démo (widget)  http://localhost:${port}/demo`);
    const syncLines = out.split('\n').filter((l) => l.includes('AIRTABLE_TOKEN'));
    expect(syncLines).toEqual(['Tâche de fond « synchro tableur » : inactive (Configuration de la synchro invalide : AIRTABLE_TOKEN — texte trop court (10 caractères au moins).).']);
    expect(out).not.toMatch(/\n\s+at /);
    const res = await fetch(`http://127.0.0.1:${port}/v1/sync/airtable`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 503, title: 'Service non configuré', variables: ['AIRTABLE_TOKEN'] });
    expect(problem.detail).toContain('AIRTABLE_TOKEN');

    const dynamo = dynamoPort(out);
    expect(await listening(dynamo)).toBe(true);
    process.kill(run.child.pid!, 'SIGTERM');
    await run.exited;
    await until(() => run.output().includes('Arrêt…'), run.output, 30_000);
    // The app and DynamoDB Local are gone, not orphaned.
    await new Promise((r) => setTimeout(r, 2000));
    expect(await listening(port)).toBe(false);
    expect(await listening(dynamo)).toBe(false);
  }, 200_000);

  it('SIGINT sent to the whole process group (Ctrl-C in a terminal) stops everything too', async () => {
    const port = await freePort();
    const run = npmStart({ PORT: String(port) });
    await until(() => run.output().includes('Ctrl-C'), run.output);
    const dynamo = dynamoPort(run.output());
    process.kill(-run.child.pid!, 'SIGINT');
    await run.exited;
    await new Promise((r) => setTimeout(r, 2000));
    expect(run.output()).toContain('Arrêt…');
    expect(await listening(port)).toBe(false);
    expect(await listening(dynamo)).toBe(false);
  }, 200_000);
});
