import { Hono, type Context } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readIfMatch, readJson, readQuery } from '../http/input.js';
import { cachedBody } from '../http/cached-body.js';
import { documentRoute } from '../openapi/registry.js';
import { IdSchema, listOf } from '../../../schemas/common.js';
import { EventInputSchema, EventPatchSchema, EventQuerySchema, EventSchema, type Event } from '../../../schemas/event.js';
import { cancelEvent, createEvent, retryEventRelay, updateEvent } from '../../domain/events/write-events.js';
import { getEvent, listEvents } from '../../domain/events/list-events.js';
import { eventsToIcs } from '../../domain/events/ics.js';

const IcsQuery = z.strictObject({ placeId: IdSchema.optional() });
const ICS_PAST_DAYS = 30;

export const eventRoutes = new Hono<AppEnv>();

const reply = (c: Context<AppEnv>, e: Event, status: 200 | 201 = 200) => {
  c.header('ETag', `"${e.version}"`);
  return c.json(e, status);
};

documentRoute({
  method: 'get',
  path: '/v1/events.ics',
  tag: 'Événements',
  access: 'public',
  summary: `Flux iCalendar (RFC 5545) des événements : à venir et finis depuis moins de ${ICS_PAST_DAYS} jours, annulés compris (STATUS:CANCELLED)`,
  query: IcsQuery,
  responses: { 200: { description: 'Calendrier à s’abonner (Google Agenda, Apple Calendrier, Thunderbird, Outlook)', contentType: 'text/calendar' } },
});
eventRoutes.get('/events.ics', async (c) => {
  const { placeId } = readQuery(c, IcsQuery);
  const deps = c.var.deps;
  const from = new Date(deps.now().getTime() - ICS_PAST_DAYS * 86_400_000).toISOString();
  const { items } = await listEvents(deps, { from, placeId, limit: 5000 });
  const name = placeId && items[0]?.place ? `${items[0].place.name} — événements` : 'Réseau des tiers-lieux de Dordogne — événements';
  const body = eventsToIcs(items, { name, baseUrl: deps.publicBaseUrl });
  c.header('Content-Disposition', `inline; filename="${placeId ? `evenements-${placeId}` : 'evenements-tiers-lieux'}.ics"`);
  return cachedBody(c, body, 'text/calendar; charset=utf-8', 'public, max-age=900');
});

documentRoute({
  method: 'get',
  path: '/v1/events',
  tag: 'Événements',
  access: 'public',
  summary: 'Lister les événements, les plus proches d’abord (par défaut : ceux qui ne sont pas encore finis)',
  query: EventQuerySchema,
  responses: { 200: { description: 'Liste paginée ; chaque événement porte le résumé de son lieu', schema: listOf(EventSchema) } },
});
eventRoutes.get('/events', async (c) => c.json(await listEvents(c.var.deps, { ...readQuery(c, EventQuerySchema), actor: c.var.actor })));

documentRoute({
  method: 'post',
  path: '/v1/events',
  tag: 'Événements',
  access: 'writer', actions: ['event.write'],
  summary: 'Créer un événement (un gestionnaire : pour son lieu) ; relay.facebook = true le publie sur la page Facebook du réseau',
  body: EventInputSchema,
  responses: { 201: { description: 'Créé ; relay.facebook.status = pending si relayé', schema: EventSchema } },
});
eventRoutes.post('/events', async (c) => {
  const event = await createEvent(c.var.deps, c.var.actor, await readJson(c, EventInputSchema));
  c.header('Location', `/v1/events/${event.id}`);
  return reply(c, event, 201);
});

documentRoute({
  method: 'get',
  path: '/v1/events/{eventId}',
  tag: 'Événements',
  access: 'public',
  summary: 'Lire un événement (avec l’état de son relais Facebook ; la dernière erreur pour qui gère le lieu)',
  responses: { 200: { description: 'L’événement (ETag = version)', schema: EventSchema } },
});
eventRoutes.get('/events/:eventId', async (c) => reply(c, await getEvent(c.var.deps, c.req.param('eventId'), c.var.actor)));

documentRoute({
  method: 'patch',
  path: '/v1/events/{eventId}',
  tag: 'Événements',
  access: 'writer', actions: ['event.write'],
  summary: 'Modifier un événement (les champs envoyés remplacent, null efface) ; le post Facebook est modifié en conséquence',
  body: EventPatchSchema,
  headers: [{ name: 'If-Match', required: false, description: 'Version attendue (ETag) : 409 si l’événement a changé entre-temps' }],
  responses: { 200: { description: 'Modifié', schema: EventSchema } },
});
eventRoutes.patch('/events/:eventId', async (c) => {
  const patch = await readJson(c, EventPatchSchema);
  return reply(c, await updateEvent(c.var.deps, c.var.actor, c.req.param('eventId'), patch, { expectedVersion: readIfMatch(c) }));
});

documentRoute({
  method: 'delete',
  path: '/v1/events/{eventId}',
  tag: 'Événements',
  access: 'writer', actions: ['event.write'],
  summary: 'Annuler un événement : il reste (status = cancelled), le post Facebook est modifié pour l’annoncer',
  responses: { 200: { description: 'Annulé', schema: EventSchema } },
});
eventRoutes.delete('/events/:eventId', async (c) => reply(c, await cancelEvent(c.var.deps, c.var.actor, c.req.param('eventId'))));

documentRoute({
  method: 'post',
  path: '/v1/events/{eventId}/relay',
  tag: 'Événements',
  access: 'admin', actions: ['event.relay.retry'],
  summary: 'Relancer le relais Facebook (après un nouveau jeton, ou après avoir vérifié sur la page qu’une publication incertaine n’a pas eu lieu)',
  responses: { 200: { description: 'Relais remis en file : relay.facebook.status = pending', schema: EventSchema } },
});
eventRoutes.post('/events/:eventId/relay', async (c) => reply(c, await retryEventRelay(c.var.deps, c.var.actor, c.req.param('eventId'))));
