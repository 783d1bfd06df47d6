import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { ReservationInputSchema } from '../../../schemas/availability.js';
import { VisitSchema } from '../../../schemas/visit.js';
import { readIdempotencyKey } from '../../domain/mobility/record-visit.js';
import { cancelReservation, createReservation } from '../../domain/checkin/reservations.js';

export const reservationRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'post',
  path: '/v1/reservations',
  tag: 'Mobilité',
  access: 'writer', actions: ['reservation.write'],
  summary: 'Réserver une journée chez un lieu d’accueil (gestionnaire, administrateur ; la personne passe par le lien de sa carte) : une visite « reserved » qui tient une place et un jour de pass, sans écriture',
  body: ReservationInputSchema,
  headers: [{ name: 'Idempotency-Key', required: true, description: 'Clé unique par réservation : la même clé et le même corps renvoient la première réponse.' }],
  responses: {
    201: { description: 'Réservation enregistrée (ou rejouée)', schema: VisitSchema },
    404: { description: 'Personne ou lieu inconnu' },
    409: { description: 'Lieu complet ce jour-là, jours du pass épuisés, déjà réservé ou enregistré ce jour-là' },
    422: { description: 'Jour passé, lieu d’attache, lieu qui n’accueille pas, pas de pass valable' },
  },
});
reservationRoutes.post('/', async (c) => {
  const key = readIdempotencyKey(c.req.header('idempotency-key'));
  const { visit, replayed } = await createReservation(c.var.deps, c.var.actor, await readJson(c, ReservationInputSchema), key);
  c.header('Location', `/v1/visits/${visit.id}`);
  if (replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(visit, 201);
});

documentRoute({
  method: 'post',
  path: '/v1/reservations/{reservationId}/cancel',
  tag: 'Mobilité',
  access: 'writer', actions: ['reservation.write'],
  summary: 'Annuler une réservation : la place et le jour de pass sont libérés, rien n’est écrit au grand livre',
  responses: { 200: { description: 'Réservation annulée', schema: VisitSchema }, 404: { description: 'Réservation inconnue' }, 409: { description: 'Plus une réservation en attente (déjà passée, annulée ou libérée)' } },
});
reservationRoutes.post('/:reservationId/cancel', async (c) => c.json(await cancelReservation(c.var.deps, c.var.actor, c.req.param('reservationId'))));
