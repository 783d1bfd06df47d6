import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { cachedBody } from '../http/cached-body.js';
import { documentRoute } from '../openapi/registry.js';
import { listPublishedProposals } from '../../domain/decisions/proposals.js';
import { proposalsToIcs } from '../../domain/decisions/decisions-ics.js';

export const decisionsFeedRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/v1/decisions.ics',
  tag: 'Décisions',
  access: 'public',
  summary: 'Flux iCalendar (RFC 5545) des clôtures de vote : une entrée par proposition ouverte ou close, à sa date de clôture',
  responses: { 200: { description: 'Calendrier à s’abonner une fois pour toutes', contentType: 'text/calendar' } },
});
decisionsFeedRoutes.get('/decisions.ics', async (c) => {
  const deps = c.var.deps;
  const body = proposalsToIcs(await listPublishedProposals(deps), deps.publicBaseUrl);
  c.header('Content-Disposition', 'inline; filename="decisions-tiers-lieux.ics"');
  return cachedBody(c, body, 'text/calendar; charset=utf-8', 'public, max-age=900');
});
