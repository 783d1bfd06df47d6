import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { IssuedTokenSchema, TokenInputSchema, TokenSchema } from '../../../schemas/token.js';
import { issueToken, listTokens, revokeToken } from '../../domain/tokens.js';

export const tokenRoutes = new Hono<AppEnv>();

documentRoute({ method: 'post', path: '/v1/tokens', tag: 'Jetons', access: 'admin', actions: ['token.manage'], summary: 'Créer un jeton de gestionnaire (un lieu) ou d’intégration ; le secret n’est montré qu’une fois', body: TokenInputSchema, responses: { 201: { description: 'Jeton créé', schema: IssuedTokenSchema } } });
tokenRoutes.post('/', async (c) => c.json(await issueToken(c.var.deps, c.var.actor, await readJson(c, TokenInputSchema)), 201));

documentRoute({ method: 'get', path: '/v1/tokens', tag: 'Jetons', access: 'admin', actions: ['token.manage'], summary: 'Lister les jetons (sans leur secret)', responses: { 200: { description: 'Jetons', schema: z.object({ items: z.array(TokenSchema) }) } } });
tokenRoutes.get('/', async (c) => c.json({ items: await listTokens(c.var.deps, c.var.actor) }));

documentRoute({ method: 'delete', path: '/v1/tokens/{tokenId}', tag: 'Jetons', access: 'admin', actions: ['token.manage'], summary: 'Révoquer un jeton', responses: { 204: { description: 'Révoqué' } } });
tokenRoutes.delete('/:tokenId', async (c) => {
  await revokeToken(c.var.deps, c.var.actor, c.req.param('tokenId'));
  return c.body(null, 204);
});
