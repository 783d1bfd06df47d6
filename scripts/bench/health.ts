/**
 * `npm run bench -- health`: requests per second of `GET /v1/health` on the local server
 * (the real app, every global middleware) against a bare Hono hello answering the same
 * JSON on the same server library, in the same run. Each server runs in its own process;
 * this process is the client (keep-alive, a fixed number of requests in flight), and the
 * two are measured in turns so that drift on the machine affects both alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { BenchResult } from '../bench.js';
import { PROJECT_ROOT } from '../build.js';
import { median, round } from './stats.js';

const ROUNDS = 5;
const SECONDS = 2;
const IN_FLIGHT = 32;

async function startServer(which: 'api' | 'hello'): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, 'scripts/bench/health-server-child.ts'), which], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, AWS_REGION: 'eu-west-3', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' } });
  const port = await new Promise<number>((ok, ko) => {
    child.stdout!.once('data', (d: Buffer) => ok(Number(String(d).trim())));
    child.once('exit', (code) => ko(new Error(`${which} server exited (${code})`)));
  });
  return { port, child };
}

/** Requests answered 200 per second during `seconds`. */
async function load(port: number, seconds: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const end = performance.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  const one = () =>
    new Promise<void>((done) => {
      const req = request({ host: '127.0.0.1', port, path: '/v1/health', agent }, (res) => {
        if (res.statusCode === 200) ok++;
        else failed++;
        res.resume();
        res.on('end', done);
      });
      req.on('error', () => {
        failed++;
        done();
      });
      req.end();
    });
  const t0 = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (performance.now() < end) await one();
  }));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  if (failed) throw new Error(`${failed} health requests failed on port ${port}`);
  return ok / elapsed;
}

export async function run(): Promise<BenchResult> {
  const api = await startServer('api');
  const hello = await startServer('hello');
  try {
    // Warm both (JIT, the first lazy imports), then measure in turns.
    await load(api.port, 0.5);
    await load(hello.port, 0.5);
    const rates = { api: [] as number[], hello: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      rates.api.push(await load(api.port, SECONDS));
      rates.hello.push(await load(hello.port, SECONDS));
    }
    const ratio = median(rates.api) / median(rates.hello);
    return {
      name: 'health',
      figures: {
        [`GET /v1/health, real app (req/s, median of ${ROUNDS} × ${SECONDS} s)`]: Math.round(median(rates.api)),
        'same JSON from a bare Hono hello (req/s)': Math.round(median(rates.hello)),
        'health ÷ hello throughput': round(ratio),
        'load average during the run': loadavg().map((x) => x.toFixed(1)).join(' / '),
      },
      targets: { 'health throughput ≥ 0.5× a bare Hono hello': ratio >= 0.5 },
      notes: [`${IN_FLIGHT} keep-alive requests in flight from one client process; each server in its own process (@hono/node-server, as npm start).`],
    };
  } finally {
    api.child.kill();
    hello.child.kill();
  }
}
