import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { IdSchema } from '../../../schemas/common.js';
import { ValuationReportSchema } from '../../../schemas/valuation-report.js';
import { reportToCsv } from '../../domain/valuation/report-csv.js';
import { REPORT_CSS, attestationBodyHtml, attestationTitle, reportBodyHtml, reportTitle } from '../../domain/valuation/report-html.js';
import { NETWORK_NAME, pageResponse, raw } from '../pages/layout.js';
import { dayInWords } from '../../domain/text/fr.js';
import { todayInParis } from '../../domain/mobility/periods.js';
import { buildAttestation, buildYearReport, readYear } from '../../domain/valuation/year-report.js';

const ReportQuery = z.strictObject({
  placeId: IdSchema.optional(),
  project: z.string().max(120).optional(),
  format: z.enum(['json', 'csv', 'html']).default('json').meta({ description: 'json, csv (tableur français : « ; », virgule décimale, BOM) ou html (rapport imprimable avec graphiques et note de méthode)' }),
});
const AttestationQuery = z.strictObject({ format: z.enum(['json', 'html']).default('html').meta({ description: 'html (par défaut : attestation à imprimer et signer) ou json' }) });

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
  if (q.format === 'html') {
    const placeName = report.byPlace.find((p) => p.placeId === q.placeId)?.placeName;
    return pageResponse(c, { title: reportTitle(report, placeName), lead: `${NETWORK_NAME} — contributions volontaires en nature`, body: raw(reportBodyHtml(report)), css: REPORT_CSS, noindex: true });
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
  responses: { 200: { description: 'Attestation (text/html, ou JSON avec format=json)', contentType: 'text/html' } },
});
valuationRoutes.get('/:year/people/:personId', async (c) => {
  const { format } = readQuery(c, AttestationQuery);
  const att = await buildAttestation(c.var.deps, c.var.actor, readYear(c.req.param('year')), c.req.param('personId'));
  if (format === 'json') return c.json(att);
  const today = dayInWords(todayInParis(c.var.deps.now()));
  return pageResponse(c, { title: attestationTitle(att), lead: NETWORK_NAME, body: raw(attestationBodyHtml(att, today)), css: REPORT_CSS, noindex: true });
});
