import type { Context } from 'hono';
import type { Deps } from '../../domain/deps.js';
import * as z from 'zod';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { probeTable } from '../../../integrations/dynamodb/health.js';
import { ServiceUnavailableError } from '../../domain/errors.js';


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
/**
 * Mounted by app.ts before the global middlewares: monitors poll it often, it needs no
 * caller identity nor CORS, and each middleware that touches the answer's headers makes the
 * Node server build a full Response (see `npm run bench -- health`).
 */
export function healthHandler(deps: Deps) {
  return async (c: Context) => {
    // No query string, nothing to validate: the liveness answer needs no schema parse (a
    // cold start's first answer; an object schema's first parse compiles its parser).
    const { deep } = c.req.url.includes('?') ? readQuery(c, HealthQuery) : {};
    const time = deps.now().toISOString();
    if (!deep) return c.json({ status: 'ok', time }, 200, { 'Cache-Control': 'no-store' });
    const probe = await probeTable(deps.table);
    if (!probe.ok) throw new ServiceUnavailableError(`La base de données ne répond pas (${probe.reason}) : réessayez dans quelques secondes.`);
    return c.json({ status: 'ok', time, database: { status: 'ok', ms: probe.ms } }, 200, { 'Cache-Control': 'no-store' });
  };
}
