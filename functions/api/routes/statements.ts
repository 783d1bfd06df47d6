import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { StatementSchema } from '../../../schemas/statement.js';
import { buildStatement } from '../../domain/mobility/statement.js';
import { statementToCsv } from '../../domain/mobility/statement-csv.js';
import { statementToHtml } from '../../domain/mobility/statement-html.js';
import { readMonthParam, SettlementModeShape } from './settlements.js';

const StatementQuery = z.strictObject({ ...SettlementModeShape, format: z.enum(['json', 'csv', 'html']).default('json').meta({ description: 'json, csv (tableur français : « ; », virgule décimale, BOM) ou html (page imprimable avec graphique)' }) });

export const statementRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/v1/statements/{period}/{placeId}',
  tag: 'Comptabilité',
  access: 'manager',
  actions: ['statement.read'],
  summary: 'Relevé mensuel d’un lieu : visites reçues et envoyées (une ligne par visite, annulées comprises), écritures, solde net, virements à effectuer selon le mode du règlement, chacun expliqué',
  query: StatementQuery,
  responses: { 200: { description: 'Relevé (JSON, ou text/csv, ou text/html selon « format »)', schema: StatementSchema } },
});
statementRoutes.get('/:period/:placeId', async (c) => {
  const { format, mode } = readQuery(c, StatementQuery);
  const period = readMonthParam(c.req.param('period'));
  const statement = await buildStatement(c.var.deps, c.var.actor, period, c.req.param('placeId'), mode);
  if (format === 'json') return c.json(statement);
  if (format === 'csv') {
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="releve-mobilite-${period}-${statement.place.id}.csv"`);
    return c.body(statementToCsv(statement));
  }
  return c.html(statementToHtml(statement));
});
