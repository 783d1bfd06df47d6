/**
 * A fresh table on the shared DynamoDB Local, the real app on it, and helpers to
 * call it the way a client would (`app.request`, no Lambda event).
 */
import { inject } from 'vitest';
import { createTableRef } from '../../integrations/dynamodb/client.js';
import { ensureTable } from '../../integrations/dynamodb/ensure-table.js';
import { createApp } from '../../functions/api/app.js';
import { newId } from '../../functions/domain/ids.js';
import type { Deps } from '../../functions/domain/deps.js';
import { requestCount } from './request-count.js';

export const ADMIN = 'test-admin-token-0123456789';

export interface TestContext {
  deps: Deps;
  app: ReturnType<typeof createApp>;
  /** Moves the clock used by the app. */
  setNow(d: Date | string): void;
  call(method: string, path: string, opts?: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> }): Promise<TestResponse>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

let tableCounter = 0;

export async function createTestContext(opts: { now?: string } = {}): Promise<TestContext> {
  let now = opts.now ? new Date(opts.now) : undefined;
  const tableName = `test-${process.pid}-${Date.now().toString(36)}-${tableCounter++}`;
  const table = createTableRef({ tableName, endpoint: inject('dynamoEndpoint') });
  await ensureTable(table);
  const deps: Deps = { table, now: () => now ?? new Date(), newId: () => newId(), adminToken: ADMIN, publicBaseUrl: 'http://localhost:3000' };
  const app = createApp(deps);
  // Counted for the log check of the run (log-capture.ts): each request must leave its line.
  // Counted once answered (its line is written before the answer leaves the request log), so a
  // request still running when its file ends (a test that timed out) is not expected.
  const fetch = app.fetch;
  app.fetch = async (...args) => {
    const res = await fetch(...args);
    requestCount.value++;
    return res;
  };
  return {
    deps,
    app,
    setNow: (d) => (now = new Date(d)),
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined = o.rawBody;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await app.request(path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = undefined;
      if (/json/.test(res.headers.get('content-type') ?? '')) parsed = text ? JSON.parse(text) : undefined;
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
  };
}
