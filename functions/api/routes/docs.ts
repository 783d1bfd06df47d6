import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { buildOpenApi } from '../openapi/build.js';
import { DOCS_CSP, renderDocsPage } from '../openapi/docs-page.js';
import { SCALAR_INIT_JS, scalarBundle } from '../openapi/scalar-assets.js';
import { cachedBody } from '../http/cached-body.js';

export const docsRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/v1/openapi.json', tag: 'Service', access: 'public', summary: 'Ce document OpenAPI 3.1, généré depuis les schémas zod', responses: { 200: { description: 'OpenAPI 3.1' } } });
docsRoutes.get('/v1/openapi.json', (c) => c.json(buildOpenApi()));

const pageHeaders = (c: Context<AppEnv>) => {
  c.header('Content-Security-Policy', DOCS_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
};

documentRoute({ method: 'get', path: '/docs', tag: 'Service', access: 'public', summary: 'Documentation de l’API : routes par thème, exemples de requête et de réponse, rôles autorisés (fonctionne hors ligne)', responses: { 200: { description: 'Page HTML', contentType: 'text/html' } } });
docsRoutes.get('/docs', (c) => {
  pageHeaders(c);
  return c.html(renderDocsPage(buildOpenApi() as { info: { title: string } }));
});

// The viewer's code changes only with its package version: a day in caches, revalidated by ETag.
documentRoute({ method: 'get', path: '/docs/scalar.js', tag: 'Service', access: 'public', summary: 'Le visualiseur de la documentation (Scalar, servi par l’API : aucun autre site n’est appelé)', responses: { 200: { description: 'JavaScript (ETag, Cache-Control)', contentType: 'text/javascript' }, 304: { description: 'Inchangé (If-None-Match)' } } });
docsRoutes.get('/docs/scalar.js', (c) => {
  const { body, etag } = scalarBundle();
  c.header('X-Content-Type-Options', 'nosniff');
  return cachedBody(c, body, 'text/javascript; charset=utf-8', 'public, max-age=86400, stale-while-revalidate=604800', etag);
});

documentRoute({ method: 'get', path: '/docs/scalar-init.js', tag: 'Service', access: 'public', summary: 'Démarre le visualiseur sur /v1/openapi.json', responses: { 200: { description: 'JavaScript', contentType: 'text/javascript' }, 304: { description: 'Inchangé (If-None-Match)' } } });
docsRoutes.get('/docs/scalar-init.js', (c) => {
  c.header('X-Content-Type-Options', 'nosniff');
  return cachedBody(c, SCALAR_INIT_JS, 'text/javascript; charset=utf-8', 'public, max-age=3600');
});
