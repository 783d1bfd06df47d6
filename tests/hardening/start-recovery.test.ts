/**
 * Defect 7, with `npm start`: when DynamoDB Local dies, the server says so in one line,
 * answers 503 meanwhile (deep health), restarts it on the same data and serves again.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/dynamodb-local.js';
import { placeInput } from '../support/fixtures.js';

const TOKEN = 'recovery-admin-token-123456';

async function until<T>(what: string, f: () => Promise<T | undefined> | T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timeout: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start when DynamoDB Local dies', () => {
  it('one line, 503 meanwhile, restarted with its data, then serving again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tl-recovery-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ADMIN_TOKEN: TOKEN, SEED: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    const base = `http://localhost:${port}`;
    try {
      await until('banner', () => (out.includes('Ctrl-C') ? true : child.exitCode !== null ? Promise.reject(new Error(out)) : undefined), 100_000);
      const created = await fetch(`${base}/v1/places`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(placeInput()) });
      expect(created.status).toBe(201);
      const id = ((await created.json()) as { id: string }).id;
      const pid = Number(/DynamoDB Local, pid (\d+)/.exec(out)![1]);

      process.kill(pid, 'SIGKILL');
      const down = await fetch(`${base}/v1/health?deep=1`);
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toContain('application/problem+json');
      expect(down.headers.get('retry-after')).toBeTruthy();

      await until('restart line', () => (out.includes('DynamoDB Local redémarré') ? true : undefined), 100_000);
      expect(out.match(/DynamoDB Local s’est arrêté/g)).toHaveLength(1);
      await until('deep health', async () => ((await fetch(`${base}/v1/health?deep=1`)).status === 200 ? true : undefined), 30_000);
      const again = await fetch(`${base}/v1/places/${id}`);
      expect(again.status).toBe(200);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
