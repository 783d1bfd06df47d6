import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readJson, readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { IdSchema } from '../../../schemas/common.js';
import { PassInputSchema, PassSchema, PassWithUsageSchema } from '../../../schemas/pass.js';
import { createPass, listPasses } from '../../domain/mobility/passes.js';

const PassQuery = z.strictObject({ personId: IdSchema.optional().meta({ description: 'Les pass d’une personne ; sans ce paramètre, tous les pass (administrateur, intégration)' }) });

export const passRoutes = new Hono<AppEnv>();

documentRoute({ method: 'post', path: '/v1/passes', tag: 'Mobilité', access: 'manager', actions: ['pass.sell'], summary: 'Vendre un pass mobilité (administrateur ou gestionnaire du lieu d’attache) : écriture personne → réseau datée du début', body: PassInputSchema, responses: { 201: { description: 'Pass créé', schema: PassSchema } } });
passRoutes.post('/', async (c) => {
  const pass = await createPass(c.var.deps, c.var.actor, await readJson(c, PassInputSchema));
  c.header('Location', `/v1/passes?personId=${pass.personId}`);
  return c.json(pass, 201);
});

documentRoute({ method: 'get', path: '/v1/passes', tag: 'Mobilité', access: 'manager', actions: ['person.mobility.read', 'mobility.network.read'], summary: 'Les pass d’une personne et leurs jours utilisés par période', query: PassQuery, responses: { 200: { description: 'Pass', schema: z.object({ items: z.array(PassWithUsageSchema) }) } } });
passRoutes.get('/', async (c) => c.json({ items: await listPasses(c.var.deps, c.var.actor, readQuery(c, PassQuery)) }));
