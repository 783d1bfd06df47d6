import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { VisitSchema } from '../../../schemas/visit.js';
import { confirmCheckin, refuseCheckin } from '../../domain/checkin/confirmations.js';

/** The host's answer to a check-in at the door (mounted next to the visit routes). */
export const visitConfirmationRoutes = new Hono<AppEnv>();

documentRoute({ method: 'post', path: '/v1/visits/{visitId}/confirm', tag: 'Mobilité', access: 'manager', actions: ['checkin.confirm'], summary: 'Confirmer un passage enregistré à la porte (gestionnaire du lieu d’accueil, administrateur)', responses: { 200: { description: 'Passage confirmé', schema: VisitSchema }, 409: { description: 'N’attend pas de confirmation' } } });
visitConfirmationRoutes.post('/:visitId/confirm', async (c) => c.json(await confirmCheckin(c.var.deps, c.var.actor, c.req.param('visitId'))));

documentRoute({ method: 'post', path: '/v1/visits/{visitId}/refuse', tag: 'Mobilité', access: 'manager', actions: ['checkin.confirm'], summary: 'Refuser un passage enregistré à la porte : annulé avec écritures inverses, place et jour de pass libérés', responses: { 200: { description: 'Passage refusé', schema: VisitSchema }, 409: { description: 'N’attend pas de confirmation' } } });
visitConfirmationRoutes.post('/:visitId/refuse', async (c) => c.json(await refuseCheckin(c.var.deps, c.var.actor, c.req.param('visitId'))));
