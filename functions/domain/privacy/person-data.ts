/**
 * Everything the network holds about one person, found from the person's own keys:
 * the directory record, the person's partition (passes, visit copies), the visits and the
 * journal entries they posted, the `person:<id>` account, the contributions (by person id,
 * or by a free volunteer name equal to the person's name), and the audit lines of each.
 * Shared by the export (read) and the erasure (rewrite) so that both see the same set.
 */
import type { Deps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { keys, volunteerNameKey } from '../../../integrations/dynamodb/keys.js';
import { stripKeys } from '../../../integrations/dynamodb/query-all.js';
import { getDirectoryRecordById } from '../../../integrations/dynamodb/directory-repository.js';
import { listContributionKeysOfVolunteer } from '../../../integrations/dynamodb/contribution-repository.js';
import { listPassUsage } from '../../../integrations/dynamodb/pass-repository.js';
import { getItem, listAccountEntryItems, listAuditOfEntity, listPersonPartition, type Key, type RawItem } from '../../../integrations/dynamodb/person-data-repository.js';
import { PersonSchema, type Person } from '../../../schemas/person.js';
import { VisitSchema, type Visit } from '../../../schemas/visit.js';
import { PassSchema, type Pass } from '../../../schemas/pass.js';
import { JournalEntrySchema, type JournalEntry } from '../../../schemas/ledger.js';
import { ContributionSchema, type Contribution } from '../../../schemas/contribution.js';
import { AuditEntrySchema } from '../../../schemas/audit.js';

export interface PersonData {
  person: Person;
  /** The stored items, keys included: what the erasure rewrites. */
  raw: {
    record: RawItem | undefined;
    personPartition: RawItem[];
    visits: RawItem[];
    entries: RawItem[];
    contributions: RawItem[];
    audit: RawItem[];
  };
  visits: Visit[];
  passes: (Pass & { usage: { period: string; usedDays: number }[] })[];
  entries: JournalEntry[];
  contributions: Contribution[];
}

export async function inBatches<T, R>(xs: T[], size: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < xs.length; i += size) out.push(...(await Promise.all(xs.slice(i, i + size).map(f))));
  return out;
}

/**
 * Contributions through their volunteer index (gsi2): by the person's id, and by a free volunteer
 * name equal to the person's name (normalised as keys.volunteerNameKey does); each read again by
 * its key and kept only if it still names this volunteer (the index may lag a write). Contributions
 * written before that index existed get it from `npm run backfill-contribution-index` (idempotent).
 */
async function contributionItemsOf(deps: Deps, person: Person): Promise<RawItem[]> {
  const byIndex = await Promise.all([keys.contributionsOfPerson(person.id), keys.contributionsOfVolunteerName(person.displayName)].map((k) => listContributionKeysOfVolunteer(deps.table, k)));
  const items = await inBatches(byIndex.flat(), 10, (k) => getItem(deps.table, k));
  const name = volunteerNameKey(person.displayName);
  return items.filter((i): i is RawItem => !!i && i.entity === 'contribution' && (i.personId === person.id || (typeof i.volunteerName === 'string' && volunteerNameKey(i.volunteerName) === name)));
}

/** `contributions: false` skips the contributions (the erasure's second pass: one with the person's id holds no name). */
export async function collectPersonData(deps: Deps, personId: string, opts: { contributions?: boolean } = {}): Promise<PersonData> {
  // Independent reads side by side: each stage waits only for the keys it needs.
  const [record, rawRecord, partition, accountCopies] = await Promise.all([
    getDirectoryRecordById(deps.table, 'person', personId),
    getItem(deps.table, keys.directoryRecord('person', personId)),
    listPersonPartition(deps.table, personId),
    listAccountEntryItems(deps.table, `person:${personId}`),
  ]);
  if (!record) throw new NotFoundError('Personne', personId);
  const person = PersonSchema.parse(record);

  const passes = partition.filter((i) => i.sk.startsWith('pass#')).map((i) => PassSchema.parse(stripKeys(i)));
  const visitIds = [...new Set(partition.filter((i) => i.sk.startsWith('visit#')).map((i) => String(i.id)))];
  const [visitItems, contributionRaw] = await Promise.all([
    inBatches(visitIds, 10, (id) => getItem(deps.table, keys.visitById(id))).then((items) => items.filter((i): i is RawItem => !!i)),
    opts.contributions === false ? Promise.resolve([]) : contributionItemsOf(deps, person),
  ]);
  const visits = visitItems.map((i) => VisitSchema.parse(stripKeys(i)));

  // Journal entries: those of the visits and passes, and every entry of the person's own account.
  const entryKeys = new Map<string, Key>();
  for (const v of visits) {
    if (v.entryId) entryKeys.set(v.entryId, keys.ledgerEntry(v.date, v.entryId));
    if (v.cancellationEntryId) entryKeys.set(v.cancellationEntryId, keys.ledgerEntry(v.date, v.cancellationEntryId));
  }
  for (const p of passes) if (p.entryId) entryKeys.set(p.entryId, keys.ledgerEntry(p.startsOn, p.entryId));
  for (const copy of accountCopies) entryKeys.set(String(copy.id), keys.ledgerEntry(String(copy.date), String(copy.id)));
  const entryItems = (await inBatches([...entryKeys.values()], 10, (k) => getItem(deps.table, k))).filter((i): i is RawItem => !!i);
  const entries = entryItems.map((i) => JournalEntrySchema.parse(stripKeys(i))).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const contributions = contributionRaw.map((i) => ContributionSchema.parse(stripKeys(i)));

  const entityIds = [personId, ...visitIds, ...passes.map((p) => p.id), ...entries.map((e) => e.id), ...contributions.map((c) => c.id)];
  const audit = (await inBatches(entityIds, 10, (id) => listAuditOfEntity(deps.table, id))).flat();

  return {
    person,
    raw: { record: rawRecord, personPartition: partition, visits: visitItems, entries: entryItems, contributions: contributionRaw, audit },
    visits,
    passes: await Promise.all(passes.map(async (p) => ({ ...p, usage: await listPassUsage(deps.table, p.id) }))),
    entries,
    contributions,
  };
}

/** The audit lines, parsed, newest first. */
export function auditLines(data: PersonData) {
  return data.raw.audit.map((i) => AuditEntrySchema.parse(stripKeys(i))).sort((a, b) => b.id.localeCompare(a.id));
}
