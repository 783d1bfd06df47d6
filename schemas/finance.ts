import * as z from 'zod';
import { CentsSchema, DaySchema, IdSchema, TimestampSchema } from './common.js';
import { AccountSchema } from './ledger.js';

export const FINANCE_CATEGORIES = ['membership', 'fee_share', 'service', 'event', 'grant', 'salary', 'travel', 'equipment', 'other'] as const;
export const FinanceCategorySchema = z.enum(FINANCE_CATEGORIES);
export type FinanceCategory = z.infer<typeof FinanceCategorySchema>;
export const GRANT_STATUSES = ['requested', 'granted', 'received'] as const;

/** A year, `YYYY`. */
export const YearSchema = z.string().regex(/^(19|20)\d{2}$/, 'année attendue sur 4 chiffres (ex. 2026)');

const PositiveCents = z.number().int().min(1, 'un montant supérieur à zéro est attendu').max(100_000_000);

export const MembershipCampaignInputSchema = z
  .strictObject({
    defaultFeeCents: CentsSchema,
    fees: z.record(IdSchema, CentsSchema).optional().meta({ description: 'Cotisation d’un lieu (placeId → centimes), à la place de la cotisation par défaut' }),
    dueOn: DaySchema,
  })
  .meta({ id: 'MembershipCampaignInput' });
export type MembershipCampaignInput = z.infer<typeof MembershipCampaignInputSchema>;

export const MembershipSchema = z
  .object({
    placeId: IdSchema,
    name: z.string(),
    feeCents: z.number().int(),
    postedCents: z.number().int().meta({ description: 'Montant inscrit au grand livre (lieu → réseau)' }),
    paidCents: z.number().int().meta({ description: 'Paiements du lieu au réseau dans l’année, imputés à la cotisation' }),
    dueCents: z.number().int(),
    status: z.enum(['paid', 'partial', 'unpaid']),
  })
  .meta({ id: 'Membership' });
export type Membership = z.infer<typeof MembershipSchema>;

export const MembershipYearSchema = z
  .object({ year: YearSchema, defaultFeeCents: z.number().int(), dueOn: DaySchema, items: z.array(MembershipSchema), totals: z.object({ feeCents: z.number().int(), paidCents: z.number().int(), dueCents: z.number().int() }) })
  .meta({ id: 'MembershipYear' });

export const PaymentInputSchema = z
  .strictObject({
    from: AccountSchema,
    to: AccountSchema,
    amountCents: PositiveCents,
    date: DaySchema,
    reference: z.string().trim().min(1).max(200),
  })
  .refine((p) => p.from !== p.to, { message: 'le payeur et le bénéficiaire doivent être différents', path: ['to'] })
  .meta({ id: 'PaymentInput', description: '« from » paie « to » : le paiement réduit la dette de « from » envers « to »' });
export type PaymentInput = z.infer<typeof PaymentInputSchema>;

const LineShape = {
  direction: z.enum(['income', 'expense']),
  category: FinanceCategorySchema,
  date: DaySchema,
  amountCents: PositiveCents.meta({ description: 'Montant ; pour une subvention : le montant demandé' }),
  label: z.string().trim().min(1).max(200),
  counterpart: z.string().trim().min(1).max(200).meta({ description: 'Qui paie ou qui est payé' }),
  project: z.string().trim().min(1).max(100).optional(),
  funder: z.string().trim().min(1).max(200).optional(),
  status: z.enum(GRANT_STATUSES).optional(),
  grantedCents: CentsSchema.optional(),
  receivedCents: CentsSchema.optional(),
};

function grantRules(l: { direction?: string; category?: string; funder?: string; status?: string; grantedCents?: number; receivedCents?: number }, ctx: z.RefinementCtx) {
  const isGrant = l.category === 'grant';
  if (isGrant && l.direction !== 'income') ctx.addIssue({ code: 'custom', path: ['direction'], message: 'une subvention est une recette (income)' });
  if (isGrant && !l.funder) ctx.addIssue({ code: 'custom', path: ['funder'], message: 'le financeur d’une subvention est obligatoire' });
  if (isGrant && !l.status) ctx.addIssue({ code: 'custom', path: ['status'], message: 'le statut d’une subvention est obligatoire (requested, granted ou received)' });
  if (!isGrant) for (const f of ['funder', 'status', 'grantedCents', 'receivedCents'] as const) if (l[f] !== undefined) ctx.addIssue({ code: 'custom', path: [f], message: 'réservé aux subventions (category « grant »)' });
  if (isGrant && l.status === 'received' && l.receivedCents === undefined) ctx.addIssue({ code: 'custom', path: ['receivedCents'], message: 'le montant reçu est obligatoire pour une subvention reçue' });
}

export const BudgetLineInputSchema = z.strictObject(LineShape).superRefine(grantRules).meta({ id: 'BudgetLineInput' });
export type BudgetLineInput = z.infer<typeof BudgetLineInputSchema>;

export const BudgetLinePatchSchema = z
  .strictObject({ status: z.enum(GRANT_STATUSES).optional(), grantedCents: CentsSchema.optional(), receivedCents: CentsSchema.optional(), label: LineShape.label.optional(), project: LineShape.project })
  .meta({ id: 'BudgetLinePatch', description: 'Suivi d’une subvention (statut, montants accordé et reçu) ou libellé' });

export const BudgetLineSchema = z
  .object({ id: IdSchema, ...LineShape, createdAt: TimestampSchema, createdBy: z.string(), version: z.number().int().min(1) })
  .meta({ id: 'BudgetLine' });
export type BudgetLine = z.infer<typeof BudgetLineSchema>;

export const BudgetInputSchema = z
  .strictObject({
    income: z.partialRecord(FinanceCategorySchema, CentsSchema).default({}),
    expenses: z.partialRecord(FinanceCategorySchema, CentsSchema).default({}),
  })
  .meta({ id: 'BudgetInput', description: 'Budget prévisionnel de l’année par catégorie (centimes)' });
export type BudgetInput = z.infer<typeof BudgetInputSchema>;

const CategoryAmount = z.object({ category: FinanceCategorySchema, amountCents: z.number().int() });

export const FinanceReportSchema = z
  .object({
    year: YearSchema,
    income: z.array(CategoryAmount),
    expenses: z.array(CategoryAmount),
    totals: z.object({ incomeCents: z.number().int(), expenseCents: z.number().int(), resultCents: z.number().int() }),
    budget: z.array(z.object({ direction: z.enum(['income', 'expense']), category: FinanceCategorySchema, budgetCents: z.number().int(), actualCents: z.number().int(), gapCents: z.number().int() })).optional(),
    grants: z.object({
      items: z.array(z.object({ id: IdSchema, funder: z.string(), label: z.string(), project: z.string().optional(), status: z.enum(GRANT_STATUSES), requestedCents: z.number().int(), grantedCents: z.number().int(), receivedCents: z.number().int() })),
      byFunder: z.array(z.object({ funder: z.string(), requestedCents: z.number().int(), grantedCents: z.number().int(), receivedCents: z.number().int() })),
      byStatus: z.array(z.object({ status: z.enum(GRANT_STATUSES), count: z.number().int(), requestedCents: z.number().int(), grantedCents: z.number().int(), receivedCents: z.number().int() })),
    }),
    memberships: z.object({ feeCents: z.number().int(), paidCents: z.number().int(), dueCents: z.number().int(), places: z.number().int() }),
    mobility: z.object({
      months: z.array(z.object({ month: z.string(), visits: z.number().int(), visitCents: z.number().int(), passCents: z.number().int() })),
      visits: z.number().int(),
      visitCents: z.number().int(),
      passCents: z.number().int(),
    }),
    contributions: z
      .object({
        totalCents: z.number().int().meta({ description: 'Valeur des contributions de l’année (total 86 = total 87)' }),
        hours: z.number().meta({ description: 'Heures de bénévolat valorisées' }),
        total86Cents: z.number().int(),
        total87Cents: z.number().int(),
        items: z.array(z.object({ account: z.string().meta({ description: 'Compte du Cerfa 12156 (860 … 875)' }), class: z.enum(['86', '87']), label: z.string(), amountCents: z.number().int() })).meta({ description: 'Comptes non nuls, 86 puis 87' }),
      })
      .nullable()
      .meta({ description: 'Contributions volontaires valorisées (comptes 86/87) quand le module de valorisation en a enregistré ; sinon null' }),
    sources: z.object({ ledgerEntries: z.number().int(), lines: z.number().int() }),
  })
  .meta({ id: 'FinanceReport' });
export type FinanceReport = z.infer<typeof FinanceReportSchema>;
