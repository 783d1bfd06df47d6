import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyTransfers, netTransfers, UnbalancedLedgerError } from '../../functions/domain/mobility/settlement-netting.js';

describe('settlement netting (pure)', () => {
  it('one debtor and two creditors need two transfers', () => {
    const transfers = netTransfers([
      { account: 'network', balanceCents: -3000 },
      { account: 'place:A', balanceCents: 2000 },
      { account: 'place:B', balanceCents: 1000 },
    ]);
    expect(transfers).toEqual([
      { from: 'network', to: 'place:A', amountCents: 2000 },
      { from: 'network', to: 'place:B', amountCents: 1000 },
    ]);
  });

  it('balances that are all zero need no transfer', () => {
    expect(netTransfers([{ account: 'place:A', balanceCents: 0 }, { account: 'network', balanceCents: 0 }])).toEqual([]);
    expect(netTransfers([])).toEqual([]);
  });

  it('a debtor and a creditor with equal amounts clear each other in one transfer', () => {
    const transfers = netTransfers([
      { account: 'place:A', balanceCents: -500 },
      { account: 'place:B', balanceCents: -700 },
      { account: 'place:C', balanceCents: 500 },
      { account: 'place:D', balanceCents: 700 },
    ]);
    expect(transfers).toEqual([
      { from: 'place:B', to: 'place:D', amountCents: 700 },
      { from: 'place:A', to: 'place:C', amountCents: 500 },
    ]);
  });

  it('refuses balances that do not sum to zero', () => {
    expect(() => netTransfers([{ account: 'place:A', balanceCents: 1 }])).toThrow(UnbalancedLedgerError);
  });

  it('for any zero-sum balances: at most n − 1 positive transfers, and applying them clears every balance', () => {
    const balancesArb = fc
      .array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 60 })
      .map((amounts) => {
        const total = amounts.reduce((s, a) => s + a, 0);
        return [...amounts, -total].map((balanceCents, i) => ({ account: i === 0 ? 'network' : `place:P${i}`, balanceCents }));
      });
    fc.assert(
      fc.property(balancesArb, (balances) => {
        const transfers = netTransfers(balances);
        const nonZero = balances.filter((b) => b.balanceCents !== 0).length;
        expect(transfers.length).toBeLessThanOrEqual(Math.max(0, nonZero - 1));
        expect(transfers.every((t) => t.amountCents > 0 && t.from !== t.to)).toBe(true);
        expect(applyTransfers(balances, transfers).every((b) => b.balanceCents === 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
