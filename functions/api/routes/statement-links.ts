import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { listStatementLinks } from '../../domain/mobility/statement-links.js';
import { readMonthParam } from './settlements.js';

const StatementLinksSchema = z
  .object({
    items: z.array(
      z.object({
        placeId: z.string(),
        placeName: z.string(),
        url: z.string().meta({ description: 'Lien signé vers la page imprimable du relevé du lieu, à ouvrir sans jeton' }),
        expiresAt: z.string().meta({ description: 'Fin de validité du lien (90 jours)' }),
      }),
    ),
  })
  .meta({ id: 'StatementLinks' });

export const statementLinkRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/v1/links/statements/{period}',
  tag: 'Comptabilité',
  access: 'admin',
  actions: ['statement.links'],
  summary: 'Liens signés vers le relevé du mois de chaque lieu (valables 90 jours), à envoyer aux trésoriers : ils s’ouvrent dans un navigateur sans jeton',
  responses: { 200: { description: 'Un lien par lieu', schema: StatementLinksSchema } },
});
statementLinkRoutes.get('/:period', async (c) => c.json(await listStatementLinks(c.var.deps, c.var.actor, readMonthParam(c.req.param('period')))));
