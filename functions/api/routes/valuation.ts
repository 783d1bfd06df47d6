import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { IdSchema } from '../../../schemas/common.js';
import { ValuationReportSchema } from '../../../schemas/valuation-report.js';
import { reportToCsv } from '../../domain/valuation/report-csv.js';
import { buildAttestation, buildYearReport, readYear } from '../../domain/valuation/year-report.js';

const ReportQuery = z.strictObject({
  placeId: IdSchema.optional(),
  project: z.string().max(120).optional(),
  format: z.enum(['json', 'csv']).default('json').meta({ description: 'json ou csv (tableur français : « ; », virgule décimale, BOM)' }),
});
const AttestationQuery = z.strictObject({ format: z.enum(['json']).default('json') });

export const valuationRoutes = new Hono<AppEnv>();
const TAG = 'Valorisation du bénévolat';

documentRoute({
  method: 'get',
  path: '/v1/valuation/{year}',
  actions: ['valuation.report.read'],
  tag: TAG,
  access: 'manager',
  summary: 'Valorisation d’une année : heures, kilomètres, en nature, par mois, lieu et projet, et comptes 86/87 du budget (Cerfa n° 12156), équilibrés',
  query: ReportQuery,
  responses: { 200: { description: 'Rapport (JSON, ou text/csv, ou text/html selon « format »)', schema: ValuationReportSchema } },
});
valuationRoutes.get('/:year', async (c) => {
  const q = readQuery(c, ReportQuery);
  const report = await buildYearReport(c.var.deps, c.var.actor, readYear(c.req.param('year')), q);
  if (q.format === 'csv') {
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="valorisation-${report.year}${q.placeId ? `-${q.placeId}` : ''}.csv"`);
    return c.body(reportToCsv(report));
  }
  return c.json(report);
});

documentRoute({
  method: 'get',
  path: '/v1/valuation/{year}/people/{personId}',
  actions: ['valuation.attestation.read'],
  tag: TAG,
  access: 'manager',
  summary: 'Attestation de bénévolat d’une personne pour l’année (heures par activité, kilomètres, valorisation), à imprimer et signer',
  query: AttestationQuery,
  responses: { 200: { description: 'Attestation (text/html, ou JSON)', contentType: 'text/html' } },
});
valuationRoutes.get('/:year/people/:personId', async (c) => {
  readQuery(c, AttestationQuery);
  const att = await buildAttestation(c.var.deps, c.var.actor, readYear(c.req.param('year')), c.req.param('personId'));
  return c.json(att);
});
