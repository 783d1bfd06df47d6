import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readJson, readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { DaySchema, IdSchema, ListQueryShape, listOf } from '../../../schemas/common.js';
import { MonthSchema } from '../../../schemas/ledger.js';
import { VISIT_STATUSES, VisitInputSchema, VisitListItemSchema, VisitSchema } from '../../../schemas/visit.js';
import { readIdempotencyKey, recordVisit } from '../../domain/mobility/record-visit.js';
import { cancelVisit } from '../../domain/mobility/cancel-visit.js';
import { listVisits } from '../../domain/mobility/list-visits.js';

const VisitQuery = z.strictObject({
  ...ListQueryShape,
  placeId: IdSchema.optional().meta({ description: 'Visites reçues et envoyées par ce lieu' }),
  personId: IdSchema.optional(),
  from: z.union([DaySchema, MonthSchema]).optional().meta({ description: 'Premier jour (AAAA-MM-JJ) ou mois (AAAA-MM)' }),
  to: z.union([DaySchema, MonthSchema]).optional().meta({ description: 'Dernier jour (AAAA-MM-JJ) ou mois (AAAA-MM)' }),
  status: z.enum([...VISIT_STATUSES, 'pending']).optional().meta({ description: '« pending » : passages enregistrés à la porte qui attendent la confirmation du lieu d’accueil' }),
});

export const visitRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'post',
  path: '/v1/visits',
  tag: 'Mobilité',
  access: 'writer', actions: ['visit.write'],
  summary: 'Enregistrer une journée de visite (gestionnaire du lieu d’accueil ou d’attache, intégration, administrateur) avec ses écritures',
  body: VisitInputSchema,
  headers: [{ name: 'Idempotency-Key', required: true, description: 'Clé unique par visite (UUID) : la même clé et le même corps renvoient la première réponse sans rien écrire ; un autre corps est refusé (422). Conservée 48 h.' }],
  responses: {
    201: { description: 'Visite enregistrée avec ses écritures (ou rejouée)', schema: VisitSchema },
    404: { description: 'Personne ou lieu inconnu' },
    409: { description: 'Lieu complet ce jour-là, jours du pass épuisés, ou personne déjà enregistrée chez ce lieu ce jour-là' },
    422: { description: 'Lieu d’attache, lieu qui n’accueille pas, pas de pass valable, ou clé déjà utilisée pour un autre corps' },
  },
});
visitRoutes.post('/', async (c) => {
  const key = readIdempotencyKey(c.req.header('idempotency-key'));
  const { visit, replayed } = await recordVisit(c.var.deps, c.var.actor, await readJson(c, VisitInputSchema), key);
  c.header('Location', `/v1/visits/${visit.id}`);
  if (replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(visit, 201);
});

documentRoute({ method: 'post', path: '/v1/visits/{visitId}/cancel', tag: 'Mobilité', access: 'writer', actions: ['visit.write'], summary: 'Annuler une visite : écritures inverses datées du jour de la visite, journée et jour de pass libérés', responses: { 200: { description: 'Visite annulée', schema: VisitSchema }, 409: { description: 'Déjà annulée' } } });
visitRoutes.post('/:visitId/cancel', async (c) => c.json(await cancelVisit(c.var.deps, c.var.actor, c.req.param('visitId'))));

documentRoute({ method: 'get', path: '/v1/visits', tag: 'Mobilité', access: 'manager', actions: ['visit.list.place', 'person.mobility.read', 'mobility.network.read'], summary: 'Lister les visites d’un lieu (reçues et envoyées), d’une personne, ou de tout le réseau (12 mois au plus)', query: VisitQuery, responses: { 200: { description: 'Visites, de la plus ancienne à la plus récente', schema: listOf(VisitListItemSchema) } } });
visitRoutes.get('/', async (c) => c.json(await listVisits(c.var.deps, c.var.actor, readQuery(c, VisitQuery))));
