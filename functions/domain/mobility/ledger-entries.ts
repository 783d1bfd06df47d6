/** Journal entries: building them, the admin's manual entries, and reading them back. */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { authorize } from '../permissions.js';
import { requireAccountReader } from './mobility-access.js';
import { requireKnownAccounts } from './directory-refs.js';
import { dayRange, monthOf, monthsBetween, todayInParis, firstDayOf, lastDayOf } from './periods.js';
import { decodeKeyCursor, encodeCursor, pageByOffset } from '../paging.js';
import { keys } from '../../../integrations/dynamodb/keys.js';
import { journalEntryItems, listEntriesOfAccount, listEntriesOfMonth } from '../../../integrations/dynamodb/ledger-repository.js';
import { auditItem } from '../audit.js';
import { writeLabelledTransaction } from '../../../integrations/dynamodb/transaction.js';
import { JournalEntrySchema, type JournalEntry, type JournalEntryInput, type Posting } from '../../../schemas/ledger.js';

export function buildEntry(deps: Deps, actor: Actor, e: { date: string; memo: string; kind: JournalEntry['kind']; postings: Posting[] } & Partial<Pick<JournalEntry, 'visitId' | 'passId' | 'reversesEntryId'>>): JournalEntry {
  return { id: deps.newId(), createdAt: deps.now().toISOString(), createdBy: actorLabel(actor), ...e };
}

/**
 * POST /v1/ledger/entries (admin): the network's own flows (membership fees, share of
 * coworker fees, grants…). Primary course:
 * 1. check the actor is the admin;
 * 2. check every place and person account exists (404 otherwise);
 * 3. write the entry, its per-account copies, the monthly balances and the audit line in one transaction.
 */
export async function postManualEntry(deps: Deps, actor: Actor, input: JournalEntryInput): Promise<JournalEntry> {
  authorize(actor, 'ledger.entry.create');
  await requireKnownAccounts(deps, input.postings.flatMap((p) => [p.from, p.to]));
  const entry = buildEntry(deps, actor, { date: input.date, memo: input.memo, kind: 'manual', postings: input.postings });
  await writeLabelledTransaction(deps.table, [...journalEntryItems(deps.table, entry), auditItem(deps, actor, { entityType: 'ledger-entry', entityId: entry.id, action: 'create', after: entry })]);
  return entry;
}

/**
 * GET /v1/ledger/entries: an account's entries (all time by default), or every entry
 * of a range of at most 12 months (the current month by default), oldest first.
 */
export async function listEntries(
  deps: Deps,
  actor: Actor,
  q: { account?: string; from?: string; to?: string; limit: number; cursor?: string },
): Promise<{ items: JournalEntry[]; nextCursor?: string }> {
  requireAccountReader(actor, q.account);
  if (q.account) {
    const { from, to } = dayRange(q, { from: '0000-01-01', to: '9999-12-31' }, Number.MAX_SAFE_INTEGER);
    const page = await listEntriesOfAccount(deps.table, q.account, from, to, q.limit, decodeKeyCursor(q.cursor, keys.ledgerAccountCursor(q.account, from, to)));
    const items = page.items.map((i) => JournalEntrySchema.parse(i));
    return page.lastKey ? { items, nextCursor: encodeCursor(page.lastKey) } : { items };
  }
  const month = monthOf(todayInParis(deps.now()));
  const { from, to } = dayRange(q, { from: firstDayOf(month), to: lastDayOf(month) }, 12);
  const months = monthsBetween(monthOf(from), monthOf(to));
  const pages = await Promise.all(months.map((m) => listEntriesOfMonth(deps.table, m, from, to)));
  return pageByOffset(pages.flat().map((i) => JournalEntrySchema.parse(i)), q.limit, q.cursor);
}
