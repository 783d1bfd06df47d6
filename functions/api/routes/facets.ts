import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { cachedBody } from '../http/cached-body.js';
import { DirectoryFacetsSchema } from '../../../schemas/facets.js';
import { directoryFacets } from '../../domain/directory/facets.js';

/** Changes only when a place is added, moved or retagged: a CDN may keep it a few minutes. */
const PUBLIC_CACHE = 'public, max-age=300, stale-while-revalidate=3600';

export const facetRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/v1/facets',
  tag: 'Lieux',
  access: 'public',
  summary: 'Les choix d’un formulaire de recherche : communes et types des lieux actifs, avec leur nombre de lieux (ce que le widget propose dans ses listes)',
  responses: { 200: { description: 'Communes et étiquettes, par ordre alphabétique (ETag, Cache-Control)', schema: DirectoryFacetsSchema }, 304: { description: 'Inchangé (If-None-Match)' } },
});
facetRoutes.get('/', async (c) => cachedBody(c, JSON.stringify(await directoryFacets(c.var.deps)), 'application/json; charset=utf-8', PUBLIC_CACHE));
