/** Yearly membership fees of the member places, posted to the ledger once. */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { authorize } from '../permissions.js';
import { ConflictError, UnprocessableError } from '../errors.js';
import { buildEntry } from '../mobility/ledger-entries.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { journalEntryItems } from '../../../integrations/dynamodb/ledger-repository.js';
import { TransactionConditionFailed, writeLabelledTransaction } from '../../../integrations/dynamodb/transaction.js';
import { getMembershipCampaign, listMembershipsOfYear, membershipItem, putMembershipCampaign, type MembershipItem } from '../../../integrations/dynamodb/finance-repository.js';
import type { Membership, MembershipCampaignInput } from '../../../schemas/finance.js';
import type { Place } from '../../../schemas/place.js';
import { listEntriesOfYear, paymentsToNetwork } from './year-entries.js';

export interface MembershipPostingResult {
  year: string;
  posted: { placeId: string; amountCents: number; entryId: string }[];
  unchanged: number;
}

function members(places: Place[]): Place[] {
  return places.filter((p) => p.membership === 'member' && !p.archivedAt).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/**
 * PUT /v1/finance/memberships/{year} (admin). Primary course:
 * 1. check the actor may manage the finances, the due day is in that year and every
 *    `fees` key names a member place;
 * 2. save the campaign (default fee, due day);
 * 3. for each member place: fee = its own or the default; the difference with what is
 *    already posted for that year is posted `place:<id> → network` (or back, when the fee
 *    went down), dated the due day, in one transaction with the place's membership item,
 *    conditioned on the amount read: run twice, posted once; run at the same time, one wins.
 */
export async function postMemberships(deps: Deps, actor: Actor, year: string, input: MembershipCampaignInput): Promise<MembershipPostingResult> {
  authorize(actor, 'finance.manage');
  if (!input.dueOn.startsWith(`${year}-`)) throw new UnprocessableError(`L’échéance ${input.dueOn} n’est pas en ${year}.`, [{ path: 'dueOn', message: `une date de ${year} est attendue` }]);
  const places = members((await loadDirectorySnapshot(deps)).places);
  const memberIds = new Set(places.map((p) => p.id));
  const strangers = Object.keys(input.fees ?? {}).filter((id) => !memberIds.has(id));
  if (strangers.length) throw new UnprocessableError('Une cotisation vise un lieu qui n’est pas membre.', strangers.map((id) => ({ path: `fees.${id}`, message: 'lieu inconnu, archivé ou non membre' })));
  await putMembershipCampaign(deps.table, year, { defaultFeeCents: input.defaultFeeCents, fees: input.fees ?? {}, dueOn: input.dueOn, updatedAt: deps.now().toISOString() });

  const existing = new Map((await listMembershipsOfYear(deps.table, year)).map((m) => [String(m.placeId), m as unknown as MembershipItem]));
  const result: MembershipPostingResult = { year, posted: [], unchanged: 0 };
  for (const place of places) {
    const feeCents = input.fees?.[place.id] ?? input.defaultFeeCents;
    const before = existing.get(place.id);
    const diff = feeCents - (before?.postedCents ?? 0);
    if (diff === 0 && before?.feeCents === feeCents) {
      result.unchanged++;
      continue;
    }
    const account = `place:${place.id}`;
    const entry =
      diff === 0
        ? undefined
        : buildEntry(deps, actor, {
            date: input.dueOn,
            memo: diff > 0 ? `Cotisation ${year} — ${place.name}` : `Cotisation ${year} — ${place.name} : baisse de la cotisation`,
            kind: 'membership',
            postings: [diff > 0 ? { from: account, to: 'network', amountCents: diff } : { from: 'network', to: account, amountCents: -diff }],
          });
    const item: MembershipItem = { placeId: place.id, feeCents, postedCents: feeCents, entryIds: [...(before?.entryIds ?? []), ...(entry ? [entry.id] : [])], updatedAt: deps.now().toISOString() };
    try {
      await writeLabelledTransaction(deps.table, [...(entry ? journalEntryItems(deps.table, entry) : []), membershipItem(deps.table, year, item, before?.postedCents)]);
    } catch (err) {
      if (err instanceof TransactionConditionFailed) throw new ConflictError(`Les cotisations ${year} sont en cours d’enregistrement par ailleurs ; relancez dans un instant (rien ne sera compté deux fois).`);
      throw err;
    }
    if (entry) result.posted.push({ placeId: place.id, amountCents: diff, entryId: entry.id });
  }
  return result;
}

/** GET /v1/finance/memberships/{year} (admin): each place's fee, what it paid the network that year, what it still owes. */
export async function listMemberships(deps: Deps, actor: Actor, year: string) {
  authorize(actor, 'finance.manage');
  return membershipYear(deps, year);
}

/** The memberships of a year with their payments (also read by the yearly report). */
export async function membershipYear(deps: Deps, year: string): Promise<{ year: string; defaultFeeCents: number; dueOn: string; items: Membership[]; totals: { feeCents: number; paidCents: number; dueCents: number } }> {
  const [campaign, items, snapshot, entries] = await Promise.all([getMembershipCampaign(deps.table, year), listMembershipsOfYear(deps.table, year), loadDirectorySnapshot(deps), listEntriesOfYear(deps, year)]);
  const paid = paymentsToNetwork(entries);
  const rows: Membership[] = items
    .map((raw) => raw as unknown as MembershipItem)
    .filter((m) => m.feeCents > 0)
    .map((m) => {
      const paidCents = Math.min(m.feeCents, paid.get(m.placeId) ?? 0);
      const dueCents = m.feeCents - paidCents;
      return { placeId: m.placeId, name: snapshot.placesById.get(m.placeId)?.name ?? m.placeId, feeCents: m.feeCents, postedCents: m.postedCents, paidCents, dueCents, status: dueCents === 0 ? 'paid' : paidCents > 0 ? 'partial' : 'unpaid' } as const;
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const sum = (f: (m: Membership) => number) => rows.reduce((s, m) => s + f(m), 0);
  return {
    year,
    defaultFeeCents: Number(campaign?.defaultFeeCents ?? 0),
    dueOn: String(campaign?.dueOn ?? `${year}-01-31`),
    items: rows,
    totals: { feeCents: sum((m) => m.feeCents), paidCents: sum((m) => m.paidCents), dueCents: sum((m) => m.dueCents) },
  };
}
