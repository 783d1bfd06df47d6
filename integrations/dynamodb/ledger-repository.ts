/**
 * Access patterns of the double-entry ledger:
 * - journalEntryItems        transaction items for one entry: the entry (month partition),
 *                            a copy per account it touches, and the running monthly balances
 *                            (scope `all`, and scope `org` for postings between two organisations)
 * - listEntriesOfMonth       Query pk=ledger#<YYYY-MM>, sk between entry#<from> and entry#<to>~
 * - listEntriesOfAccount     Query pk=ledger#account#<account>, sk between <from> and <to>~ (paged)
 * - listMonthBalances        Query pk=ledger#balances#<YYYY-MM>, sk begins_with <scope>#
 *                            (one item per account that moved that month: never grows with visits)
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import type { LabelledItem } from './transaction.js';
import type { JournalEntry } from '../../schemas/ledger.js';

export function isOrganisation(account: string): boolean {
  return account === 'network' || account.startsWith('place:');
}

/** Net effect of an entry on each account, per scope (zero deltas dropped). */
export function balanceDeltas(entry: Pick<JournalEntry, 'postings'>): { all: Map<string, number>; org: Map<string, number> } {
  const all = new Map<string, number>();
  const org = new Map<string, number>();
  const add = (m: Map<string, number>, a: string, d: number) => m.set(a, (m.get(a) ?? 0) + d);
  for (const p of entry.postings) {
    add(all, p.from, -p.amountCents);
    add(all, p.to, p.amountCents);
    if (isOrganisation(p.from) && isOrganisation(p.to)) {
      add(org, p.from, -p.amountCents);
      add(org, p.to, p.amountCents);
    }
  }
  for (const m of [all, org]) for (const [a, d] of m) if (d === 0) m.delete(a);
  return { all, org };
}

/** Everything an entry writes; the caller adds these to its own transaction. */
export function journalEntryItems(t: TableRef, entry: JournalEntry): LabelledItem[] {
  const month = entry.date.slice(0, 7);
  const items: LabelledItem[] = [
    {
      label: 'entry',
      item: { Put: { TableName: t.tableName, Item: { ...keys.ledgerEntry(entry.date, entry.id), entity: 'ledger-entry', ...entry }, ConditionExpression: 'attribute_not_exists(pk)' } },
    },
  ];
  const accounts = new Set(entry.postings.flatMap((p) => [p.from, p.to]));
  for (const account of accounts) {
    items.push({ label: 'entry-copy', item: { Put: { TableName: t.tableName, Item: { ...keys.ledgerAccountEntry(account, entry.date, entry.id), entity: 'ledger-account-entry', ...entry } } } });
  }
  const deltas = balanceDeltas(entry);
  for (const scope of ['all', 'org'] as const) {
    for (const [account, delta] of deltas[scope]) {
      items.push({
        label: 'balance',
        item: {
          Update: {
            TableName: t.tableName,
            Key: keys.ledgerBalance(month, scope, account),
            UpdateExpression: 'SET entity = :e, account = :a ADD balanceCents :d',
            ExpressionAttributeValues: { ':e': 'ledger-balance', ':a': account, ':d': delta },
          },
        },
      });
    }
  }
  return items;
}

/** Entries of one month between two days (inclusive). */
export async function listEntriesOfMonth(t: TableRef, month: string, from: string, to: string): Promise<Record<string, unknown>[]> {
  const p = keys.ledgerMonth(month);
  const items = await queryAll(t, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':pk': p.pk, ':a': `${p.skPrefix}${from}`, ':b': `${p.skPrefix}${to}~` },
    ConsistentRead: true,
  });
  return items.map(stripKeys);
}

/** One page of an account's entries between two days (inclusive), oldest first. */
export async function listEntriesOfAccount(
  t: TableRef,
  account: string,
  from: string,
  to: string,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ items: Record<string, unknown>[]; lastKey?: Record<string, unknown> }> {
  const out = await t.doc.send(
    new QueryCommand({
      TableName: t.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
      ExpressionAttributeValues: { ':pk': keys.ledgerAccount(account).pk, ':a': from, ':b': `${to}~` },
      ConsistentRead: true,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return { items: (out.Items ?? []).map(stripKeys), lastKey: out.LastEvaluatedKey };
}

/** Every account's balance for a month, in one scope. */
export async function listMonthBalances(t: TableRef, month: string, scope: 'all' | 'org'): Promise<{ account: string; balanceCents: number }[]> {
  const p = keys.ledgerBalances(month, scope);
  const items = await queryAll(t, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': p.pk, ':sk': p.skPrefix },
    ConsistentRead: true,
    ProjectionExpression: 'account, balanceCents',
  });
  return items.map((i) => ({ account: String(i.account), balanceCents: Number(i.balanceCents ?? 0) }));
}
