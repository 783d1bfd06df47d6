/** Personal data on request (RGPD) and the retention settings. */
import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { exportPerson } from '../../domain/privacy/export-person.js';
import { erasePerson } from '../../domain/privacy/erase-person.js';
import { getRetentionSettings, saveRetentionSettings } from '../../domain/privacy/retention.js';
import { ErasureReportSchema, PersonExportSchema, RetentionSettingsInputSchema, RetentionSettingsSchema } from '../../../schemas/privacy.js';

export const privacyRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/v1/people/{personId}/export',
  tag: 'Personnes',
  access: 'manager',
  actions: ['person.data.export'],
  summary: 'Tout ce que le réseau détient sur une personne (droit d’accès RGPD) : fiche, visites, pass, écritures, contributions, lignes du journal',
  responses: { 200: { description: 'Export JSON (à remettre à la personne)', schema: PersonExportSchema }, 404: { description: 'Personne inconnue' } },
});
privacyRoutes.get('/v1/people/:personId/export', async (c) => {
  c.header('Cache-Control', 'private, no-store');
  c.header('Content-Disposition', `attachment; filename="donnees-${c.req.param('personId')}.json"`);
  return c.json(await exportPerson(c.var.deps, c.var.actor, c.req.param('personId')));
});

documentRoute({
  method: 'post',
  path: '/v1/people/{personId}/erase',
  tag: 'Personnes',
  access: 'admin',
  actions: ['person.data.erase'],
  summary: 'Effacer les données personnelles d’une personne (droit à l’effacement RGPD) : nom remplacé par un pseudonyme partout, coordonnées supprimées, montants inchangés ; irréversible',
  responses: { 200: { description: 'Effacement fait (ou déjà fait)', schema: ErasureReportSchema }, 404: { description: 'Personne inconnue' }, 409: { description: 'La fiche a changé pendant l’effacement : relancer' } },
});
privacyRoutes.post('/v1/people/:personId/erase', async (c) => c.json(await erasePerson(c.var.deps, c.var.actor, c.req.param('personId'))));

documentRoute({ method: 'get', path: '/v1/settings/retention', tag: 'Service', access: 'admin', actions: ['retention.settings'], summary: 'Durées de conservation (réponses Idempotency-Key, détails du journal) ; valeurs par défaut tant qu’elles n’ont pas été enregistrées', responses: { 200: { description: 'Durées en vigueur', schema: RetentionSettingsSchema } } });
privacyRoutes.get('/v1/settings/retention', async (c) => c.json(await getRetentionSettings(c.var.deps, c.var.actor)));

documentRoute({ method: 'put', path: '/v1/settings/retention', tag: 'Service', access: 'admin', actions: ['retention.settings'], summary: 'Changer les durées de conservation (appliquées par la purge horaire)', body: RetentionSettingsInputSchema, responses: { 200: { description: 'Durées enregistrées', schema: RetentionSettingsSchema } } });
privacyRoutes.put('/v1/settings/retention', async (c) => c.json(await saveRetentionSettings(c.var.deps, c.var.actor, await readJson(c, RetentionSettingsInputSchema))));
