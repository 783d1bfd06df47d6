/**
 * POST /v1/people/{personId}/erase (admin only): the person's identifying data replaced by a
 * pseudonym everywhere the network keeps it, amounts untouched (RGPD, droit à l’effacement).
 *
 * Why admin only: the erasure is irreversible, it rewrites other places' records (the host's
 * journal entries, the audit trail the admin relies on), and the network, not a place, is the
 * data controller answering the request. A manager exports; the admin erases.
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { authorize } from '../permissions.js';
import { ConflictError } from '../errors.js';
import { keys } from '../../../integrations/dynamodb/keys.js';
import { saveDirectoryRecord, StaleVersionError } from '../../../integrations/dynamodb/directory-repository.js';
import { getItem, listChangesOfRecord, listPersonPartition, replaceAttributes, type RawItem } from '../../../integrations/dynamodb/person-data-repository.js';
import { collectPersonData, inBatches, type PersonData } from './person-data.js';
import { pseudonymousPerson, scrubberFor, type Scrubber } from './pseudonym.js';
import { scrubbedAttributes, scrubFreeTexts } from './free-texts.js';
import { PersonSchema } from '../../../schemas/person.js';
import type { ErasureReport } from '../../../schemas/privacy.js';

/** `undefined` values are removed by replaceAttributes (an in-kind gift has no entry). */
function contributionIndexOf(c: Record<string, unknown>): { gsi2pk?: string; gsi2sk?: string } {
  const k = keys.contribution(String(c.id), String(c.date), { personId: c.personId as string | undefined, volunteerName: c.volunteerName as string | undefined });
  return { gsi2pk: k.gsi2pk, gsi2sk: k.gsi2sk };
}

/** Rewrites the attributes of `item` that still hold a trace; returns 1 when it wrote. */
async function rewrite(deps: Deps, sc: Scrubber, item: RawItem, bump = false): Promise<number> {
  const changed = scrubbedAttributes(sc, item);
  if (!Object.keys(changed).length) return 0;
  // A versioned record (a contribution) moves to a new version, so stale editors get a 409.
  if (bump && typeof item.version === 'number') Object.assign(changed, { version: item.version + 1, updatedAt: deps.now().toISOString() });
  // A contribution's volunteer index holds the free name: it follows the pseudonym.
  if (item.entity === 'contribution') Object.assign(changed, contributionIndexOf({ ...item, ...changed }));
  return (await replaceAttributes(deps.table, { pk: item.pk, sk: item.sk }, changed)) ? 1 : 0;
}

/** Every stored item reachable from the person's keys except the record itself. */
async function scrubReachable(deps: Deps, sc: Scrubber, data: PersonData): Promise<number> {
  const copyKeys = [
    ...data.entries.flatMap((e) => [...new Set(e.postings.flatMap((p) => [p.from, p.to]))].map((account) => keys.ledgerAccountEntry(account, e.date, e.id))),
    ...data.visits.flatMap((v) => [keys.placeVisit(v.hostPlaceId, v.date, v.id, 'host'), keys.placeVisit(v.homePlaceId, v.date, v.id, 'home')]),
  ];
  const copies = (await inBatches(copyKeys, 10, (k) => getItem(deps.table, k))).filter((i): i is RawItem => !!i);
  const changes = await listChangesOfRecord(deps.table, data.person.id);
  const items = [...data.raw.personPartition, ...data.raw.visits, ...data.raw.entries, ...copies, ...data.raw.audit, ...changes];
  const written = await inBatches(items, 10, (item) => rewrite(deps, sc, item));
  const contributions = await inBatches(data.raw.contributions, 10, (item) => rewrite(deps, sc, item, true));
  return [...written, ...contributions].reduce((a, b) => a + b, 0);
}

/**
 * Primary course:
 * 1. only the admin (403 otherwise); 404 for an unknown person; an already erased person
 *    answers the same report again and writes nothing;
 * 2. rewrite every item reachable from the person's keys (passes, visits and their copies,
 *    journal entries and their per-account copies — memos only, never an amount —,
 *    contributions, audit lines, change-log copies) where it still names the person, then the
 *    free texts elsewhere that name them (free-texts.ts: coordination notes, events, proposals
 *    and votes, manual entry memos, kit assets, token labels), each with an audit line;
 * 3. write the pseudonymous record (new version: the sheet row follows on the next sync)
 *    with its `erase` audit line in one transaction (409 if the record changed meanwhile);
 * 4. sweep once more with the old identity when the person's partition changed during steps 2–3
 *    (contributions are not swept again: one with the person's id holds no name).
 */
export async function erasePerson(deps: Deps, actor: Actor, personId: string): Promise<ErasureReport> {
  authorize(actor, 'person.data.erase');
  const data = await collectPersonData(deps, personId);
  const person = data.person;
  const sc = scrubberFor(person);
  // Archived rows are otherwise left alone by the sync, except an erased person's (sync-tab.ts rewriteErased).
  const sheet = person.archivedAt
    ? 'La fiche était archivée : sa ligne du tableur sera réécrite avec le pseudonyme (coordonnées vidées) à la prochaine synchronisation.'
    : 'La ligne du tableur sera réécrite avec le pseudonyme à la prochaine synchronisation.';
  if (person.erasedAt) return { personId, pseudonym: person.displayName, erasedAt: person.erasedAt, alreadyErased: true, itemsRewritten: 0, sheet, freeTexts: [] };

  // The two sweeps touch different items (free texts skip the person's own entries): side by side.
  const [reachable, freeTexts] = await Promise.all([scrubReachable(deps, sc, data), scrubFreeTexts(deps, actor, sc, data)]);
  let rewritten = reachable + freeTexts.itemsWritten;
  const now = deps.now().toISOString();
  const record = PersonSchema.parse({ ...pseudonymousPerson(person, sc.pseudonym), erasedAt: now, updatedAt: now, version: person.version + 1 });
  try {
    await saveDirectoryRecord(deps.table, {
      type: 'person',
      record,
      expectedVersion: person.version,
      audit: { id: deps.newId(), entityType: 'person', entityId: personId, action: 'erase', actor: actorLabel(actor), at: now, before: { version: person.version }, after: record, note: `canal : api · données personnelles effacées à la demande (RGPD) ; textes libres réécrits : ${freeTexts.rewrites.length}` },
    });
  } catch (err) {
    if (err instanceof StaleVersionError) throw new ConflictError(`La fiche « ${personId} » a été modifiée pendant l’effacement ; relancez l’effacement.`);
    throw err;
  }
  rewritten += 1;
  // Anything new in the person's partition since step 2 (a visit or pass recorded meanwhile)? Then sweep again.
  const seen = new Set(data.raw.personPartition.map((i) => i.sk));
  if ((await listPersonPartition(deps.table, personId)).some((i) => !seen.has(i.sk))) rewritten += await scrubReachable(deps, sc, await collectPersonData(deps, personId, { contributions: false }));
  return { personId, pseudonym: sc.pseudonym, erasedAt: now, alreadyErased: false, itemsRewritten: rewritten, sheet, freeTexts: freeTexts.rewrites };
}
