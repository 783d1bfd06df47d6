import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { requirePlaceReader } from './mobility-access.js';
import { loadPlace } from './directory-refs.js';
import { firstDayOf, lastDayOf } from './periods.js';
import { computeSettlement } from './balances.js';
import { accountNamesFor } from './account-names.js';
import { statementLines, visitLabel } from './statement-lines.js';
import { capitalise } from './place-grammar.js';
import { isOrganisation, listEntriesOfAccount } from '../../../integrations/dynamodb/ledger-repository.js';
import { listVisitsOfPlace } from '../../../integrations/dynamodb/visit-repository.js';
import { JournalEntrySchema, type JournalEntry, type SettlementMode } from '../../../schemas/ledger.js';
import { VisitSchema } from '../../../schemas/visit.js';
import type { CounterpartyFlow, Statement, StatementVisit } from '../../../schemas/statement.js';

async function readAccountMonth(deps: Deps, account: string, month: string): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await listEntriesOfAccount(deps.table, account, firstDayOf(month), lastDayOf(month), 500, start);
    out.push(...page.items.map((i) => JournalEntrySchema.parse(i)));
    start = page.lastKey;
  } while (start);
  return out;
}

/** Visits cancelled within the month: their posting and its reversal cancel out and are shown as one line. */
function cancelledVisitIds(entries: readonly JournalEntry[]): Set<string> {
  return new Set(entries.filter((e) => e.kind === 'visit-cancellation' && e.visitId).map((e) => e.visitId!));
}

/**
 * GET /v1/statements/{YYYY-MM}/{placeId}?mode=hub|min: a place's month. Primary course:
 * 1. check the actor is the admin or the place's own manager; load the place (404);
 * 2. read the place's visits of the month (received and sent), the entries of its
 *    account, and the names this caller may see;
 * 3. sum the flows per counterparty, leaving out visits cancelled in the month;
 * 4. settle the month in the mode asked for and keep the transfers that concern the
 *    place, each with the sentence that explains it from the place's own figures.
 */
export async function buildStatement(deps: Deps, actor: Actor, month: string, placeId: string, mode: SettlementMode = 'hub'): Promise<Statement> {
  requirePlaceReader(actor, placeId, { integration: false });
  const place = await loadPlace(deps, placeId);
  const account = `place:${placeId}`;
  const [visits, entries, names] = await Promise.all([
    listVisitsOfPlace(deps.table, placeId, firstDayOf(month), lastDayOf(month)),
    readAccountMonth(deps, account, month),
    accountNamesFor(deps, actor),
  ]);
  const present = (raw: Record<string, unknown>): StatementVisit => {
    const v = VisitSchema.parse(raw);
    return { ...v, personName: capitalise(names.personLabel(v.personId, v.homePlaceId)), hostPlaceName: names.placeName(v.hostPlaceId), homePlaceName: names.placeName(v.homePlaceId) };
  };
  // Reservations (still open or released) never happened: a statement lists visits only.
  const happened = visits.filter((v) => v.visit.status === 'active' || v.visit.status === 'cancelled');
  const visitsReceived = happened.filter((v) => v.role === 'host').map((v) => present(v.visit));
  const visitsSent = happened.filter((v) => v.role === 'home').map((v) => present(v.visit));

  const cancelled = cancelledVisitIds(entries);
  const flows = new Map<string, CounterpartyFlow>();
  let paidOnSiteCents = 0;
  for (const e of entries) {
    if (e.visitId && cancelled.has(e.visitId)) continue;
    for (const p of e.postings) {
      if (p.from !== account && p.to !== account) continue;
      const other = p.to === account ? p.from : p.to;
      const incoming = p.to === account;
      if (!isOrganisation(other)) {
        paidOnSiteCents += incoming ? p.amountCents : -p.amountCents;
        continue;
      }
      const f = flows.get(other) ?? { account: other, name: names.nameOf(other), owedToPlaceCents: 0, owedByPlaceCents: 0 };
      if (incoming) f.owedToPlaceCents += p.amountCents;
      else f.owedByPlaceCents += p.amountCents;
      flows.set(other, f);
    }
  }
  const flowList = [...flows.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const owedToPlaceCents = flowList.reduce((s, f) => s + f.owedToPlaceCents, 0);
  const owedByPlaceCents = flowList.reduce((s, f) => s + f.owedByPlaceCents, 0);
  const settlement = await computeSettlement(deps, month, mode, names.nameOf, new Map([[account, { owedToPlaceCents, owedByPlaceCents }]]));
  const visitsById = new Map([...visitsReceived, ...visitsSent].map((v) => [v.id, v]));
  return {
    period: month,
    mode,
    place: { id: place.id, name: place.name, commune: place.address.commune },
    visitsReceived,
    visitsSent,
    entries: entries.map((e) => (e.visitId && visitsById.has(e.visitId) ? { ...e, memo: visitMemo(e, visitsById.get(e.visitId)!) } : e)),
    flows: flowList,
    lines: statementLines({ account, entries, visitsById, cancelled, nameOf: names.nameOf }),
    summary: {
      visitsReceived: visitsReceived.filter((v) => v.status === 'active').length,
      visitsSent: visitsSent.filter((v) => v.status === 'active').length,
      owedToPlaceCents,
      owedByPlaceCents,
      paidOnSiteCents,
      netCents: settlement.balances.find((b) => b.account === account)?.balanceCents ?? 0,
    },
    transfers: settlement.transfers.filter((t) => t.from === account || t.to === account),
  };
}

/** A visit entry's memo as this caller may read it (the stored memo names the person). */
function visitMemo(e: JournalEntry, v: StatementVisit): string {
  return e.kind === 'visit-cancellation' ? `Annulation : ${visitLabel(v)}` : visitLabel(v);
}

/** Names for the accounts a statement mentions (for CSV and HTML), as this caller may see them. */
export async function accountNames(deps: Deps, actor: Actor): Promise<(account: string) => string> {
  return (await accountNamesFor(deps, actor)).nameOf;
}
