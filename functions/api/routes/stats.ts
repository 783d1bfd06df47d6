import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { publicFigures } from '../../domain/stats/public-figures.js';
import { statsPage } from '../pages/stats-page.js';

export const statsRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/stats', tag: 'Chiffres publics', access: 'public', summary: 'Le réseau en chiffres : page publique en français avec graphiques SVG (comptes seulement, aucune donnée privée)', responses: { 200: { description: 'Page HTML', contentType: 'text/html' } } });
statsRoutes.get('/', async (c) => statsPage(c, await publicFigures(c.var.deps)));
