import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { cachedBody } from '../http/cached-body.js';
import { OpenDataReportSchema } from '../../../schemas/opendata.js';
import { mediationNumeriqueCsv, openDataReport } from '../../domain/opendata/publish-places.js';
import { openDataPage } from '../pages/opendata-page.js';

const PUBLIC_CACHE = 'public, max-age=300, stale-while-revalidate=3600';

export const openDataRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/v1/opendata/lieux-mediation-numerique.csv',
  tag: 'Données ouvertes',
  access: 'public',
  summary: 'Les lieux membres au standard national « Lieux de médiation numérique » (v1.0.2 ; CSV UTF-8, « , », valeurs multiples séparées par « | »)',
  responses: { 200: { description: 'Fichier CSV conforme au schéma', contentType: 'text/csv' } },
});
openDataRoutes.get('/lieux-mediation-numerique.csv', async (c) => {
  c.header('Content-Disposition', 'attachment; filename="lieux-mediation-numerique.csv"');
  return cachedBody(c, await mediationNumeriqueCsv(c.var.deps), 'text/csv; charset=utf-8', PUBLIC_CACHE);
});

documentRoute({
  method: 'get',
  path: '/v1/opendata/report',
  tag: 'Données ouvertes',
  access: 'public',
  summary: 'Rapport de publication : lieux publiés, lieux laissés de côté et pourquoi (SIRET manquant, adresse incomplète…)',
  responses: { 200: { description: 'Rapport', schema: OpenDataReportSchema } },
});
openDataRoutes.get('/report', async (c) => c.json(await openDataReport(c.var.deps)));

documentRoute({ method: 'get', path: '/v1/opendata', tag: 'Données ouvertes', access: 'public', summary: 'Page en français décrivant chaque jeu de données (licence Etalab 2.0, champs, fréquence de mise à jour, liens)', responses: { 200: { description: 'Page HTML', contentType: 'text/html' } } });
openDataRoutes.get('/', async (c) => {
  const report = await openDataReport(c.var.deps);
  const d = report.datasets[0]!;
  return openDataPage(c, { published: d.published, excluded: d.excluded.length });
});
