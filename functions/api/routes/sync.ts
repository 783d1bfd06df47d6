import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { BooleanQuerySchema } from '../../../schemas/common.js';
import { RoundSummarySchema } from '../../domain/sync/summary.js';
import { syncNow, syncSettings } from '../../sync/sync-service.js';

const SyncQuery = z.strictObject({ dryRun: BooleanQuerySchema.optional().meta({ description: 'true : calcule sans rien écrire, ni dans l’API ni dans la feuille' }) });

export const syncRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/v1/sync/settings',
  tag: 'Synchro',
  access: 'admin',
  actions: ['sync.run'],
  summary: 'Réglages de synchro de ce processus (secrets en empreinte) : « npm run sync » les compare aux siens',
  responses: { 200: { description: 'Réglages', schema: z.object({ pid: z.number().int(), settings: z.record(z.string(), z.string().nullable()) }) }, 503: { description: 'Configuration de la synchro invalide (la variable est nommée)' } },
});
syncRoutes.get('/settings', async (c) => c.json(await syncSettings(c.var.deps, c.var.actor)));

for (const [provider, label] of [
  ['airtable', 'Airtable'],
  ['sheets', 'Google Sheets'],
] as const) {
  documentRoute({
    method: 'post',
    path: `/v1/sync/${provider}`,
    tag: 'Synchro',
    access: 'admin',
    actions: ['sync.run'],
    summary: `Synchroniser maintenant avec ${label} (un passage) et en donner le bilan`,
    query: SyncQuery,
    responses: { 200: { description: 'Bilan du passage, onglet par onglet', schema: RoundSummarySchema }, 409: { description: 'Une synchronisation est déjà en cours' }, 422: { description: `${label} n’est pas configuré` } },
  });
  syncRoutes.post(`/${provider}`, async (c) => c.json(await syncNow(c.var.deps, c.var.actor, provider, { dryRun: readQuery(c, SyncQuery).dryRun })));
}
