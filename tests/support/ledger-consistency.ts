/**
 * What must hold in the table whatever happened (throttling, a crash between two writes):
 * - each month's stored balances equal the sum of that month's postings (both scopes);
 * - a host's day counter equals its active and reserved visits that day, and the
 *   "person at this host that day" marker exists exactly for those;
 * - a visit's copies (host, home, person) say what the visit says;
 * - no visit without its postings (active → its entry; cancelled → its reversing entry too);
 * - no posting without its visit (an entry naming a visit points back at it).
 * Read with the repositories' own queries (no Scan), strongly consistent.
 */
import type { TableRef } from '../../integrations/dynamodb/client.js';
import { keys } from '../../integrations/dynamodb/keys.js';
import { queryAll } from '../../integrations/dynamodb/query-all.js';
import { balanceDeltas, listEntriesOfMonth, listMonthBalances } from '../../integrations/dynamodb/ledger-repository.js';
import { getVisitItem, listVisitsOfPlace } from '../../integrations/dynamodb/visit-repository.js';

type Row = Record<string, any>;

export interface Consistency {
  problems: string[];
  visits: Row[];
  entries: Row[];
}

function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (let i = 0; i < 1200; i++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= end) break;
    m++;
    if (m > 12) (m = 1), y++;
  }
  return out;
}

export async function checkLedgerConsistency(t: TableRef, places: string[], from: string, to: string): Promise<Consistency> {
  const problems: string[] = [];
  const entries: Row[] = [];
  for (const month of monthsOf(from, to)) {
    const monthEntries = await listEntriesOfMonth(t, month, `${month}-01`, `${month}-31`);
    entries.push(...monthEntries);
    for (const scope of ['all', 'org'] as const) {
      const expected = new Map<string, number>();
      for (const e of monthEntries) for (const [a, d] of balanceDeltas(e as never)[scope]) expected.set(a, (expected.get(a) ?? 0) + d);
      const stored = new Map((await listMonthBalances(t, month, scope)).map((b) => [b.account, b.balanceCents]));
      for (const a of new Set([...expected.keys(), ...stored.keys()])) {
        if ((expected.get(a) ?? 0) !== (stored.get(a) ?? 0)) problems.push(`${month} ${scope} ${a}: balance ${stored.get(a) ?? 0} ≠ sum of postings ${expected.get(a) ?? 0}`);
      }
    }
  }
  const byId = new Map(entries.map((e) => [String(e.id), e]));

  // Every copy of every visit, each visit read once (in parallel: DynamoDB Local is slow when the machine is busy).
  const copies = (await Promise.all(places.map(async (place) => (await listVisitsOfPlace(t, place, from, to)).map((c) => ({ ...c, place }))))).flat();
  const ids = [...new Set(copies.map((c) => String(c.visit.id)))];
  const found = await Promise.all(ids.map((id) => getVisitItem(t, id)));
  const visitById = new Map(ids.flatMap((id, i) => (found[i] ? [[id, found[i] as Row] as const] : [])));
  for (const { role, visit: copy, place } of copies) {
    const visit = visitById.get(String(copy.id));
    if (!visit) problems.push(`copy of visit ${copy.id} (${role} ${place}) without its visit`);
    else if (copy.status !== visit.status) problems.push(`visit ${copy.id}: ${role} copy says ${copy.status}, the visit ${visit.status}`);
  }
  const visits = [...visitById.values()];
  for (const v of visits) {
    const posts = (v.postings as unknown[]).length > 0;
    if (posts) {
      const entry = byId.get(String(v.entryId));
      if (!entry) problems.push(`visit ${v.id} (${v.status}) without its entry ${v.entryId}`);
      else if (JSON.stringify(entry.postings) !== JSON.stringify(v.postings) || entry.visitId !== v.id) problems.push(`visit ${v.id}: entry ${v.entryId} posts something else`);
    }
    if (v.status === 'cancelled' && posts && !byId.get(String(v.cancellationEntryId))) problems.push(`cancelled visit ${v.id} without its reversing entry`);
  }
  // A host's partition holds its day counters (day#<date>) and markers (day#<date>#person#<id>): one query per host.
  for (const place of places) {
    const hostKey = keys.hostDay(place, from);
    const rows = await queryAll(t, { KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b', ExpressionAttributeValues: { ':pk': hostKey.pk, ':a': `day#${from}`, ':b': `day#${to}~` }, ConsistentRead: true });
    const holding = visits.filter((v) => v.hostPlaceId === place && (v.status === 'active' || v.status === 'reserved'));
    const days = new Set([...holding.map((v) => String(v.date)), ...rows.map((r) => String(r.sk).slice(4, 14))]);
    for (const date of days) {
      const counter = Number(rows.find((r) => r.sk === `day#${date}`)?.visitors ?? 0);
      const those = holding.filter((v) => v.date === date);
      if (counter !== those.length) problems.push(`host ${place} on ${date}: counter ${counter} ≠ ${those.length} visits holding the day`);
      const markers = rows.filter((r) => String(r.sk).startsWith(`day#${date}#person#`));
      for (const v of those) if (!markers.some((m) => m.visitId === v.id)) problems.push(`host ${place} on ${date}: marker of ${v.personId} missing`);
      for (const m of markers) if (!those.some((v) => v.id === m.visitId)) problems.push(`host ${place} on ${date}: marker ${m.sk} left without a visit`);
    }
  }
  const visitIds = new Set(visits.map((v) => String(v.id)));
  for (const e of entries) {
    if (!e.visitId) continue;
    if (!visitIds.has(String(e.visitId))) {
      problems.push(`entry ${e.id} (${e.kind}) names visit ${e.visitId}, which does not exist`);
      continue;
    }
    const v = visits.find((x) => x.id === e.visitId)!;
    const pointsBack = e.kind === 'visit-cancellation' ? v.cancellationEntryId === e.id : v.entryId === e.id;
    if (!pointsBack) problems.push(`entry ${e.id} (${e.kind}) is not the one visit ${v.id} names`);
  }
  return { problems, visits, entries };
}
