/** Payments between ledger accounts: they clear balances, through the same ledger as every flow. */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { authorize } from '../permissions.js';
import { buildEntry } from '../mobility/ledger-entries.js';
import { requireKnownAccounts } from '../mobility/directory-refs.js';
import { journalEntryItems } from '../../../integrations/dynamodb/ledger-repository.js';
import { writeLabelledTransaction } from '../../../integrations/dynamodb/transaction.js';
import type { JournalEntry } from '../../../schemas/ledger.js';
import type { PaymentInput } from '../../../schemas/finance.js';

/**
 * POST /v1/finance/payments (admin): `from` pays `to`. Primary course:
 * 1. check the actor may manage the finances;
 * 2. check both accounts exist (404 otherwise);
 * 3. post one entry `to → from, amount`: `from` owed `to`, the payment gives the amount
 *    back to `from`'s balance and takes it from `to`'s (as a settlement transfer does),
 *    with its per-account copies and monthly balances, in one transaction.
 */
export async function recordPayment(deps: Deps, actor: Actor, input: PaymentInput): Promise<JournalEntry> {
  authorize(actor, 'finance.manage');
  await requireKnownAccounts(deps, [input.from, input.to]);
  const entry = buildEntry(deps, actor, {
    date: input.date,
    memo: `Paiement ${input.reference} (${input.from} → ${input.to})`,
    kind: 'payment',
    postings: [{ from: input.to, to: input.from, amountCents: input.amountCents }],
  });
  await writeLabelledTransaction(deps.table, journalEntryItems(deps.table, entry));
  return entry;
}
