import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { IdSchema } from '../../../schemas/common.js';
import { listStaleRecords } from '../../domain/directory/list-stale-records.js';

const FreshnessQuery = z.strictObject({
  olderThanDays: z.coerce.number().int().min(0).max(3650).default(180),
  placeId: IdSchema.optional(),
});

const StaleRecordSchema = z.object({
  type: z.enum(['place', 'resource', 'person']),
  id: z.string(),
  name: z.string(),
  placeId: z.string(),
  placeName: z.string().optional(),
  lastCheckedAt: z.string(),
  neverVerified: z.boolean(),
  daysSinceCheck: z.number().int(),
});

export const freshnessRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/v1/freshness', tag: 'Service', access: 'public', summary: 'Fiches à revérifier : non vérifiées depuis olderThanDays jours (les plus anciennes d’abord)', query: FreshnessQuery, responses: { 200: { description: 'Fiches', schema: z.object({ olderThanDays: z.number(), items: z.array(StaleRecordSchema) }) } } });
freshnessRoutes.get('/', async (c) => {
  const q = readQuery(c, FreshnessQuery);
  return c.json({ olderThanDays: q.olderThanDays, items: await listStaleRecords(c.var.deps, c.var.actor, q) });
});
