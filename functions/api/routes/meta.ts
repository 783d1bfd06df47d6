import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { buildOpenApi } from '../openapi/build.js';
import { renderDocsPage } from '../openapi/docs-page.js';

export const metaRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/v1/health', tag: 'Service', access: 'public', summary: 'État du service', responses: { 200: { description: 'En service', schema: z.object({ status: z.literal('ok'), time: z.string() }) } } });
metaRoutes.get('/v1/health', (c) => c.json({ status: 'ok', time: c.var.deps.now().toISOString() }));

documentRoute({ method: 'get', path: '/v1/openapi.json', tag: 'Service', access: 'public', summary: 'Ce document OpenAPI 3.1, généré depuis les schémas zod', responses: { 200: { description: 'OpenAPI 3.1' } } });
metaRoutes.get('/v1/openapi.json', (c) => c.json(buildOpenApi()));

documentRoute({ method: 'get', path: '/docs', tag: 'Service', access: 'public', summary: 'Documentation lisible de l’API (hors ligne)', responses: { 200: { description: 'Page HTML', contentType: 'text/html' } } });
metaRoutes.get('/docs', (c) => c.html(renderDocsPage(buildOpenApi())));
