import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { probeTable } from '../../../integrations/dynamodb/health.js';
import { ServiceUnavailableError } from '../../domain/errors.js';

export const metaRoutes = new Hono<AppEnv>();

const HealthQuery = z.strictObject({
  deep: z.enum(['1', 'true']).optional().meta({ description: '1 : lit aussi la table (503 si la base ne répond pas) ; sans lui, simple réponse de vie, sans lecture' }),
});
const HealthSchema = z.object({ status: z.literal('ok'), time: z.string(), database: z.object({ status: z.literal('ok'), ms: z.number() }).optional() });

documentRoute({
  method: 'get',
  path: '/v1/health',
  tag: 'Service',
  access: 'public',
  summary: 'État du service ; avec deep=1, la base de données est lue',
  query: HealthQuery,
  responses: { 200: { description: 'En service', schema: HealthSchema }, 503: { description: 'La base de données ne répond pas (deep=1) ; Retry-After dit quand réessayer' } },
});
metaRoutes.get('/v1/health', async (c) => {
  const { deep } = readQuery(c, HealthQuery);
  const time = c.var.deps.now().toISOString();
  c.header('Cache-Control', 'no-store');
  if (!deep) return c.json({ status: 'ok', time });
  const probe = await probeTable(c.var.deps.table);
  if (!probe.ok) throw new ServiceUnavailableError(`La base de données ne répond pas (${probe.reason}) : réessayez dans quelques secondes.`);
  return c.json({ status: 'ok', time, database: { status: 'ok', ms: probe.ms } });
});
