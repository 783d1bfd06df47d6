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
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from '../../integrations/dynamodb/client.js';
import { keys } from '../../integrations/dynamodb/keys.js';
import { balanceDeltas, listEntriesOfMonth, listMonthBalances } from '../../integrations/dynamodb/ledger-repository.js';
import { getHostDayVisitors, getVisitItem, listVisitsOfPlace } from '../../integrations/dynamodb/visit-repository.js';

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

  const visits: Row[] = [];
  for (const place of places) {
    for (const { role, visit: copy } of await listVisitsOfPlace(t, place, from, to)) {
      const visit = await getVisitItem(t, String(copy.id));
      if (!visit) {
        problems.push(`copy of visit ${copy.id} (${role} ${place}) without its visit`);
        continue;
      }
      if (copy.status !== visit.status) problems.push(`visit ${copy.id}: ${role} copy says ${copy.status}, the visit ${visit.status}`);
      if (role === 'host') visits.push(visit);
    }
  }
  const held = new Map<string, Row[]>();
  for (const v of visits) {
    const day = `${v.hostPlaceId}|${v.date}`;
    if (!held.has(day)) held.set(day, []);
    if (v.status === 'active' || v.status === 'reserved') held.get(day)!.push(v);
    const posts = (v.postings as unknown[]).length > 0;
    if (posts) {
      const entry = byId.get(String(v.entryId));
      if (!entry) problems.push(`visit ${v.id} (${v.status}) without its entry ${v.entryId}`);
      else if (JSON.stringify(entry.postings) !== JSON.stringify(v.postings) || entry.visitId !== v.id) problems.push(`visit ${v.id}: entry ${v.entryId} posts something else`);
    }
    if (v.status === 'cancelled' && posts && !byId.get(String(v.cancellationEntryId))) problems.push(`cancelled visit ${v.id} without its reversing entry`);
  }
  for (const [day, active] of held) {
    const [place, date] = day.split('|') as [string, string];
    const counter = await getHostDayVisitors(t, place, date);
    if (counter !== active.length) problems.push(`host ${place} on ${date}: counter ${counter} ≠ ${active.length} visits holding the day`);
    for (const v of visits.filter((x) => x.hostPlaceId === place && x.date === date)) {
      const marker = (await t.doc.send(new GetCommand({ TableName: t.tableName, Key: keys.hostDayPerson(place, date, String(v.personId)), ConsistentRead: true }))).Item;
      const holds = active.some((a) => a.personId === v.personId);
      if (holds && marker?.visitId !== active.find((a) => a.personId === v.personId)!.id) problems.push(`host ${place} on ${date}: marker of ${v.personId} missing or wrong`);
      if (!holds && marker) problems.push(`host ${place} on ${date}: marker of ${v.personId} left without a visit`);
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
