import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { objectStoreOf } from '../../domain/directory/large-exports.js';
import { notFound } from '../http/problem.js';

/**
 * Where big exports are downloaded from when the objects are kept by the process
 * (local server, tests). In AWS they live in S3 and links point there; this route then
 * finds nothing.
 */
export const objectRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/v1/objects/{key}',
  tag: 'Service',
  access: 'public',
  summary: 'Un fichier généré (export trop gros pour une réponse directe), par le lien d’une redirection',
  responses: { 200: { description: 'Le fichier', contentType: 'application/octet-stream' }, 404: { description: 'Inconnu ou expiré' } },
});
objectRoutes.get('/v1/objects/:key', async (c) => {
  const store = objectStoreOf(c.var.deps);
  const key = c.req.param('key');
  const found = store.servedByApi && /^export-[0-9a-f]{32}-[\w.-]+$/.test(key) ? await store.get(key) : undefined;
  if (!found) return notFound(c);
  c.header('content-type', found.contentType);
  c.header('content-disposition', `attachment; filename="${key.replace(/^export-[0-9a-f]{32}-/, '')}"`);
  c.header('cache-control', 'public, max-age=900, immutable');
  return c.body(found.body as Uint8Array<ArrayBuffer>);
});
