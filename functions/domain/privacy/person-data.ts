/**
 * Everything the network holds about one person, found from the person's own keys:
 * the directory record, the person's partition (passes, visit copies), the visits and the
 * journal entries they posted, the `person:<id>` account, the contributions (by person id,
 * or by a free volunteer name equal to the person's name), and the audit lines of each.
 * Shared by the export (read) and the erasure (rewrite) so that both see the same set.
 */
import type { Deps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { keys } from '../../../integrations/dynamodb/keys.js';
import { stripKeys } from '../../../integrations/dynamodb/query-all.js';
import { getDirectoryRecordById } from '../../../integrations/dynamodb/directory-repository.js';
import { listContributionsOfYear } from '../../../integrations/dynamodb/contribution-repository.js';
import { listPassUsage } from '../../../integrations/dynamodb/pass-repository.js';
import { getItem, listAccountEntryItems, listAuditOfEntity, listPersonPartition, type Key, type RawItem } from '../../../integrations/dynamodb/person-data-repository.js';
import { PersonSchema, type Person } from '../../../schemas/person.js';
import { VisitSchema, type Visit } from '../../../schemas/visit.js';
import { PassSchema, type Pass } from '../../../schemas/pass.js';
import { JournalEntrySchema, type JournalEntry } from '../../../schemas/ledger.js';
import { ContributionSchema, type Contribution } from '../../../schemas/contribution.js';
import { AuditEntrySchema } from '../../../schemas/audit.js';

/**
 * Contributions have no per-person index: their years are read one by one, from 2000 (days are
 * limited to 2000–2100, schemas/common.ts) to next year. A contribution dated further ahead
 * (allowed, but not a real volunteer's day) is not found.
 */
const FIRST_YEAR = 2000;
const yearsAhead = 1;

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

const sameName = (a: string, b: string) => a.normalize('NFC').trim().toLocaleLowerCase('fr') === b.normalize('NFC').trim().toLocaleLowerCase('fr');

export async function inBatches<T, R>(xs: T[], size: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < xs.length; i += size) out.push(...(await Promise.all(xs.slice(i, i + size).map(f))));
  return out;
}

/** `contributions: false` skips the year-by-year sweep of contributions (the erasure's second pass). */
export async function collectPersonData(deps: Deps, personId: string, opts: { contributions?: boolean } = {}): Promise<PersonData> {
  const record = await getDirectoryRecordById(deps.table, 'person', personId);
  if (!record) throw new NotFoundError('Personne', personId);
  const person = PersonSchema.parse(record);
  const rawRecord = await getItem(deps.table, keys.directoryRecord('person', personId));

  const partition = await listPersonPartition(deps.table, personId);
  const passes = partition.filter((i) => i.sk.startsWith('pass#')).map((i) => PassSchema.parse(stripKeys(i)));
  const visitIds = [...new Set(partition.filter((i) => i.sk.startsWith('visit#')).map((i) => String(i.id)))];
  const visitItems = (await inBatches(visitIds, 10, (id) => getItem(deps.table, keys.visitById(id)))).filter((i): i is RawItem => !!i);
  const visits = visitItems.map((i) => VisitSchema.parse(stripKeys(i)));

  // Journal entries: those of the visits and passes, and every entry of the person's own account.
  const entryKeys = new Map<string, Key>();
  for (const v of visits) {
    if (v.entryId) entryKeys.set(v.entryId, keys.ledgerEntry(v.date, v.entryId));
    if (v.cancellationEntryId) entryKeys.set(v.cancellationEntryId, keys.ledgerEntry(v.date, v.cancellationEntryId));
  }
  for (const p of passes) if (p.entryId) entryKeys.set(p.entryId, keys.ledgerEntry(p.startsOn, p.entryId));
  for (const copy of await listAccountEntryItems(deps.table, `person:${personId}`)) entryKeys.set(String(copy.id), keys.ledgerEntry(String(copy.date), String(copy.id)));
  const entryItems = (await inBatches([...entryKeys.values()], 10, (k) => getItem(deps.table, k))).filter((i): i is RawItem => !!i);
  const entries = entryItems.map((i) => JournalEntrySchema.parse(stripKeys(i))).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));

  const lastYear = Math.min(2100, deps.now().getUTCFullYear() + yearsAhead);
  const years = opts.contributions === false ? [] : Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const contributionItems = (await inBatches(years, 10, (y) => listContributionsOfYear(deps.table, y))).flat().filter((c) => c.personId === personId || (typeof c.volunteerName === 'string' && sameName(c.volunteerName, person.displayName)));
  // The year index holds copies of the keys only as gsi attributes: read each item by its own key.
  const contributionRaw = (await inBatches(contributionItems, 10, (c) => getItem(deps.table, keys.contributionById(String(c.id))))).filter((i): i is RawItem => !!i);
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
