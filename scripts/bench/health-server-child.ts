/**
 * Spawned by the health bench: serves either the real app (`api`) or a bare Hono hello
 * (`hello`) on a free port with @hono/node-server, as `npm start` does, and prints the port.
 * The app's table is never read by `GET /v1/health` (liveness only).
 */
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../functions/api/app.js';
import { createTableRef } from '../../integrations/dynamodb/client.js';

const which = process.argv[2];
const app =
  which === 'api'
    ? createApp({ table: createTableRef({ tableName: 'bench-health', endpoint: 'http://127.0.0.1:9' }), now: () => new Date(), newId: () => 'x', adminToken: 'bench-admin-token-0123456789' })
    : new Hono().get('/v1/health', (c) => c.json({ status: 'ok', time: new Date().toISOString() }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
