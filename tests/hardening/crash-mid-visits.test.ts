/**
 * A crash between two writes: the server (`npm start` on the shared DynamoDB Local) is
 * killed with SIGKILL while visits and cancellations stream in, then started again. After
 * the restart the ledger and the counters must agree with the visits (see
 * ledger-consistency.ts), and each request whose answer was lost, sent again with its
 * Idempotency-Key, makes at most one visit.
 */
import { describe, expect, inject, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../scripts/dynamodb-local.js';
import { createTableRef } from '../../integrations/dynamodb/client.js';
import { personInput, placeInput } from '../support/fixtures.js';
import { checkLedgerConsistency } from '../support/ledger-consistency.js';

const TOKEN = 'crash-admin-token-1234567890';
const TABLE = `crash-${process.pid}-${Date.now().toString(36)}`;
const DAYS = ['2026-05-04', '2026-05-05', '2026-06-01'];

interface Server {
  child: ChildProcess;
  base: string;
  exited: Promise<number | null>;
  out: () => string;
}

async function startServer(port: number): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, PORT: String(port), DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), TABLE_NAME: TABLE, DATA_DIR: 'memory', ADMIN_TOKEN: TOKEN, SEED: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const deadline = Date.now() + 90_000;
  while (!out.includes('Ctrl-C')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, base: `http://localhost:${port}`, exited, out: () => out };
}

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(base + path, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: (await r.json().catch(() => undefined)) as any };
}

interface Sent {
  key: string;
  body: Record<string, string>;
  status?: number;
  visitId?: string;
}

describe('a crash in the middle of a stream of visits', () => {
  it('after SIGKILL and a restart, the ledger and the counters agree with the visits; lost answers replay once', async () => {
    const port = await freePort();
    let server = await startServer(port);
    try {
      const places = await Promise.all([0, 1, 2].map(async (i) => {
        const r = await call(server.base, 'POST', '/v1/places', placeInput({ name: `Lieu ${i}`, mobility: { acceptsVisitors: true, dailyVisitorCapacity: 2, preferentialDayRateCents: 900 } }));
        expect(r.status).toBe(201);
        return r.body.id as string;
      }));
      const people = await Promise.all([0, 1, 2, 3, 4, 5].map(async (i) => {
        const r = await call(server.base, 'POST', '/v1/people', personInput(places[i % 3]!, { displayName: `Personne ${i}` }));
        expect(r.status).toBe(201);
        return { id: r.body.id as string, home: i % 3 };
      }));

      // Four workers send visits (and cancel some of theirs) until the server is killed.
      const sent: Sent[] = [];
      const cancels: { visitId: string; status?: number }[] = [];
      let n = 0;
      let killed = false;
      let successes = 0;
      const worker = async (w: number) => {
        while (!killed && n < 400) {
          const i = n++;
          const p = people[(i * 7 + w) % people.length]!;
          const host = places[(p.home + 1 + (i % 2)) % 3]!;
          if (i % 5 === 4 && sent.some((s) => s.visitId)) {
            const done = sent.filter((s) => s.visitId);
            const c = { visitId: done[i % done.length]!.visitId! } as { visitId: string; status?: number };
            cancels.push(c);
            c.status = await call(server.base, 'POST', `/v1/visits/${c.visitId}/cancel`).then((r) => r.status, () => undefined);
            continue;
          }
          const s: Sent = { key: `crash-${i}`, body: { personId: p.id, hostPlaceId: host, date: DAYS[i % DAYS.length]!, scheme: i % 3 ? 'retrocession' : 'preferential' } };
          sent.push(s);
          const r = await call(server.base, 'POST', '/v1/visits', s.body, { 'idempotency-key': s.key }).catch(() => undefined);
          if (!r) continue; // the connection died with the server: answer lost
          s.status = r.status;
          if (r.status === 201) (s.visitId = r.body.id), successes++;
        }
      };
      const workers = [0, 1, 2, 3].map(worker);
      while (successes < 6 && n < 400) await new Promise((r) => setTimeout(r, 5));
      server.child.kill('SIGKILL');
      killed = true;
      await server.exited;
      await Promise.all(workers);
      const lost = sent.filter((s) => s.status === undefined);
      expect(successes).toBeGreaterThanOrEqual(6);
      // The kill landed mid-stream: some requests were in flight and never answered.
      expect(lost.length + cancels.filter((c) => c.status === undefined).length).toBeGreaterThan(0);

      const table = createTableRef({ tableName: TABLE, endpoint: inject('dynamoEndpoint') });
      const afterCrash = await checkLedgerConsistency(table, places, '2026-05-01', '2026-06-30');
      expect(afterCrash.problems).toEqual([]);
      // Every answered 201 is there; every refusal left nothing.
      const ids = new Set(afterCrash.visits.map((v) => String(v.id)));
      for (const s of sent.filter((x) => x.status === 201)) expect(ids.has(s.visitId!)).toBe(true);

      server = await startServer(port);
      expect(server.out()).toMatch(/existante réutilisée/);
      for (const s of lost) {
        const r = await call(server.base, 'POST', '/v1/visits', s.body, { 'idempotency-key': s.key });
        expect([201, 409]).toContain(r.status);
        const again = await call(server.base, 'POST', '/v1/visits', s.body, { 'idempotency-key': s.key });
        expect(again.status).toBe(r.status);
        if (r.status === 201) expect(again.body.id).toBe(r.body.id);
      }
      const afterReplay = await checkLedgerConsistency(table, places, '2026-05-01', '2026-06-30');
      expect(afterReplay.problems).toEqual([]);
      // One key, at most one visit: no visit exists that no key accounts for.
      expect(afterReplay.visits.length).toBeLessThanOrEqual(sent.length);
      const perDay = new Map<string, number>();
      for (const v of afterReplay.visits) if (v.status === 'active') perDay.set(`${v.hostPlaceId}${v.date}`, (perDay.get(`${v.hostPlaceId}${v.date}`) ?? 0) + 1);
      for (const count of perDay.values()) expect(count).toBeLessThanOrEqual(2);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await server.exited;
    }
  }, 200_000);
});
