import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { MonthSchema, SETTLEMENT_MODES, SettlementSchema } from '../../../schemas/ledger.js';
import { readQuery } from '../http/input.js';
import { BadRequestError } from '../../domain/errors.js';
import { getSettlement } from '../../domain/mobility/balances.js';

export const settlementRoutes = new Hono<AppEnv>();

/** `YYYY-MM` from the path, or a 400 problem. */
export function readMonthParam(value: string): string {
  if (!MonthSchema.safeParse(value).success) throw new BadRequestError(`Mois attendu au format AAAA-MM, reçu « ${value} ».`);
  return value;
}

export const SettlementModeShape = {
  mode: z
    .enum(SETTLEMENT_MODES)
    .default('hub')
    .meta({ description: 'hub (par défaut) : chaque lieu règle son solde avec la tête de réseau seulement, un virement par lieu dont le solde n’est pas nul ; min : compensation au plus court entre organisations (au plus n − 1 virements, un lieu peut alors payer un lieu avec lequel il n’a pas eu d’échange)' }),
};
const SettlementQuery = z.strictObject(SettlementModeShape);

documentRoute({
  method: 'get',
  path: '/v1/settlements/{period}',
  tag: 'Comptabilité',
  access: 'admin',
  actions: ['ledger.balances.read'],
  summary: 'Règlement mensuel entre organisations (lieux et tête de réseau) : soldes du mois, avec les noms, et virements qui les soldent, chacun avec sa raison en une phrase',
  query: SettlementQuery,
  responses: { 200: { description: 'Règlement', schema: SettlementSchema } },
});
settlementRoutes.get('/:period', async (c) => {
  const { mode } = readQuery(c, SettlementQuery);
  return c.json(await getSettlement(c.var.deps, c.var.actor, readMonthParam(c.req.param('period')), mode));
});
