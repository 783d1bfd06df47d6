import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { StatementSchema } from '../../../schemas/statement.js';
import { buildStatement } from '../../domain/mobility/statement.js';
import { statementToCsv } from '../../domain/mobility/statement-csv.js';
import { STATEMENT_CSS, statementBodyHtml, statementTitle } from '../../domain/mobility/statement-html.js';
import { signedStatementReader } from '../../domain/mobility/statement-links.js';
import { signedLinkGuard } from '../pages/signed-link-guard.js';
import { pageResponse, raw } from '../pages/layout.js';
import { readMonthParam, SettlementModeShape } from './settlements.js';

const StatementQuery = z.strictObject({
  ...SettlementModeShape,
  exp: z.string().optional().meta({ description: 'Lien signé : fin de validité (avec « sig »)' }),
  sig: z.string().optional().meta({ description: 'Lien signé (GET /v1/links/statements/{YYYY-MM}) : ouvre ce relevé sans jeton' }),
  format: z.enum(['json', 'csv', 'html']).default('json').meta({ description: 'json, csv (tableur français : « ; », virgule décimale, BOM) ou html (page imprimable avec graphique)' }) });

export const statementRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/v1/statements/{period}/{placeId}',
  tag: 'Comptabilité',
  access: 'manager',
  actions: ['statement.read'],
  summary: 'Relevé mensuel d’un lieu (avec un jeton, ou sans jeton par un lien signé) : visites reçues et envoyées (une ligne par visite, annulées comprises), écritures, solde net, virements à effectuer selon le mode du règlement, chacun expliqué',
  query: StatementQuery,
  responses: {
    200: { description: 'Relevé (JSON, ou text/csv, ou text/html selon « format »)', schema: StatementSchema },
    403: { description: 'Lien signé modifié (page HTML en français)', contentType: 'text/html' },
    410: { description: 'Lien signé expiré (page HTML en français)', contentType: 'text/html' },
  },
});
statementRoutes.get('/:period/:placeId', async (c) => {
  const { format, mode } = readQuery(c, StatementQuery);
  const period = readMonthParam(c.req.param('period'));
  const placeId = c.req.param('placeId');
  // A valid signed link opens this one statement (its path and format are signed) as its own place would.
  const signed = await signedLinkGuard(c);
  const statement = await buildStatement(c.var.deps, signed ? signedStatementReader(placeId) : c.var.actor, period, placeId, mode);
  if (format === 'json') return c.json(statement);
  if (format === 'csv') {
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="releve-mobilite-${period}-${statement.place.id}.csv"`);
    return c.body(statementToCsv(statement));
  }
  return pageResponse(c, { title: statementTitle(statement), lead: `${statement.place.commune} · relevé de la mobilité des coworkers`, body: raw(statementBodyHtml(statement)), css: STATEMENT_CSS, noindex: true });
});
