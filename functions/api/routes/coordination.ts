import { Hono, type Context } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readJson, readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { CoordinationVisitInputSchema, CoordinationVisitQuery, CoordinationVisitSchema, RotationInputSchema, RotationSchema, type Rotation } from '../../../schemas/coordination.js';
import { createRotation, getRotation } from '../../domain/coordination/rotations.js';
import { listCoordinationVisitsFor, recordCoordinationVisit } from '../../domain/coordination/visits.js';
import { rotationToIcs } from '../../domain/coordination/rotation-ics.js';
import { ROTATION_CSS, rotationBodyHtml } from '../../domain/coordination/rotation-html.js';
import { rotationMapPoints } from '../../domain/coordination/rotations.js';
import { NETWORK_NAME, pageResponse, raw, wantsHtml } from '../pages/layout.js';
import { dayShort } from '../../domain/text/fr.js';

export const coordinationRoutes = new Hono<AppEnv>();
const TAG = 'Coordination tournante';
const RotationQuery = z.strictObject({ format: z.enum(['json', 'ics', 'html']).optional().meta({ description: 'json (par défaut), ics (calendrier ; « /{id}.ics » aussi) ou html (page avec la carte des tournées ; aussi quand le navigateur demande text/html)' }) });

function icsReply(c: Context<AppEnv>, rotation: Rotation): Response {
  c.header('content-type', 'text/calendar; charset=utf-8');
  c.header('content-disposition', `attachment; filename="rotation-${rotation.id}.ics"`);
  return c.body(rotationToIcs(rotation));
}

documentRoute({
  method: 'post',
  path: '/v1/coordination/rotations',
  actions: ['coordination.plan'],
  tag: TAG,
  access: 'admin',
  summary: 'Planifier la rotation de la personne coordinatrice : chaque lieu au moins une fois si les jours le permettent, visites en proportion des poids, lieux voisins le même jour, tournée courte depuis la base et retour',
  body: RotationInputSchema,
  responses: { 201: { description: 'Le plan (déterministe pour une même demande)', schema: RotationSchema } },
});
coordinationRoutes.post('/rotations', async (c) => {
  const rotation = await createRotation(c.var.deps, c.var.actor, await readJson(c, RotationInputSchema));
  c.header('Location', `/v1/coordination/rotations/${rotation.id}`);
  return c.json(rotation, 201);
});

// The `.ics` path first: its documented pattern must win over `{rotationId}` in the route guard.
documentRoute({
  method: 'get',
  path: '/v1/coordination/rotations/{rotationId}.ics',
  tag: TAG,
  access: 'coordinator',
  actions: ['coordination.rotation.read'],
  summary: 'Un plan de rotation en iCalendar (un événement « journée » par jour de tournée, étapes dans l’ordre)',
  responses: { 200: { description: 'text/calendar', contentType: 'text/calendar' }, 404: { description: 'Plan inconnu' } },
});
// Served by the `{rotationId}` handler below, which strips the suffix.

documentRoute({
  method: 'get',
  path: '/v1/coordination/rotations/{rotationId}',
  tag: TAG,
  access: 'coordinator',
  actions: ['coordination.rotation.read'],
  summary: 'Lire un plan de rotation (JSON ; iCalendar avec format=ics ; page française avec carte SVG avec format=html)',
  query: RotationQuery,
  responses: { 200: { description: 'Le plan', schema: RotationSchema }, 404: { description: 'Plan inconnu' } },
});
coordinationRoutes.get('/rotations/:id', async (c) => {
  const { format } = readQuery(c, RotationQuery);
  const param = c.req.param('id');
  const rotation = await getRotation(c.var.deps, c.var.actor, param.replace(/\.ics$/, ''));
  if (format === 'ics' || param.endsWith('.ics')) return icsReply(c, rotation);
  if (format === 'html' || (!format && wantsHtml(c))) {
    const { base, points } = await rotationMapPoints(c.var.deps, rotation);
    const body = rotationBodyHtml(rotation, base, points, `/v1/coordination/rotations/${rotation.id}.ics`);
    return pageResponse(c, { title: `Rotation de coordination du ${dayShort(rotation.from)} au ${dayShort(rotation.to)}`, lead: NETWORK_NAME, body: raw(body), css: ROTATION_CSS, noindex: true });
  }
  return c.json(rotation);
});

documentRoute({
  method: 'post',
  path: '/v1/coordination/visits',
  actions: ['coordination.visit.write'],
  tag: TAG,
  access: 'coordinator',
  summary: 'Noter une visite de coordination (notes, choses à faire) ; confirmDirectory marque le lieu et ses ressources vérifiés aujourd’hui ; les km deviennent une contribution si la personne coordinatrice est bénévole. Rejouable : renvoyée après une coupure (même corps, ou même en-tête Idempotency-Key), la visite s’achève sans doublon',
  headers: [{ name: 'Idempotency-Key', required: false, description: 'Clé choisie par le client : une visite renvoyée avec la même clé n’est enregistrée qu’une fois (sans clé : le même corps envoyé par le même jeton)' }],
  body: CoordinationVisitInputSchema,
  responses: { 201: { description: 'Visite enregistrée', schema: CoordinationVisitSchema } },
});
coordinationRoutes.post('/visits', async (c) => {
  const key = c.req.header('idempotency-key');
  return c.json(await recordCoordinationVisit(c.var.deps, c.var.actor, await readJson(c, CoordinationVisitInputSchema), key ? { idempotencyKey: key.slice(0, 200) } : {}), 201);
});

documentRoute({
  method: 'get',
  path: '/v1/coordination/visits',
  actions: ['coordination.visit.read'],
  tag: TAG,
  access: 'manager',
  summary: 'Lister les visites de coordination (par date ; les douze derniers mois par défaut ; un gestionnaire voit celles de son lieu)',
  query: CoordinationVisitQuery,
  responses: { 200: { description: 'Visites', schema: z.object({ items: z.array(CoordinationVisitSchema) }) } },
});
coordinationRoutes.get('/visits', async (c) => c.json(await listCoordinationVisitsFor(c.var.deps, c.var.actor, readQuery(c, CoordinationVisitQuery))));
