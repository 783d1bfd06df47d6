import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readJson, readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { ValidationError } from '../../domain/errors.js';
import { JournalEntrySchema } from '../../../schemas/ledger.js';
import {
  BudgetInputSchema,
  BudgetLineInputSchema,
  BudgetLinePatchSchema,
  BudgetLineSchema,
  FinanceCategorySchema,
  FinanceReportSchema,
  MembershipCampaignInputSchema,
  MembershipYearSchema,
  PaymentInputSchema,
  YearSchema,
} from '../../../schemas/finance.js';
import { listMemberships, postMemberships } from '../../domain/finance/memberships.js';
import { recordPayment } from '../../domain/finance/payments.js';
import { createBudgetLine, listBudgetLines, saveYearBudget, updateBudgetLine } from '../../domain/finance/budget-lines.js';
import { buildYearReport } from '../../domain/finance/year-report.js';
import { yearReportToCsv } from '../../domain/finance/report-csv.js';
import { todayInParis } from '../../domain/mobility/periods.js';
import { signedLinkGuard } from '../pages/signed-link-guard.js';
import { signLink } from '../../domain/links/signed-links.js';
import { authorize } from '../../domain/permissions.js';

const TAG = 'Finances du réseau';

function readYear(v: string): string {
  const r = YearSchema.safeParse(v);
  if (!r.success) throw new ValidationError([{ path: 'year', message: 'année attendue sur 4 chiffres (ex. 2026)' }], 'Année invalide dans le chemin.');
  return r.data;
}

const PostingResultSchema = z.object({ year: YearSchema, posted: z.array(z.object({ placeId: z.string(), amountCents: z.number().int(), entryId: z.string() })), unchanged: z.number().int() }).meta({ id: 'MembershipPostingResult' });
const LinesQuery = z.strictObject({ year: YearSchema.optional().meta({ description: 'Année (l’année en cours par défaut)' }), category: FinanceCategorySchema.optional(), project: z.string().max(100).optional() });
const ReportQuery = z.strictObject({ format: z.enum(['json', 'csv', 'html']).default('json').meta({ description: 'json, csv (tableur français : « ; », virgule décimale, BOM) ou html (page imprimable avec graphiques)' }),
  exp: z.string().max(20).optional().meta({ description: 'Lien signé : expiration' }),
  sig: z.string().max(200).optional().meta({ description: 'Lien signé : signature' }) });

export const financeRoutes = new Hono<AppEnv>();

documentRoute({ method: 'put', path: '/v1/finance/memberships/{year}', tag: TAG, access: 'admin', actions: ['finance.manage'], summary: 'Appeler les cotisations de l’année : une écriture lieu → réseau par lieu membre (relancer ne compte rien deux fois ; une cotisation changée passe la différence)', body: MembershipCampaignInputSchema, responses: { 200: { description: 'Écritures passées', schema: PostingResultSchema } } });
financeRoutes.put('/memberships/:year', async (c) => c.json(await postMemberships(c.var.deps, c.var.actor, readYear(c.req.param('year')), await readJson(c, MembershipCampaignInputSchema))));

documentRoute({ method: 'get', path: '/v1/finance/memberships/{year}', tag: TAG, access: 'admin', actions: ['finance.manage'], summary: 'Cotisations de l’année : qui a payé, qui doit encore', responses: { 200: { description: 'Cotisations', schema: MembershipYearSchema } } });
financeRoutes.get('/memberships/:year', async (c) => c.json(await listMemberships(c.var.deps, c.var.actor, readYear(c.req.param('year')))));

documentRoute({ method: 'post', path: '/v1/finance/payments', tag: TAG, access: 'admin', actions: ['finance.manage'], summary: 'Enregistrer un paiement : « from » paie « to » (passe au grand livre et apparaît dans les soldes)', body: PaymentInputSchema, responses: { 201: { description: 'Écriture de paiement', schema: JournalEntrySchema } } });
financeRoutes.post('/payments', async (c) => c.json(await recordPayment(c.var.deps, c.var.actor, await readJson(c, PaymentInputSchema)), 201));

documentRoute({ method: 'post', path: '/v1/finance/lines', tag: TAG, access: 'admin', actions: ['finance.manage'], summary: 'Ajouter une recette ou une dépense du réseau (une subvention : financeur, statut, montants demandé, accordé, reçu)', body: BudgetLineInputSchema, responses: { 201: { description: 'Ligne créée', schema: BudgetLineSchema } } });
financeRoutes.post('/lines', async (c) => c.json(await createBudgetLine(c.var.deps, c.var.actor, await readJson(c, BudgetLineInputSchema)), 201));

documentRoute({ method: 'get', path: '/v1/finance/lines', tag: TAG, access: 'admin', actions: ['finance.manage'], summary: 'Lignes de recettes et de dépenses d’une année', query: LinesQuery, responses: { 200: { description: 'Lignes par date', schema: z.object({ items: z.array(BudgetLineSchema) }) } } });
financeRoutes.get('/lines', async (c) => {
  const q = readQuery(c, LinesQuery);
  return c.json(await listBudgetLines(c.var.deps, c.var.actor, { ...q, year: q.year ?? todayInParis(c.var.deps.now()).slice(0, 4) }));
});

documentRoute({ method: 'patch', path: '/v1/finance/lines/{lineId}', tag: TAG, access: 'admin', actions: ['finance.manage'], summary: 'Suivre une subvention (statut, montant accordé, montant reçu) ou corriger un libellé', body: BudgetLinePatchSchema, responses: { 200: { description: 'Ligne modifiée', schema: BudgetLineSchema } } });
financeRoutes.patch('/lines/:lineId', async (c) => c.json(await updateBudgetLine(c.var.deps, c.var.actor, c.req.param('lineId'), await readJson(c, BudgetLinePatchSchema))));

documentRoute({ method: 'put', path: '/v1/finance/budget/{year}', tag: TAG, access: 'admin', actions: ['finance.manage'], summary: 'Budget prévisionnel de l’année par catégorie (le bilan montre prévu et réalisé)', body: BudgetInputSchema, responses: { 200: { description: 'Budget enregistré', schema: BudgetInputSchema.extend({ year: YearSchema }) } } });
financeRoutes.put('/budget/:year', async (c) => c.json(await saveYearBudget(c.var.deps, c.var.actor, readYear(c.req.param('year')), await readJson(c, BudgetInputSchema))));

documentRoute({ method: 'get', path: '/v1/finance/{year}', tag: TAG, access: 'admin', actions: ['finance.report.read'], summary: 'Bilan annuel du réseau : recettes et dépenses par catégorie, budget prévu et réalisé, subventions, cotisations, flux de mobilité', query: ReportQuery, responses: { 200: { description: 'Bilan (JSON, ou text/csv, ou text/html selon « format »)', schema: FinanceReportSchema } } });
financeRoutes.get('/:year', async (c) => {
  const year = readYear(c.req.param('year'));
  const { format } = readQuery(c, ReportQuery);
  // A signed link (POST …/link) opens the printable page without a token.
  const signed = await signedLinkGuard(c);
  const report = await buildYearReport(c.var.deps, signed ? 'signed' : c.var.actor, year);
  if (format === 'csv') {
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="bilan-reseau-${year}.csv"`);
    return c.body(yearReportToCsv(report));
  }
  if (format === 'html') {
    const { yearReportPage } = await import('../pages/finance-report-page.js');
    return yearReportPage(c, report);
  }
  return c.json(report);
});

documentRoute({ method: 'post', path: '/v1/finance/{year}/link', tag: TAG, access: 'admin', actions: ['finance.report.read'], summary: 'Lien signé (90 jours) vers la page imprimable du bilan, à transmettre à un financeur ou au bureau', responses: { 200: { description: 'Lien', schema: z.object({ url: z.string(), expiresAt: z.string() }) } } });
financeRoutes.post('/:year/link', async (c) => {
  const year = readYear(c.req.param('year'));
  authorize(c.var.actor, 'finance.report.read');
  return c.json(await signLink(c.var.deps, `/v1/finance/${year}`, { query: { format: 'html' } }));
});
