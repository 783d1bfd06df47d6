import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { MonthSchema, SettlementSchema } from '../../../schemas/ledger.js';
import { BadRequestError } from '../../domain/errors.js';
import { getSettlement } from '../../domain/mobility/balances.js';

export const settlementRoutes = new Hono<AppEnv>();

/** `YYYY-MM` from the path, or a 400 problem. */
export function readMonthParam(value: string): string {
  if (!MonthSchema.safeParse(value).success) throw new BadRequestError(`Mois attendu au format AAAA-MM, reçu « ${value} ».`);
  return value;
}

documentRoute({ method: 'get', path: '/v1/settlements/{period}', tag: 'Comptabilité', access: 'admin', actions: ['ledger.balances.read'], summary: 'Règlement mensuel entre organisations (lieux et tête de réseau) : soldes du mois et virements qui les soldent (au plus n − 1)', responses: { 200: { description: 'Règlement', schema: SettlementSchema } } });
settlementRoutes.get('/:period', async (c) => c.json(await getSettlement(c.var.deps, c.var.actor, readMonthParam(c.req.param('period')))));
