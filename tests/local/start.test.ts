/**
 * `npm start` as a newcomer runs it: DynamoDB Local from the npm package's jar,
 * demo data, the API on PORT, Ctrl-C stopping everything, data kept in DATA_DIR.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/dynamodb-local.js';

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const ready = new Promise<void>((ok, ko) => {
    const timer = setInterval(() => {
      if (out.includes('Ctrl-C')) {
        clearInterval(timer);
        ok();
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      ko(new Error(`start exited with ${code}: ${out}`));
    });
  });
  return { child, output: () => out, ready };
}

async function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((ok) => {
    child.on('exit', (code) => ok(code));
    child.kill('SIGINT');
  });
}

describe('npm start', () => {
  it('serves the demo directory, prints URLs and token, stops DynamoDB Local on Ctrl-C, and keeps data for the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tl-data-'));
    try {
      const port = await freePort();
      const env = { PORT: String(port), DATA_DIR: dataDir, ADMIN_TOKEN: 'local-admin-token-123456', SEED: 'demo' };
      const first = start(env);
      await first.ready;
      expect(first.output()).toContain(`http://localhost:${port}/docs`);
      expect(first.output()).toContain('local-admin-token-123456');
      expect(first.output()).toMatch(/Données de démonstration chargées : \d+ lieux/);
      const places = await (await fetch(`http://localhost:${port}/v1/places?limit=100`)).json();
      expect(places.items.length).toBeGreaterThanOrEqual(12);
      // A route group loaded on first use (the docs load every group) under the local server.
      const docs = await fetch(`http://localhost:${port}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('/docs/scalar.js');
      const openapi = await (await fetch(`http://localhost:${port}/v1/openapi.json`)).json();
      expect(Object.keys(openapi.paths)).toContain('/v1/visits');
      // The home page (its own lazy group) answers too.
      expect(await (await fetch(`http://localhost:${port}/`)).text()).toContain('Réseau des tiers-lieux de Dordogne');
      const dynamoEndpoint = /DynamoDB\s+(http:\/\/\S+)/.exec(first.output())![1]!;
      // A change made now must survive the restart.
      const created = await fetch(`http://localhost:${port}/v1/places/${places.items[0].id}`, {
        method: 'PATCH',
        headers: { authorization: 'Bearer local-admin-token-123456', 'content-type': 'application/json' },
        body: JSON.stringify({ accessibility: 'Rampe d’accès ajoutée' }),
      });
      expect(created.status).toBe(200);
      expect(await stop(first.child)).toBe(0);
      await expect(fetch(dynamoEndpoint)).rejects.toThrow();

      const second = start(env);
      await second.ready;
      expect(second.output()).not.toContain('Données de démonstration chargées');
      const again = await (await fetch(`http://localhost:${port}/v1/places/${places.items[0].id}`)).json();
      expect(again.accessibility).toBe('Rampe d’accès ajoutée');
      expect(await stop(second.child)).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000); // two DynamoDB Local starts: minutes on a loaded 2-core machine

  it('says in one line how to install Java when it is missing', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env: { ...process.env, PATH: '/nonexistent', DATA_DIR: 'memory' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    const code = await new Promise((ok) => child.on('exit', ok));
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('apt-get install -y openjdk-17-jre-headless');
  });
});
