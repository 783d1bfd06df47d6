/**
 * The API function as deployed (bundled like the CDK construct, widget.js next to it),
 * imported in this process and called with Lambda HTTP API events on DynamoDB Local.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApiFunction, type BundleInfo } from '../../scripts/build.js';
import { createTableRef } from '../../integrations/dynamodb/client.js';
import { ensureTable } from '../../integrations/dynamodb/ensure-table.js';
import { placeInput } from '../support/fixtures.js';

const ADMIN = 'bundle-admin-token-0123456789';
type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; headers?: Record<string, string>; body: string; isBase64Encoded?: boolean }>;

let handler: Handler;
let outDir: string;
let bundle: BundleInfo;

function httpEvent(method: string, path: string, opts: { body?: unknown; token?: string; query?: string } = {}) {
  const headers: Record<string, string> = { host: 'api.example.test', 'user-agent': 'vitest' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: opts.query ?? '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: 'req',
      routeKey: '$default',
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 0,
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    isBase64Encoded: false,
  };
}

beforeAll(async () => {
  // Outside the project: nothing can be resolved from node_modules, as in /var/task.
  outDir = mkdtempSync(join(tmpdir(), 'api-bundle-'));
  bundle = await buildApiFunction(outDir);
  const { file } = bundle;
  const tableName = `bundle-${process.pid}`;
  await ensureTable(createTableRef({ tableName, endpoint: inject('dynamoEndpoint') }));
  Object.assign(process.env, { TABLE_NAME: tableName, ADMIN_TOKEN: ADMIN, DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), PUBLIC_BASE_URL: 'https://cdn.example.test' });
  ({ handler } = (await import(pathToFileURL(file).href)) as { handler: Handler });
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the bundled API function', () => {
  it('answers a Lambda HTTP API event (ESM bundle with top-level await initialises)', async () => {
    const res = await handler(httpEvent('GET', '/v1/health'), {});

    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).status).toBe('ok');
  });

  it('writes and searches through the bundled AWS SDK', async () => {
    const created = await handler(httpEvent('POST', '/v1/places', { body: placeInput({ name: 'Le Bundle de Nontron' }), token: ADMIN }), {});
    const found = await handler(httpEvent('GET', '/v1/places', { query: 'q=nontron' }), {});

    expect(created.statusCode).toBe(201);
    expect(JSON.parse(found.body).items.map((p: { name: string }) => p.name)).toContain('Le Bundle de Nontron');
  });

  it('is split: a cold start compiles only part of the code, the feature groups load from their chunks', async () => {
    expect(bundle.files).toBeGreaterThan(3);
    expect(bundle.initialBytes).toBeLessThan(bundle.totalBytes * 0.8);

    const visits = await handler(httpEvent('GET', '/v1/visits', { token: ADMIN }), {});
    const doc = await handler(httpEvent('GET', '/v1/openapi.json'), {});

    expect(visits.statusCode).toBe(200);
    expect(Object.keys(JSON.parse(doc.body).paths)).toEqual(expect.arrayContaining(['/v1/visits', '/v1/sync/airtable', '/v1/events.ics', '/v1/places']));
  });

  it('serves the widget shipped next to the bundle', async () => {
    const res = await handler(httpEvent('GET', '/widget.js'), {});
    const code = res.isBase64Encoded ? Buffer.from(res.body, 'base64').toString('utf8') : res.body;

    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toMatch(/javascript/);
    expect(code).toContain('customElements');
  });

  it('serves the docs viewer shipped next to the bundle (a plain file: no chunk, no cold-start cost)', async () => {
    const res = await handler(httpEvent('GET', '/docs/scalar.js'), {});
    const code = res.isBase64Encoded ? Buffer.from(res.body, 'base64').toString('utf8') : res.body;

    expect(existsSync(join(outDir, 'scalar-standalone.js'))).toBe(true);
    expect(res.statusCode).toBe(200);
    expect(code).toContain('createApiReference');
    expect(code).not.toMatch(/url\(https?:[^)]*\.woff2\)/);
  });
});
