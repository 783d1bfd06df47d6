/**
 * The network's yearly report, built from two sources only: the ledger entries of the
 * year (memberships, payments, mobility) and the budget lines. JSON, CSV and HTML are
 * three renderings of this one object, so they cannot disagree.
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { authorize } from '../permissions.js';
import { FINANCE_CATEGORIES, type FinanceCategory, type FinanceReport, type BudgetLine } from '../../../schemas/finance.js';
import type { JournalEntry } from '../../../schemas/ledger.js';
import { listEntriesOfYear } from './year-entries.js';
import { budgetLinesOfYear, yearBudget } from './budget-lines.js';
import { membershipYear } from './memberships.js';
import type { ValuationReport } from '../../../schemas/valuation-report.js';
import { valueYear } from '../valuation/contribution-reads.js';
import { buildValuationReport } from '../valuation/build-report.js';

/** Classes 86/87 of the valuation's year report, non-zero accounts only; null when nothing was valued. */
export function contributionsOf(v: ValuationReport | undefined): FinanceReport['contributions'] {
  if (!v || v.contributions === 0) return null;
  return {
    totalCents: v.total86Cents,
    hours: v.hours,
    total86Cents: v.total86Cents,
    total87Cents: v.total87Cents,
    items: v.lines.filter((l) => l.amountCents !== 0).map((l) => ({ account: l.code, class: l.class, label: l.label, amountCents: l.amountCents })),
  };
}

/** Net fees the ledger holds for the year: `place → network` adds, `network → place` (a lowered fee) subtracts. */
export function membershipIncomeCents(entries: JournalEntry[]): number {
  let total = 0;
  for (const e of entries) {
    if (e.kind !== 'membership') continue;
    for (const p of e.postings) total += p.to === 'network' ? p.amountCents : p.from === 'network' ? -p.amountCents : 0;
  }
  return total;
}

/** What a line counts for in the accounts: a grant counts only what was received. */
export function lineActualCents(l: BudgetLine): number {
  return l.category === 'grant' ? (l.receivedCents ?? 0) : l.amountCents;
}

function byCategory(pairs: [FinanceCategory, number][]): { category: FinanceCategory; amountCents: number }[] {
  const m = new Map<FinanceCategory, number>();
  for (const [c, v] of pairs) m.set(c, (m.get(c) ?? 0) + v);
  return FINANCE_CATEGORIES.filter((c) => m.has(c)).map((category) => ({ category, amountCents: m.get(category)! }));
}

function mobilityOf(entries: JournalEntry[], year: string): FinanceReport['mobility'] {
  const months = Array.from({ length: 12 }, (_, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, visits: 0, visitCents: 0, passCents: 0 }));
  for (const e of entries) {
    const m = months[Number(e.date.slice(5, 7)) - 1]!;
    const amount = e.postings.reduce((s, p) => s + p.amountCents, 0);
    if (e.kind === 'visit') (m.visits += 1), (m.visitCents += amount);
    else if (e.kind === 'visit-cancellation') (m.visits -= 1), (m.visitCents -= amount);
    else if (e.kind === 'pass') m.passCents += amount;
  }
  const sum = (f: (x: (typeof months)[number]) => number) => months.reduce((s, x) => s + f(x), 0);
  return { months, visits: sum((x) => x.visits), visitCents: sum((x) => x.visitCents), passCents: sum((x) => x.passCents) };
}

function grantsOf(lines: BudgetLine[]): FinanceReport['grants'] {
  const items = lines
    .filter((l) => l.category === 'grant')
    .map((l) => ({ id: l.id, funder: l.funder!, label: l.label, ...(l.project ? { project: l.project } : {}), status: l.status!, requestedCents: l.amountCents, grantedCents: l.grantedCents ?? 0, receivedCents: l.receivedCents ?? 0 }));
  const funders = [...new Set(items.map((g) => g.funder))].sort((a, b) => a.localeCompare(b, 'fr'));
  const total = (list: typeof items) => ({ requestedCents: list.reduce((s, g) => s + g.requestedCents, 0), grantedCents: list.reduce((s, g) => s + g.grantedCents, 0), receivedCents: list.reduce((s, g) => s + g.receivedCents, 0) });
  return {
    items,
    byFunder: funders.map((funder) => ({ funder, ...total(items.filter((g) => g.funder === funder)) })),
    byStatus: (['requested', 'granted', 'received'] as const).map((status) => {
      const list = items.filter((g) => g.status === status);
      return { status, count: list.length, ...total(list) };
    }),
  };
}

/** Builds the report from the entries and lines given (pure: the tests recompute it from the same sources). */
export function composeYearReport(year: string, entries: JournalEntry[], lines: BudgetLine[], memberships: FinanceReport['memberships'], budget?: { income: Partial<Record<FinanceCategory, number>>; expenses: Partial<Record<FinanceCategory, number>> }, valuation?: ValuationReport): FinanceReport {
  const fees = membershipIncomeCents(entries);
  const income = byCategory([...(fees ? [['membership', fees] as [FinanceCategory, number]] : []), ...lines.filter((l) => l.direction === 'income').map((l) => [l.category, lineActualCents(l)] as [FinanceCategory, number])]);
  const expenses = byCategory(lines.filter((l) => l.direction === 'expense').map((l) => [l.category, l.amountCents]));
  const incomeCents = income.reduce((s, x) => s + x.amountCents, 0);
  const expenseCents = expenses.reduce((s, x) => s + x.amountCents, 0);
  const actual = (list: typeof income, c: FinanceCategory) => list.find((x) => x.category === c)?.amountCents ?? 0;
  const budgetRows = budget
    ? (['income', 'expense'] as const).flatMap((direction) => {
        const planned = direction === 'income' ? budget.income : budget.expenses;
        const list = direction === 'income' ? income : expenses;
        const cats = FINANCE_CATEGORIES.filter((c) => planned[c] !== undefined || list.some((x) => x.category === c));
        return cats.map((category) => {
          const budgetCents = planned[category] ?? 0;
          const actualCents = actual(list, category);
          return { direction, category, budgetCents, actualCents, gapCents: actualCents - budgetCents };
        });
      })
    : undefined;
  return {
    year,
    income,
    expenses,
    totals: { incomeCents, expenseCents, resultCents: incomeCents - expenseCents },
    ...(budgetRows ? { budget: budgetRows } : {}),
    grants: grantsOf(lines),
    memberships,
    mobility: mobilityOf(entries, year),
    // Valued in kind, outside the accounts: shown beside them, never added to the result.
    contributions: contributionsOf(valuation),
    sources: { ledgerEntries: entries.length, lines: lines.length },
  };
}

/** GET /v1/finance/{year} (admin, or a signed link for the printable page). */
export async function buildYearReport(deps: Deps, actor: Actor | 'signed', year: string): Promise<FinanceReport> {
  if (actor !== 'signed') authorize(actor, 'finance.report.read');
  const [entries, lines, m, budget, valuation] = await Promise.all([listEntriesOfYear(deps, year), budgetLinesOfYear(deps, year), membershipYear(deps, year), yearBudget(deps, year), networkValuation(deps, year)]);
  return composeYearReport(year, entries, lines, { ...m.totals, places: m.items.length }, budget, valuation);
}

/** The whole network's valuation of the year (the valuation module's own report, every place and project). */
async function networkValuation(deps: Deps, year: string): Promise<ValuationReport> {
  const y = await valueYear(deps, Number(year));
  // Only the 86/87 lines are used here: place names are not needed.
  return buildValuationReport({ year: Number(year), valued: y.valued, figures: y.figures, placeName: (id) => id });
}
