/**
 * Settling a month's balances between organisations into transfers: pure functions.
 *
 * `hub` (the network's default): every place settles its own balance with the network
 * head and nobody else, so a place never pays a place it had no dealings with; one
 * transfer per place whose balance is not zero.
 *
 * `min` (netting): greedy two-pointer over debtors (negative balances) and creditors (positive ones),
 * largest first: each transfer clears at least one of the two sides and the last one
 * clears both, so n non-zero balances need at most n − 1 transfers. (The true minimum
 * is NP-hard in general; n − 1 is the bound the network asked for.)
 */
import type { AccountBalance, SettlementMode, Transfer } from '../../../schemas/ledger.js';

export class UnbalancedLedgerError extends Error {}

export const NETWORK = 'network';

function requireZeroSum(balances: readonly AccountBalance[]): void {
  const total = balances.reduce((s, b) => s + b.balanceCents, 0);
  if (total !== 0) throw new UnbalancedLedgerError(`balances sum to ${total}, not 0`);
}

/**
 * Hub settlement: a place owed money is paid by the network, a place that owes pays the
 * network. The network's own balance is then cleared too, since all balances sum to zero:
 * with n non-zero balances that is n − 1 transfers when the network's is one of them.
 */
export function hubTransfers(balances: readonly AccountBalance[]): Transfer[] {
  requireZeroSum(balances);
  return balances
    .filter((b) => b.account !== NETWORK && b.balanceCents !== 0)
    .map((b) => (b.balanceCents < 0 ? { from: b.account, to: NETWORK, amountCents: -b.balanceCents } : { from: NETWORK, to: b.account, amountCents: b.balanceCents }));
}

export function settleTransfers(mode: SettlementMode, balances: readonly AccountBalance[]): Transfer[] {
  return mode === 'hub' ? hubTransfers(balances) : netTransfers(balances);
}

export function netTransfers(balances: readonly AccountBalance[]): Transfer[] {
  requireZeroSum(balances);
  const byAmount = (a: { account: string; left: number }, b: { account: string; left: number }) => b.left - a.left || a.account.localeCompare(b.account);
  const debtors = balances.filter((b) => b.balanceCents < 0).map((b) => ({ account: b.account, left: -b.balanceCents })).sort(byAmount);
  const creditors = balances.filter((b) => b.balanceCents > 0).map((b) => ({ account: b.account, left: b.balanceCents })).sort(byAmount);
  const transfers: Transfer[] = [];
  let i = 0;
  let j = 0;
  while (i < debtors.length && j < creditors.length) {
    const d = debtors[i]!;
    const c = creditors[j]!;
    const amountCents = Math.min(d.left, c.left);
    transfers.push({ from: d.account, to: c.account, amountCents });
    d.left -= amountCents;
    c.left -= amountCents;
    if (d.left === 0) i++;
    if (c.left === 0) j++;
  }
  return transfers;
}

/** Balances after paying the transfers: `from` has paid (+), `to` has been paid (−). */
export function applyTransfers(balances: readonly AccountBalance[], transfers: readonly Transfer[]): AccountBalance[] {
  const m = new Map(balances.map((b) => [b.account, b.balanceCents]));
  for (const t of transfers) {
    m.set(t.from, (m.get(t.from) ?? 0) + t.amountCents);
    m.set(t.to, (m.get(t.to) ?? 0) - t.amountCents);
  }
  return [...m].map(([account, balanceCents]) => ({ account, balanceCents }));
}
