import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { ListQueryShape, NearSchema, BooleanQuerySchema, listOf } from '../../../schemas/common.js';
import { PlaceSchema } from '../../../schemas/place.js';
import { searchPlaces } from '../../domain/directory/search-places.js';
import { placesToGeoJson } from '../../domain/directory/exports.js';
import { exportBody } from '../../domain/directory/large-exports.js';
import { directoryCrudRoutes } from './directory-crud.js';

const PlaceQuery = z.strictObject({
  ...ListQueryShape,
  q: z.string().max(200).optional().meta({ description: 'Texte (insensible à la casse et aux accents)' }),
  tag: z.string().max(50).optional(),
  commune: z.string().max(100).optional().meta({ description: 'Commune exacte (sans casse ni accents)' }),
  near: NearSchema.optional().meta({ description: '« lat,lon » : résultats triés du plus proche au plus lointain' }),
  radiusKm: z.coerce.number().positive().max(1000).optional(),
  includeArchived: BooleanQuerySchema.optional(),
});

const PlaceListItem = PlaceSchema.extend({ distanceKm: z.number().optional() });

export const placeRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/v1/places.geojson', tag: 'Lieux', access: 'public', summary: 'Les lieux en GeoJSON (RFC 7946, coordonnées [lon, lat])', responses: { 200: { description: 'FeatureCollection', contentType: 'application/geo+json' }, 303: { description: 'Plus de 5 Mo : redirection vers le fichier généré' } } });
placeRoutes.get('/places.geojson', async (c) => {
  const { items } = await searchPlaces(c.var.deps, { limit: Number.MAX_SAFE_INTEGER });
  const out = await exportBody(c.var.deps, { body: JSON.stringify(placesToGeoJson(items, c.var.deps.publicBaseUrl)), contentType: 'application/geo+json; charset=utf-8', filename: 'lieux-tiers-lieux.geojson' });
  if ('redirect' in out) return c.redirect(out.redirect, 303);
  c.header('content-type', 'application/geo+json; charset=utf-8');
  return c.body(out.inline);
});

documentRoute({ method: 'get', path: '/v1/places', tag: 'Lieux', access: 'public', summary: 'Lister et chercher les lieux', query: PlaceQuery, responses: { 200: { description: 'Liste paginée', schema: listOf(PlaceListItem) } } });
placeRoutes.get('/places', async (c) => {
  const q = readQuery(c, PlaceQuery);
  return c.json(await searchPlaces(c.var.deps, { ...q, includeArchived: q.includeArchived && c.var.actor.role === 'admin' }));
});

placeRoutes.route(
  '/places',
  directoryCrudRoutes({ type: 'place', collection: 'places', idParam: 'placeId', tag: 'Lieux', outputSchema: PlaceSchema, present: async (_d, _a, r) => r }),
);
