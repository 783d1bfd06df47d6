import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { GovernanceSettingsInputSchema, GovernanceSettingsSchema } from '../../../schemas/decision.js';
import { getGovernanceSettings, saveGovernanceSettings } from '../../domain/decisions/governance-settings.js';

export const governanceSettingsRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/v1/settings/governance', tag: 'Décisions', access: 'admin', actions: ['governance.settings'], summary: 'Réglages des décisions : quorum, règle par défaut, procurations par lieu, quorum de seconde convocation', responses: { 200: { description: 'Réglages en vigueur', schema: GovernanceSettingsSchema } } });
governanceSettingsRoutes.get('/', async (c) => c.json(await getGovernanceSettings(c.var.deps, c.var.actor)));

documentRoute({ method: 'put', path: '/v1/settings/governance', tag: 'Décisions', access: 'admin', actions: ['governance.settings'], summary: 'Changer les réglages des décisions (les propositions déjà créées gardent leur règle et leur quorum)', body: GovernanceSettingsInputSchema, responses: { 200: { description: 'Réglages enregistrés', schema: GovernanceSettingsSchema } } });
governanceSettingsRoutes.put('/', async (c) => c.json(await saveGovernanceSettings(c.var.deps, c.var.actor, await readJson(c, GovernanceSettingsInputSchema))));
