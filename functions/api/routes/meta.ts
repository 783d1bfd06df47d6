import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';

export const metaRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/v1/health', tag: 'Service', access: 'public', summary: 'État du service', responses: { 200: { description: 'En service', schema: z.object({ status: z.literal('ok'), time: z.string() }) } } });
metaRoutes.get('/v1/health', (c) => c.json({ status: 'ok', time: c.var.deps.now().toISOString() }));
