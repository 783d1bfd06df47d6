/** Mobility passes: selling one, listing them, and finding the one a visit uses. */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { requireNetworkReader, requirePassSeller, requirePersonReader } from './mobility-access.js';
import { loadPerson, refuseArchivedPerson } from './directory-refs.js';
import { buildEntry } from './ledger-entries.js';
import { passPurchasePostings } from './money-rules.js';
import { passPeriodOf } from './periods.js';
import { journalEntryItems } from '../../../integrations/dynamodb/ledger-repository.js';
import { getPassUsage, listAllPasses, listPassUsage, listPassesOfPerson, passPutItem } from '../../../integrations/dynamodb/pass-repository.js';
import { auditItem } from '../audit.js';
import { writeLabelledTransaction } from '../../../integrations/dynamodb/transaction.js';
import { PassSchema, type Pass, type PassInput } from '../../../schemas/pass.js';

/**
 * POST /v1/passes. Primary course:
 * 1. load the person (404, archived: 422) and check the actor is the admin or its home place's manager;
 * 2. post person → network for the price, dated `startsOn`;
 * 3. write the pass, the entry, its copies, the balances and the audit line in one transaction.
 */
export async function createPass(deps: Deps, actor: Actor, input: PassInput): Promise<Pass> {
  const person = await loadPerson(deps, input.personId);
  requirePassSeller(actor, person.homePlaceId);
  refuseArchivedPerson(person, 'pass');
  const id = deps.newId();
  const postings = passPurchasePostings(person.id, input.priceCents);
  const entry = postings.length
    ? buildEntry(deps, actor, { date: input.startsOn, memo: `Achat d’un pass mobilité (${input.daysPerPeriod} j/${input.period === 'month' ? 'mois' : 'an'}) — ${person.displayName}`, kind: 'pass', postings, passId: id })
    : undefined;
  const pass: Pass = { id, ...input, homePlaceId: person.homePlaceId, entryId: entry?.id, createdAt: deps.now().toISOString(), createdBy: actorLabel(actor) };
  await writeLabelledTransaction(deps.table, [passPutItem(deps.table, pass), ...(entry ? journalEntryItems(deps.table, entry) : []), auditItem(deps, actor, { entityType: 'pass', entityId: pass.id, action: 'create', after: pass })]);
  return pass;
}

/** GET /v1/passes?personId= — with the days used per period. Without personId: every pass (network-wide roles). */
export async function listPasses(deps: Deps, actor: Actor, q: { personId?: string }): Promise<(Pass & { usage: { period: string; usedDays: number }[] })[]> {
  let raw: Record<string, unknown>[];
  if (q.personId) {
    const person = await loadPerson(deps, q.personId);
    requirePersonReader(actor, person.homePlaceId);
    raw = await listPassesOfPerson(deps.table, q.personId);
  } else {
    requireNetworkReader(actor);
    raw = await listAllPasses(deps.table);
  }
  const passes = raw.map((r) => PassSchema.parse(r));
  return Promise.all(passes.map(async (p) => ({ ...p, usage: await listPassUsage(deps.table, p.id) })));
}

export function isPassValidOn(pass: Pass, day: string): boolean {
  return pass.startsOn <= day && (pass.endsOn === undefined || day <= pass.endsOn);
}

/**
 * The person's passes valid on `day`, those with days left first (by start date).
 * `remaining` is read consistently but only advisory: the visit transaction's
 * condition on the usage counter is what enforces the quota.
 */
export async function passCandidates(deps: Deps, personId: string, day: string): Promise<{ pass: Pass; period: string; remaining: number }[]> {
  const valid = (await listPassesOfPerson(deps.table, personId)).map((r) => PassSchema.parse(r)).filter((p) => isPassValidOn(p, day));
  const out = await Promise.all(
    valid.map(async (pass) => {
      const period = passPeriodOf(pass.period, day);
      return { pass, period, remaining: pass.daysPerPeriod - (await getPassUsage(deps.table, pass.id, period)) };
    }),
  );
  return out.sort((a, b) => Number(b.remaining > 0) - Number(a.remaining > 0) || a.pass.startsOn.localeCompare(b.pass.startsOn));
}
