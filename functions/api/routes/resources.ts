import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { ListQueryShape, NearSchema, BooleanQuerySchema, listOf, IdSchema } from '../../../schemas/common.js';
import { RATE_UNITS, RESOURCE_KINDS, ResourceListItemSchema } from '../../../schemas/resource.js';
import { resourcePlace, searchResources } from '../../domain/directory/search-resources.js';
import { resourcesToCsv } from '../../domain/directory/exports.js';
import { exportBody } from '../../domain/directory/large-exports.js';
import { getRecord } from '../../domain/directory/write-records.js';
import { directoryCrudRoutes } from './directory-crud.js';

const ResourceQuery = z.strictObject({
  ...ListQueryShape,
  kind: z.enum(RESOURCE_KINDS).optional(),
  category: z.string().max(60).optional(),
  placeId: IdSchema.optional(),
  commune: z.string().max(100).optional().meta({ description: 'Commune exacte du lieu (sans casse ni accents)' }),
  q: z.string().max(200).optional().meta({ description: 'Texte sur nom, description, catégorie, usages, nom du lieu et commune (sans casse ni accents)' }),
  near: NearSchema.optional().meta({ description: '« lat,lon » : chaque résultat porte distanceKm, triés du plus proche' }),
  radiusKm: z.coerce.number().positive().max(1000).optional(),
  minCapacity: z.coerce.number().int().min(0).optional(),
  minSurfaceM2: z.coerce.number().min(0).optional(),
  lendable: BooleanQuerySchema.optional(),
  maxRateCents: z.coerce.number().int().min(0).optional(),
  rateUnit: z.enum(RATE_UNITS).optional().meta({ description: 'Unité du tarif comparé à maxRateCents' }),
});

export const resourceRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/v1/resources.csv', tag: 'Ressources', access: 'public', summary: 'Les ressources en CSV (UTF-8 avec BOM, séparateur « ; », virgule décimale) ; mêmes filtres que la liste', query: ResourceQuery.omit({ limit: true, cursor: true }), responses: { 200: { description: 'CSV', contentType: 'text/csv' }, 303: { description: 'Export de plus de 5 Mo : redirection vers le fichier généré (lien valable 15 minutes)' } } });
resourceRoutes.get('/resources.csv', async (c) => {
  const q = readQuery(c, ResourceQuery);
  const { items } = await searchResources(c.var.deps, { ...q, limit: Number.MAX_SAFE_INTEGER, cursor: undefined });
  // Above Lambda's 6 MB: a generated file and a 303 to it.
  const out = await exportBody(c.var.deps, { body: resourcesToCsv(items), contentType: 'text/csv; charset=utf-8', filename: 'ressources-tiers-lieux.csv' });
  if ('redirect' in out) return c.redirect(out.redirect, 303);
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', 'attachment; filename="ressources-tiers-lieux.csv"');
  return c.body(out.inline);
});

documentRoute({ method: 'get', path: '/v1/resources', tag: 'Ressources', access: 'public', summary: 'Chercher les espaces, le matériel et les autres ressources partageables', query: ResourceQuery, responses: { 200: { description: 'Liste paginée ; chaque ressource porte le résumé de son lieu', schema: listOf(ResourceListItemSchema) } } });
resourceRoutes.get('/resources', async (c) => c.json(await searchResources(c.var.deps, readQuery(c, ResourceQuery))));

resourceRoutes.route(
  '/resources',
  directoryCrudRoutes({
    type: 'resource',
    collection: 'resources',
    idParam: 'resourceId',
    tag: 'Ressources',
    outputSchema: ResourceListItemSchema,
    present: async (deps, _a, r) => {
      const place = await getRecord(deps, 'place', r.placeId as string).catch(() => undefined);
      return place ? { ...r, place: resourcePlace(place) } : r;
    },
  }),
);
