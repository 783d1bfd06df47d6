/**
 * One sync round between the API and a spreadsheet (Airtable or Google Sheets).
 * 1. takes the provider's lease (one round at a time: two rounds could both create a new row);
 * 2. reads every tab in as few requests as the provider allows;
 * 3. syncs the tabs in dependency order (Lieux first: the other tabs name places),
 *    reloading the name indexes so a place added this round can be referred to;
 * 4. records and answers the summary.
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { ConflictError } from '../errors.js';
import { acquireSyncLease, putLastRound, releaseSyncLease } from '../../../integrations/dynamodb/sync-repository.js';
import { personIndex, placeIndex } from '../../../integrations/sheets/place-refs.js';
import { placeCodec, resourceCodec, personCodec } from '../../../integrations/sheets/rows/directory-rows.js';
import type { SheetProvider, TabRead } from './provider.js';
import type { TabName } from '../../../integrations/sheets/columns.js';
import type { TabAdapter } from './tab-adapter.js';
import { directoryAdapter } from './directory-adapters.js';
import { eventsAdapter, visitsAdapter } from './activity-adapters.js';
import { syncTab, type TabPreload } from './sync-tab.js';
import { listSyncRowStates } from '../../../integrations/dynamodb/sync-repository.js';
import { contributionsAdapter } from './contributions-adapter.js';
import { kitAdapter } from './kit-adapter.js';
import { affectedBy, finishOwnedTab, planOwnedTab, type OwnedTab, type OwnedTabPlan } from './owned-tabs.js';
import { statementsTab } from './statements-tab.js';
import { decisionsTab } from './decisions-tab.js';
import { freshnessTab } from './freshness-tab.js';
import { totalsOf, type RoundSummary, type TabSummary } from './summary.js';
import { describeError, logger } from '../../observability/logger.js';

export interface SyncRoundOptions {
  dryRun?: boolean;
  /** Row keys or record ids → when a person edited them (webhook payloads, Apps Script calls). */
  editedAt?: ReadonlyMap<string, string>;
  onTab?: (s: TabSummary) => void;
  leaseTtlMs?: number;
  /** Set on the extra round run because a change was notified during the previous one. */
  isRerun?: boolean;
}

/** Tabs whose records are the directory records of their own type, and nothing else. */
const DIRECTORY_TYPES = new Set(['place', 'resource', 'person']);

const PROVIDER_LABELS = { airtable: 'Airtable', sheets: 'Google Sheets' } as const;

export function syncActor(provider: SheetProvider['name']): Actor {
  return { role: 'system', id: `sync:${provider}` };
}

/** The tabs in the order they are synced. */
export function tabAdapters(deps: Deps, actor: Actor): TabAdapter[] {
  return [directoryAdapter(deps, actor, placeCodec), directoryAdapter(deps, actor, resourceCodec), directoryAdapter(deps, actor, personCodec), eventsAdapter(deps, actor), visitsAdapter(deps, actor), contributionsAdapter(deps, actor), kitAdapter(deps, actor)];
}

/** The tabs the API alone writes, after the others. */
export function ownedTabs(deps: Deps, now: Date): OwnedTab[] {
  return [statementsTab(deps, now), decisionsTab(deps, now), freshnessTab(deps, now)];
}

export async function runSyncRound(deps: Deps, provider: SheetProvider, opts: SyncRoundOptions = {}): Promise<RoundSummary> {
  const actor = syncActor(provider.name);
  const dryRun = opts.dryRun ?? false;
  const startedAt = deps.now();
  const owner = deps.newId();
  if (!dryRun && !(await acquireSyncLease(deps.table, provider.name, owner, startedAt.getTime(), opts.leaseTtlMs ?? 10 * 60_000))) {
    throw new ConflictError(`Une synchronisation ${PROVIDER_LABELS[provider.name]} est déjà en cours ; réessayez dans quelques minutes.`);
  }
  try {
    const adapters = tabAdapters(deps, actor);
    // What the tabs compare the sheet with is loaded from DynamoDB while the owned tabs are
    // planned and the sheet is read (the provider's rate limit makes that read the long part), not after it.
    const quiet = <T>(p: Promise<T>) => (p.catch(() => undefined), p);
    const preloads = new Map(adapters.map((a) => [a.tab, { records: quiet(a.loadRecords()), states: quiet(listSyncRowStates(deps.table, provider.name, a.tab)) }]));
    // The name indexes start from the Lieux and Personnes tabs' own loads (2,000 places: read once, not twice).
    const firstIndexes = quiet(Promise.all([preloads.get('Lieux')!.records, preloads.get('Personnes')!.records]));
    const ownedPlans = () => Promise.all(ownedTabs(deps, startedAt).map((o) => planOwnedTab(deps, provider, o, { now: startedAt, dryRun, at: 0 })));
    type Read = TabRead | Error | undefined;
    const reads = new Map<TabName, Read>();
    let readOf: (tab: TabName) => Promise<Read>;
    let plans: OwnedTabPlan[];
    let skipped: string | undefined;
    let ownedRead: Promise<void> = Promise.resolve();
    if (provider.readsTabsOneByOne) {
      // Each tab costs its own requests (Airtable): the tabs are read one after the other while the
      // owned tabs are planned, and a tab is synced as soon as it is read, while the next ones are read.
      const pending = new Map<TabName, Promise<Read>>();
      let previous: Promise<unknown> = Promise.resolve();
      for (const a of adapters) {
        const read = previous.then(() => provider.readTabs([a.tab])).then((m) => m.get(a.tab), (err: Error) => err);
        pending.set(a.tab, read);
        previous = read;
      }
      readOf = (tab) => pending.get(tab)!;
      plans = await ownedPlans();
      const toRead = plans.filter((p) => p.read).map((p) => p.owned.tab);
      ownedRead = previous
        .then(() => (toRead.length ? provider.readTabs(toRead) : new Map<TabName, Read>()))
        .catch((err: Error) => new Map<TabName, Read>(toRead.map((t) => [t, err])))
        .then((m) => void m.forEach((v, k) => reads.set(k, v)));
    } else {
      // The tabs the API owns are read only when their content changed, in the same request as the others.
      plans = await ownedPlans();
      try {
        for (const [tab, read] of await provider.readTabs([...adapters.map((a) => a.tab), ...plans.filter((p) => p.read).map((p) => p.owned.tab)])) reads.set(tab, read);
      } catch (err) {
        skipped = `Lecture de la feuille impossible : ${(err as Error).message}`;
      }
      readOf = async (tab) => reads.get(tab);
    }
    const readOk = skipped === undefined;
    const tabs: TabSummary[] = [];
    let recordWrites = 0;
    /** Entity types this round wrote (an owned tab is computed again only if it shows some of them). */
    const writtenTypes = new Set<string>();
    let indexes: { places: ReturnType<typeof placeIndex>; people: ReturnType<typeof personIndex> } | undefined;
    for (const adapter of readOk ? adapters : []) {
      const read = await readOf(adapter.tab);
      const preload = preloads.get(adapter.tab)!;
      if (read === undefined) continue;
      if (read instanceof Error) {
        const s: TabSummary = { tab: adapter.tab, rows: 0, created: 0, updated: 0, archived: 0, refused: 0, written: 0, appended: 0, conflicts: 0, errors: [`lecture impossible : ${read.message} (rien n’a été changé pour cet onglet)`] };
        tabs.push(s);
        opts.onTab?.(s);
        continue;
      }
      if (!indexes) {
        const [places, people] = await firstIndexes;
        indexes = { places: placeIndex(places as never), people: personIndex(people as never) };
      }
      // A place or person this tab adds, renames or archives can be named by the next tabs: the
      // indexes follow the tab's records as it leaves them (no second read of 2,000 places).
      const own = adapter.entityType === 'place' && adapter.tab === 'Lieux' ? 'places' : adapter.entityType === 'person' && adapter.tab === 'Personnes' ? 'people' : undefined;
      const current = indexes;
      const s = await syncTab(
        {
          deps,
          provider,
          dryRun,
          now: startedAt,
          editedAt: opts.editedAt ?? new Map(),
          actorLabel: actor.role === 'system' ? actor.id : 'sync',
          onRecordWrite: () => {
            recordWrites++;
            writtenTypes.add(adapter.entityType);
          },
          ...(own ? { onRecords: (records) => void (indexes = { ...current, [own]: own === 'places' ? placeIndex(records as never) : personIndex(records as never) }) } : {}),
          rowCtx: { ...current, now: startedAt },
        },
        adapter,
        read,
        // Records loaded before this round wrote any they depend on are still what a load now would give (a
        // directory tab loads records of its own type only; the other tabs' loads read more: any write counts);
        // row states of a tab change only through its own pass.
        { states: await preload.states, ...(!writtenTypes.has(adapter.entityType) && (recordWrites === 0 || DIRECTORY_TYPES.has(adapter.entityType)) ? { records: await preload.records } : {}) } satisfies TabPreload,
      );
      tabs.push(s);
      opts.onTab?.(s);
    }
    // The rows this round applied (a verification too) may change what an owned tab not read should show: plan those again.
    await ownedRead;
    if (readOk && !dryRun && recordWrites > 0) {
      const again = await Promise.all(plans.filter((p) => !p.read && !p.error && affectedBy(p.owned, writtenTypes)).map((p) => planOwnedTab(deps, provider, p.owned, { now: startedAt, dryRun, at: recordWrites })));
      const toRead = again.filter((p) => p.read);
      if (toRead.length) {
        const more = await provider.readTabs(toRead.map((p) => p.owned.tab)).catch((err: Error) => new Map(toRead.map((p) => [p.owned.tab, err] as const)));
        for (const p of toRead) {
          plans[plans.findIndex((x) => x.owned.tab === p.owned.tab)] = p;
          reads.set(p.owned.tab, more.get(p.owned.tab));
        }
      }
    }
    for (const plan of readOk ? plans : []) {
      // Rows planned before writes that cannot change them are still what the tab should show.
      const at = affectedBy(plan.owned, writtenTypes) ? recordWrites : plan.at;
      const s = await finishOwnedTab(deps, provider, plan, reads.get(plan.owned.tab), { now: startedAt, dryRun, at });
      if (!s) continue;
      tabs.push(s);
      opts.onTab?.(s);
    }
    const summary: RoundSummary = { provider: provider.name, dryRun, startedAt: startedAt.toISOString(), finishedAt: deps.now().toISOString(), tabs, totals: totalsOf(tabs), ...(skipped ? { skipped } : {}) };
    if (!dryRun) await putLastRound(deps.table, provider.name, summary);
    return summary;
  } finally {
    if (!dryRun && (await releaseSyncLease(deps.table, provider.name, owner)) && !opts.isRerun) {
      // Someone edited the sheet while this round ran: one more round picks it up.
      await runSyncRound(deps, provider, { ...opts, isRerun: true }).catch((err) => logger.error('sync rerun failed', describeError(err)));
    }
  }
}
