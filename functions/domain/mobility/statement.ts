import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { requirePlaceReader } from './mobility-access.js';
import { loadPlace } from './directory-refs.js';
import { firstDayOf, lastDayOf } from './periods.js';
import { computeSettlement } from './balances.js';
import { isOrganisation, listEntriesOfAccount } from '../../../integrations/dynamodb/ledger-repository.js';
import { listVisitsOfPlace } from '../../../integrations/dynamodb/visit-repository.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { JournalEntrySchema, type JournalEntry } from '../../../schemas/ledger.js';
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

/**
 * GET /v1/statements/{YYYY-MM}/{placeId}: a place's month. Primary course:
 * 1. check the actor is the admin or the place's own manager; load the place (404);
 * 2. read the place's visits of the month (received and sent), the entries of its
 *    account, and the month's settlement (balance items of the organisations);
 * 3. sum the flows per counterparty and keep the transfers that concern the place.
 */
export async function buildStatement(deps: Deps, actor: Actor, month: string, placeId: string): Promise<Statement> {
  requirePlaceReader(actor, placeId, { integration: false });
  const place = await loadPlace(deps, placeId);
  const account = `place:${placeId}`;
  const [visits, entries, settlement, directory] = await Promise.all([
    listVisitsOfPlace(deps.table, placeId, firstDayOf(month), lastDayOf(month)),
    readAccountMonth(deps, account, month),
    computeSettlement(deps, month),
    loadDirectorySnapshot(deps),
  ]);
  const peopleById = new Map(directory.people.map((p) => [p.id, p.displayName]));
  const nameOf = (acc: string): string => {
    if (acc === 'network') return 'Tête de réseau';
    if (acc.startsWith('place:')) return directory.placesById.get(acc.slice(6))?.name ?? acc;
    return peopleById.get(acc.slice(7)) ?? acc;
  };
  const present = (raw: Record<string, unknown>): StatementVisit => {
    const v = VisitSchema.parse(raw);
    return { ...v, personName: nameOf(`person:${v.personId}`), hostPlaceName: nameOf(`place:${v.hostPlaceId}`), homePlaceName: nameOf(`place:${v.homePlaceId}`) };
  };
  // Reservations (still open or released) never happened: a statement lists visits only.
  const happened = visits.filter((v) => v.visit.status === 'active' || v.visit.status === 'cancelled');
  const visitsReceived = happened.filter((v) => v.role === 'host').map((v) => present(v.visit));
  const visitsSent = happened.filter((v) => v.role === 'home').map((v) => present(v.visit));

  const flows = new Map<string, CounterpartyFlow>();
  let paidOnSiteCents = 0;
  for (const e of entries) {
    for (const p of e.postings) {
      if (p.from !== account && p.to !== account) continue;
      const other = p.to === account ? p.from : p.to;
      const incoming = p.to === account;
      if (!isOrganisation(other)) {
        paidOnSiteCents += incoming ? p.amountCents : -p.amountCents;
        continue;
      }
      const f = flows.get(other) ?? { account: other, name: nameOf(other), owedToPlaceCents: 0, owedByPlaceCents: 0 };
      if (incoming) f.owedToPlaceCents += p.amountCents;
      else f.owedByPlaceCents += p.amountCents;
      flows.set(other, f);
    }
  }
  const flowList = [...flows.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return {
    period: month,
    place: { id: place.id, name: place.name, commune: place.address.commune },
    visitsReceived,
    visitsSent,
    entries,
    flows: flowList,
    summary: {
      visitsReceived: visitsReceived.filter((v) => v.status === 'active').length,
      visitsSent: visitsSent.filter((v) => v.status === 'active').length,
      owedToPlaceCents: flowList.reduce((s, f) => s + f.owedToPlaceCents, 0),
      owedByPlaceCents: flowList.reduce((s, f) => s + f.owedByPlaceCents, 0),
      paidOnSiteCents,
      netCents: settlement.balances.find((b) => b.account === account)?.balanceCents ?? 0,
    },
    transfers: settlement.transfers.filter((t) => t.from === account || t.to === account),
  };
}

/** Names for the accounts a statement mentions (for CSV and HTML). */
export async function accountNames(deps: Deps): Promise<(account: string) => string> {
  const directory = await loadDirectorySnapshot(deps);
  const people = new Map(directory.people.map((p) => [p.id, p.displayName]));
  return (acc) => (acc === 'network' ? 'Tête de réseau' : acc.startsWith('place:') ? (directory.placesById.get(acc.slice(6))?.name ?? acc) : (people.get(acc.slice(7)) ?? acc));
}
