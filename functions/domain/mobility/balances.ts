import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { authorize } from '../permissions.js';
import { dayRange, firstDayOf, lastDayOf, monthOf, monthsBetween, todayInParis } from './periods.js';
import { settleTransfers } from './settlement-netting.js';
import { NETWORK_NAME, presentTransfers, type NameOf, type PlaceGross } from './settlement-present.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { balanceDeltas, listEntriesOfMonth, listMonthBalances } from '../../../integrations/dynamodb/ledger-repository.js';
import { JournalEntrySchema, type AccountBalance, type Settlement, type SettlementMode } from '../../../schemas/ledger.js';

/** Accounts in a stable order: the network, then places, then people. */
export function sortAccounts<T extends { account: string }>(rows: T[]): T[] {
  const rank = (a: string) => (a === 'network' ? 0 : a.startsWith('place:') ? 1 : 2);
  return rows.sort((x, y) => rank(x.account) - rank(y.account) || x.account.localeCompare(y.account));
}

/**
 * Balances over a day range. Whole months read their balance items (one per account:
 * the cost grows with the accounts and the months, not with the visits); a partial
 * month at either end is summed from that month's entries between the two days.
 */
export async function computeBalances(deps: Deps, from: string, to: string, scope: 'all' | 'org'): Promise<AccountBalance[]> {
  const perMonth = await Promise.all(
    monthsBetween(monthOf(from), monthOf(to)).map(async (m) => {
      const a = from > firstDayOf(m) ? from : firstDayOf(m);
      const b = to < lastDayOf(m) ? to : lastDayOf(m);
      if (a === firstDayOf(m) && b === lastDayOf(m)) return listMonthBalances(deps.table, m, scope);
      const out = new Map<string, number>();
      for (const raw of await listEntriesOfMonth(deps.table, m, a, b)) {
        for (const [account, d] of balanceDeltas(JournalEntrySchema.parse(raw))[scope]) out.set(account, (out.get(account) ?? 0) + d);
      }
      return [...out].map(([account, balanceCents]) => ({ account, balanceCents }));
    }),
  );
  const total = new Map<string, number>();
  for (const rows of perMonth) for (const r of rows) total.set(r.account, (total.get(r.account) ?? 0) + r.balanceCents);
  return sortAccounts([...total].map(([account, balanceCents]) => ({ account, balanceCents })));
}

/** GET /v1/ledger/balances?from=&to= (admin; days or months, the current year by default, 10 years at most). */
export async function getBalances(deps: Deps, actor: Actor, q: { from?: string; to?: string }): Promise<{ from: string; to: string; accounts: AccountBalance[] }> {
  authorize(actor, 'ledger.balances.read');
  const year = todayInParis(deps.now()).slice(0, 4);
  const range = dayRange(q, { from: `${year}-01-01`, to: `${year}-12-31` }, 120);
  return { ...range, accounts: await computeBalances(deps, range.from, range.to, 'all') };
}

/**
 * A month's settlement: the organisations' balances (postings between two organisations)
 * and the transfers that clear them, in the mode asked for (`hub` by default). Names come
 * from `nameOf` (account ids when none is given: the bench measures the ledger alone).
 */
export async function computeSettlement(
  deps: Deps,
  month: string,
  mode: SettlementMode = 'hub',
  nameOf: NameOf = (a) => a,
  gross?: ReadonlyMap<string, PlaceGross>,
): Promise<Settlement> {
  const balances = sortAccounts(await listMonthBalances(deps.table, month, 'org'));
  const transfers = settleTransfers(mode, balances);
  return {
    period: month,
    mode,
    balances: balances.map((b) => ({ ...b, name: nameOf(b.account) })),
    transfers: presentTransfers(transfers, { mode, month, nameOf, balances, gross }),
  };
}

/** Display names of accounts: places by name, the network head, people by display name (callers filter people). */
export async function organisationNames(deps: Deps): Promise<NameOf> {
  const directory = await loadDirectorySnapshot(deps);
  return (acc) => (acc === 'network' ? NETWORK_NAME : acc.startsWith('place:') ? (directory.placesById.get(acc.slice(6))?.name ?? acc) : acc);
}

/** GET /v1/settlements/{YYYY-MM}?mode=hub|min (admin). */
export async function getSettlement(deps: Deps, actor: Actor, month: string, mode: SettlementMode = 'hub'): Promise<Settlement> {
  authorize(actor, 'ledger.balances.read');
  return computeSettlement(deps, month, mode, await organisationNames(deps));
}
