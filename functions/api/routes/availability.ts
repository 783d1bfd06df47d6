import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { DaySchema, IdSchema, NearSchema } from '../../../schemas/common.js';
import { AvailabilitySchema } from '../../../schemas/availability.js';
import { getAvailability } from '../../domain/checkin/availability.js';

const AvailabilityQuery = z.strictObject({
  date: DaySchema.meta({ description: 'Premier jour (AAAA-MM-JJ)' }),
  to: DaySchema.optional().meta({ description: 'Dernier jour inclus (31 jours au plus depuis « date »)' }),
  near: NearSchema.optional().meta({ description: '« lat,lon » : les lieux les plus proches d’abord, avec distanceKm' }),
  radiusKm: z.coerce.number().positive().max(1000).optional(),
  placeId: IdSchema.optional(),
});

export const availabilityRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/v1/availability',
  tag: 'Mobilité',
  access: 'public', actions: ['availability.read'],
  summary: 'Places libres par lieu d’accueil et par jour (nombres seulement, jamais qui est là)',
  query: AvailabilityQuery,
  responses: { 200: { description: 'Un élément par lieu qui accueille et par jour', schema: z.object({ items: z.array(AvailabilitySchema) }) }, 400: { description: 'Intervalle de plus de 31 jours, ou paramètres invalides' } },
});
availabilityRoutes.get('/', async (c) => c.json(await getAvailability(c.var.deps, readQuery(c, AvailabilityQuery))));
