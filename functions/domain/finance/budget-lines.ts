/** The network's own income and expense lines (grants among them) and its yearly budget. */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { authorize } from '../permissions.js';
import { ConflictError, NotFoundError, ValidationError, fieldErrorsFromZod } from '../errors.js';
import { budgetLineItems, getBudgetLine, getYearBudget, listBudgetLinesOfYear, putYearBudget } from '../../../integrations/dynamodb/finance-repository.js';
import { TransactionConditionFailed, writeLabelledTransaction } from '../../../integrations/dynamodb/transaction.js';
import { BudgetInputSchema, BudgetLineInputSchema, BudgetLineSchema, type BudgetInput, type BudgetLine, type BudgetLineInput, type FinanceCategory } from '../../../schemas/finance.js';

async function save(deps: Deps, line: BudgetLine): Promise<void> {
  try {
    await writeLabelledTransaction(deps.table, budgetLineItems(deps.table, line));
  } catch (err) {
    if (err instanceof TransactionConditionFailed) throw new ConflictError(`La ligne « ${line.id} » a été modifiée entre-temps ; relisez-la puis recommencez.`);
    throw err;
  }
}

/** POST /v1/finance/lines (admin). */
export async function createBudgetLine(deps: Deps, actor: Actor, input: BudgetLineInput): Promise<BudgetLine> {
  authorize(actor, 'finance.manage');
  const line: BudgetLine = { ...input, id: deps.newId(), createdAt: deps.now().toISOString(), createdBy: actorLabel(actor), version: 1 };
  await save(deps, line);
  return line;
}

/** PATCH /v1/finance/lines/{lineId} (admin): a grant's follow-up (status, granted and received amounts) or the label. */
export async function updateBudgetLine(deps: Deps, actor: Actor, lineId: string, patch: Partial<Pick<BudgetLine, 'status' | 'grantedCents' | 'receivedCents' | 'label' | 'project'>>): Promise<BudgetLine> {
  authorize(actor, 'finance.manage');
  const raw = await getBudgetLine(deps.table, lineId);
  if (!raw) throw new NotFoundError('Ligne budgétaire', lineId);
  const before = BudgetLineSchema.parse(raw);
  const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  const { id, createdAt, createdBy, version, ...input } = merged;
  // The whole line is checked again: a grant marked received needs its received amount.
  const checked = BudgetLineInputSchema.safeParse(input);
  if (!checked.success) throw new ValidationError(fieldErrorsFromZod(checked.error.issues));
  const line: BudgetLine = { ...checked.data, id, createdAt, createdBy, version: version + 1 };
  await save(deps, line);
  return line;
}

/** The lines of a year, by date. */
export async function budgetLinesOfYear(deps: Deps, year: string): Promise<BudgetLine[]> {
  return (await listBudgetLinesOfYear(deps.table, year)).map((i) => BudgetLineSchema.parse(i));
}

/** GET /v1/finance/lines?year=&category=&project= (admin). */
export async function listBudgetLines(deps: Deps, actor: Actor, q: { year: string; category?: FinanceCategory; project?: string }): Promise<{ items: BudgetLine[] }> {
  authorize(actor, 'finance.manage');
  const items = (await budgetLinesOfYear(deps, q.year)).filter((l) => (!q.category || l.category === q.category) && (!q.project || l.project === q.project));
  return { items };
}

/** PUT /v1/finance/budget/{year} (admin): the planned income and expenses by category. */
export async function saveYearBudget(deps: Deps, actor: Actor, year: string, input: BudgetInput): Promise<BudgetInput & { year: string }> {
  authorize(actor, 'finance.manage');
  await putYearBudget(deps.table, year, { income: input.income, expenses: input.expenses, updatedAt: deps.now().toISOString() });
  return { year, ...input };
}

export async function yearBudget(deps: Deps, year: string): Promise<BudgetInput | undefined> {
  const raw = await getYearBudget(deps.table, year);
  return raw ? BudgetInputSchema.parse({ income: raw.income, expenses: raw.expenses }) : undefined;
}
