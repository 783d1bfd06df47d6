import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { MobilitySettingsInputSchema, MobilitySettingsSchema } from '../../../schemas/mobility-settings.js';
import { getMobilitySettings, saveMobilitySettings } from '../../domain/mobility/settings.js';

export const mobilitySettingsRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/v1/settings/mobility', tag: 'Mobilité', access: 'admin', actions: ['mobility.settings'], summary: 'Réglages de la mobilité (valeur d’une journée, part rétrocédée, tarif journée pass) ; valeurs de démonstration tant qu’ils n’ont pas été enregistrés', responses: { 200: { description: 'Réglages en vigueur', schema: MobilitySettingsSchema } } });
mobilitySettingsRoutes.get('/', async (c) => c.json(await getMobilitySettings(c.var.deps, c.var.actor)));

documentRoute({ method: 'put', path: '/v1/settings/mobility', tag: 'Mobilité', access: 'admin', actions: ['mobility.settings'], summary: 'Changer les réglages de la mobilité (les visites déjà enregistrées gardent leurs montants)', body: MobilitySettingsInputSchema, responses: { 200: { description: 'Réglages enregistrés', schema: MobilitySettingsSchema } } });
mobilitySettingsRoutes.put('/', async (c) => c.json(await saveMobilitySettings(c.var.deps, c.var.actor, await readJson(c, MobilitySettingsInputSchema))));
