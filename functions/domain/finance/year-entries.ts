/** The ledger entries of a calendar year (one Query per month partition). */
import type { Deps } from '../deps.js';
import { listEntriesOfMonth } from '../../../integrations/dynamodb/ledger-repository.js';
import { JournalEntrySchema, type JournalEntry } from '../../../schemas/ledger.js';

export async function listEntriesOfYear(deps: Deps, year: string): Promise<JournalEntry[]> {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const pages = await Promise.all(months.map((m) => listEntriesOfMonth(deps.table, m, `${m}-01`, `${m}-31`)));
  return pages.flat().map((i) => JournalEntrySchema.parse(i));
}

/** What place:<id> paid the network in the year (payment entries: the network → place posting clears the place's debt). */
export function paymentsToNetwork(entries: JournalEntry[]): Map<string, number> {
  const paid = new Map<string, number>();
  for (const e of entries) {
    if (e.kind !== 'payment') continue;
    for (const p of e.postings) if (p.from === 'network' && p.to.startsWith('place:')) paid.set(p.to.slice(6), (paid.get(p.to.slice(6)) ?? 0) + p.amountCents);
  }
  return paid;
}
