import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { buildOpenApi } from '../openapi/build.js';
import { renderDocsPage } from '../openapi/docs-page.js';

export const docsRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/v1/openapi.json', tag: 'Service', access: 'public', summary: 'Ce document OpenAPI 3.1, généré depuis les schémas zod', responses: { 200: { description: 'OpenAPI 3.1' } } });
docsRoutes.get('/v1/openapi.json', (c) => c.json(buildOpenApi()));

documentRoute({ method: 'get', path: '/docs', tag: 'Service', access: 'public', summary: 'Documentation lisible de l’API (hors ligne)', responses: { 200: { description: 'Page HTML', contentType: 'text/html' } } });
docsRoutes.get('/docs', (c) => c.html(renderDocsPage(buildOpenApi())));
