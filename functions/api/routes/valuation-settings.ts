import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { ValuationSettingsInputSchema, ValuationSettingsSchema } from '../../../schemas/valuation-settings.js';
import { getValuationSettings, saveValuationSettings } from '../../domain/valuation/settings.js';

export const valuationSettingsRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/v1/settings/valuation',
  actions: ['valuation.settings'],
  tag: 'Valorisation du bénévolat',
  access: 'admin',
  summary: 'Réglages de la valorisation : SMIC horaire daté, coefficient de charges, multiplicateurs par niveau, barème kilométrique daté, comptes 86/87 (les chiffres officiels tant qu’ils n’ont pas été changés)',
  responses: { 200: { description: 'Réglages en vigueur', schema: ValuationSettingsSchema } },
});
valuationSettingsRoutes.get('/', async (c) => c.json(await getValuationSettings(c.var.deps, c.var.actor)));

documentRoute({
  method: 'put',
  path: '/v1/settings/valuation',
  actions: ['valuation.settings'],
  tag: 'Valorisation du bénévolat',
  access: 'admin',
  summary: 'Changer les réglages de la valorisation (un champ absent reprend la valeur officielle par défaut)',
  body: ValuationSettingsInputSchema,
  responses: { 200: { description: 'Réglages enregistrés', schema: ValuationSettingsSchema } },
});
valuationSettingsRoutes.put('/', async (c) => c.json(await saveValuationSettings(c.var.deps, c.var.actor, await readJson(c, ValuationSettingsInputSchema))));
