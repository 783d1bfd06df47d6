/**
 * Free texts elsewhere in the network that may name an erased person: coordination visit
 * notes and to-dos, event texts, proposal texts and vote comments, manual ledger entry
 * memos, kit asset texts, token labels. Found WITHOUT a Scan, from where the person was:
 * - the person's places: the home place, every host of their visits, every place of their
 *   contributions → the coordination visits (gsi2) and events (gsi2) of these places, and the
 *   manual entries of these places' accounts (their copies, filtered on kind = manual);
 * - network-wide lists that stay small by nature: every proposal (gsi1) with its votes (its
 *   own partition), the kit (one partition, a few hundred assets), the tokens (one partition).
 * Each text holding the name (as typed, any case, accents or not), the e-mail or the phone (its
 * usual French spellings) is rewritten with the pseudonym, together with an `erase-mention`
 * audit line of its entity (field names only, never the text), in one transaction; then the
 * entity's own audit lines are scrubbed too (their before/after copies hold the text).
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { keys } from '../../../integrations/dynamodb/keys.js';
import { getItem, listAuditOfEntity, listIndexItems, listManualEntryCopies, listPartitionItems, replaceAttributes, replaceAttributesAudited, type RawItem } from '../../../integrations/dynamodb/person-data-repository.js';
import { inBatches, type PersonData } from './person-data.js';
import type { Scrubber } from './pseudonym.js';

/** Key and bookkeeping attributes: never personal data, never rewritten. */
export const UNTOUCHED = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'ttl', 'entity', 'id', 'version', 'seq', 'tokenHash', 'secretHash']);

/** One entity whose stored texts name the person: its items (a journal entry and its per-account copies) to rewrite together. */
interface Mention {
  entityType: string;
  entityId: string;
  items: RawItem[];
  /** The entity's own record has a version (event, proposal, kit asset): bumped, so stale editors get a 409 and sheets rewrite the row. */
  versioned: boolean;
}

export interface FreeTextRewrite {
  entityType: string;
  entityId: string;
  fields: string[];
}

/** The places where the person was: home, hosts of their visits, places of their contributions. */
export function placesOf(data: PersonData): string[] {
  return [...new Set([data.person.homePlaceId, ...data.visits.flatMap((v) => [v.hostPlaceId, v.homePlaceId]), ...data.contributions.map((c) => c.placeId)].filter((p): p is string => !!p))];
}

/** The attributes of `item` that still hold a trace, scrubbed. */
export function scrubbedAttributes(sc: Scrubber, item: RawItem): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (UNTOUCHED.has(name)) continue;
    const scrubbed = sc.scrub(value);
    if (JSON.stringify(scrubbed) !== JSON.stringify(value)) changed[name] = scrubbed;
  }
  return changed;
}

async function findMentions(deps: Deps, sc: Scrubber, data: PersonData): Promise<Mention[]> {
  const places = placesOf(data);
  const t = deps.table;
  const [coordination, events, manualCopies, proposals, kit, tokens] = await Promise.all([
    inBatches(places, 5, (p) => listIndexItems(t, keys.coordinationVisitsOfPlace(p))).then((x) => x.flat()),
    inBatches(places, 5, (p) => listIndexItems(t, keys.eventsByPlace(p))).then((x) => x.flat()),
    inBatches(places, 5, (p) => listManualEntryCopies(t, `place:${p}`)).then((x) => x.flat()),
    listIndexItems(t, keys.proposalsByCreation()),
    listPartitionItems(t, keys.kitAssets().pk, keys.kitAssets().skPrefix),
    listPartitionItems(t, keys.tokenPartition().pk, keys.tokenPartition().skPrefix),
  ]);
  const mentions: Mention[] = [];
  const add = (entityType: string, versioned: boolean, items: RawItem[]) => {
    const held = items.filter((i) => sc.holdsTrace(Object.fromEntries(Object.entries(i).filter(([k]) => !UNTOUCHED.has(k)))));
    if (held.length) mentions.push({ entityType, entityId: String(held[0]!.entityId ?? held[0]!.id), items: held, versioned });
  };
  for (const v of coordination) add('coordination-visit', false, [v]);
  for (const e of events) if (e.entity === 'event') add('event', true, [e]);
  for (const a of kit) add('kit-asset', true, [a]);
  for (const tk of tokens) add('token', false, [tk]);
  // A proposal, its votes (comments) and proxies share its partition, read strongly consistent.
  const partitions = await inBatches(proposals, 10, (p) => listPartitionItems(t, keys.proposal(String(p.id)).pk));
  for (const items of partitions) {
    const proposal = items.find((i) => i.sk === keys.proposal('').sk);
    if (proposal) add('proposal', true, items.map((i) => (i === proposal ? i : { ...i, entityId: proposal.id })));
  }
  // A manual entry already rewritten with the person's own entries (it touches their account) is skipped.
  const own = new Set(data.entries.map((e) => e.id));
  const manual = new Map<string, RawItem>();
  for (const c of manualCopies) if (!own.has(String(c.id))) manual.set(String(c.id), c);
  for (const c of manual.values()) {
    if (!sc.holdsTrace(c.memo)) continue;
    const accounts = [...new Set((c.postings as { from: string; to: string }[]).flatMap((p) => [p.from, p.to]))];
    const copyKeys = [keys.ledgerEntry(String(c.date), String(c.id)), ...accounts.map((a) => keys.ledgerAccountEntry(a, String(c.date), String(c.id)))];
    const items = (await Promise.all(copyKeys.map((k) => getItem(t, k)))).filter((i): i is RawItem => !!i);
    add('ledger-entry', false, items);
  }
  return mentions;
}

/** Rewrites every free text that names the person; returns what was rewritten (entity and field names) and the number of items written. */
export async function scrubFreeTexts(deps: Deps, actor: Actor, sc: Scrubber, data: PersonData): Promise<{ rewrites: FreeTextRewrite[]; itemsWritten: number }> {
  const mentions = await findMentions(deps, sc, data);
  const now = deps.now().toISOString();
  let itemsWritten = 0;
  const rewrites: FreeTextRewrite[] = [];
  for (const m of mentions) {
    const changes = m.items.map((item) => {
      const attrs = scrubbedAttributes(sc, item);
      // The entity's record itself (not a vote or an entry copy) moves to a new version.
      const isRecord = item.entity === m.entityType || (m.entityType === 'kit-asset' && String(item.sk).startsWith('asset#'));
      if (m.versioned && isRecord && typeof item.version === 'number') Object.assign(attrs, { version: item.version + 1, updatedAt: now });
      return { key: { pk: item.pk, sk: item.sk }, attrs };
    });
    const fields = [...new Set(m.items.flatMap((i) => Object.keys(scrubbedAttributes(sc, i))))].sort();
    // 100 items per transaction at most: a journal entry has a handful of copies, a proposal one vote per place.
    for (let i = 0; i < changes.length; i += 99) {
      await replaceAttributesAudited(deps.table, changes.slice(i, i + 99), {
        id: deps.newId(),
        entityType: m.entityType,
        entityId: m.entityId,
        action: 'erase-mention',
        actor: actorLabel(actor),
        at: now,
        after: { fields },
        note: `canal : api · effacement RGPD de la personne ${data.person.id} : sa mention remplacée par le pseudonyme (${fields.join(', ')})`,
      });
    }
    itemsWritten += changes.length;
    // The entity's audit lines keep before/after copies of the text.
    const lines = await listAuditOfEntity(deps.table, m.entityId);
    const written = await inBatches(lines, 10, async (line) => {
      const attrs = scrubbedAttributes(sc, line);
      return Object.keys(attrs).length && (await replaceAttributes(deps.table, { pk: line.pk, sk: line.sk }, attrs)) ? 1 : 0;
    });
    itemsWritten += written.reduce<number>((a, b) => a + b, 0);
    rewrites.push({ entityType: m.entityType, entityId: m.entityId, fields });
  }
  return { rewrites, itemsWritten };
}
