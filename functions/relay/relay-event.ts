/**
 * The Facebook relay: makes the network's Page agree with an event, from its outbox item.
 *
 * Exactly-once is impossible (Graph has no idempotency key), so the relay is AT MOST ONCE for
 * creating a post, and at least once for edits and deletions (which are idempotent):
 * - a lease on the outbox item keeps two relays (stream, poller, sweep) from working together;
 * - before asking Graph to create a post, the relay durably writes `createStartedAt`; the post
 *   id is stored as soon as Graph returns it, clearing the marker in the same write;
 * - if the relay finds the marker without a post id (a crash, a lost answer, a timeout between
 *   the Graph call and the write), it does NOT post again: the relay turns to `error` with an
 *   explanation, and an administrator checks the Page and asks for a retry (which clears it).
 */
import type { Deps } from '../domain/deps.js';
import { loadEvent } from '../domain/events/load-event.js';
import { buildPostContent } from '../domain/events/facebook-message.js';
import { getDirectoryRecordById } from '../../integrations/dynamodb/directory-repository.js';
import { claimRelay, finishRelay, markCreateStarted, type RelayItem, type RelayOutcome } from '../../integrations/dynamodb/relay-outbox-repository.js';
import type { FacebookPageClient } from '../../integrations/facebook/graph-client.js';
import { GraphError } from '../../integrations/facebook/graph-errors.js';
import type { RelayError, StoredEvent } from '../../schemas/event.js';

export interface RelayDeps {
  deps: Deps;
  graph: FacebookPageClient;
  /** PUBLIC_BASE_URL: links in posts point at `${baseUrl}/events/{id}`. */
  baseUrl: string;
  /** How long a relay may hold an item (default 2 minutes). */
  leaseMs?: number;
  /** Attempts before giving up on throttling or outages (default 10, about 5 hours). */
  maxAttempts?: number;
  random?: () => number;
}

export type RelayResult = 'skipped' | 'posted' | 'edited' | 'unchanged' | 'deleted' | 'idle' | 'retry-later' | 'error';

const MINUTE = 60_000;

/** Delay before attempt n+1 after n failures: 1, 2, 4 … minutes, at most one hour, ±20 %. */
export function relayBackoffMs(failures: number, random: () => number = Math.random): number {
  return Math.min(60 * MINUTE, MINUTE * 2 ** Math.max(0, failures - 1)) * (0.8 + 0.4 * random());
}

function relayError(err: GraphError, at: string, message: string): RelayError {
  return { ...(err.code !== undefined ? { code: err.code } : {}), ...(err.subcode !== undefined ? { subcode: err.subcode } : {}), message, at };
}

type Action = { kind: 'create' } | { kind: 'edit'; postId: string } | { kind: 'delete'; postId: string } | { kind: 'none' };

function decide(e: StoredEvent | undefined, item: RelayItem): Action {
  if (!e || !e.relay.facebook.enabled) return item.postId ? { kind: 'delete', postId: item.postId } : { kind: 'none' };
  if (item.postId) return { kind: 'edit', postId: item.postId };
  // A cancelled event that was never posted stays off the Page.
  return e.status === 'cancelled' ? { kind: 'none' } : { kind: 'create' };
}

/**
 * Relays one event.
 * 1. claim the outbox item (pending, due, not leased) — otherwise skip;
 * 2. read the event and decide: create, edit, delete, or nothing;
 * 3. for a create, refuse when an earlier attempt's outcome is unknown, else write the marker;
 * 4. call Graph;
 * 5. record the outcome: posted / idle; retry later with backoff (throttling, outages);
 *    error without retry (190 token, refusals, uncertain creation).
 */
export async function relayEvent(r: RelayDeps, eventId: string): Promise<RelayResult> {
  const { deps } = r;
  const owner = deps.newId();
  const now = deps.now();
  const item = await claimRelay(deps.table, eventId, owner, now.toISOString(), new Date(now.getTime() + (r.leaseMs ?? 2 * MINUTE)).toISOString());
  if (!item) return 'skipped';
  const event = await loadEvent(deps, eventId).then((x) => x.event, () => undefined);
  const action = decide(event, item);
  const finish = (o: RelayOutcome) => finishRelay(deps.table, eventId, item.requestedVersion, { handledVersion: item.requestedVersion, ...o }, deps.now().toISOString());
  const at = () => deps.now().toISOString();

  if (action.kind === 'none') {
    await finish({ status: 'idle', lastError: null, attempts: 0 });
    return 'idle';
  }
  const placeRaw = event ? await getDirectoryRecordById(deps.table, 'place', event.placeId) : undefined;
  const place = placeRaw ? { name: String(placeRaw.name), commune: String((placeRaw.address as { commune?: string })?.commune ?? '') } : undefined;
  const content = event ? buildPostContent(event, place, r.baseUrl) : undefined;

  if (action.kind === 'create') {
    if (item.createStartedAt) {
      await finish({
        status: 'error',
        lastError: {
          message: `Publication incertaine : une tentative du ${item.createStartedAt} n’a pas rendu de résultat. Pour ne jamais publier deux fois, le relais s’arrête : vérifiez la page Facebook, puis relancez le relais (POST /v1/events/${eventId}/relay) si le post n’y est pas.`,
          at: at(),
        },
      });
      return 'error';
    }
    if (!(await markCreateStarted(deps.table, eventId, owner, at()))) return 'skipped';
    try {
      const c = content!;
      const { postId } = c.photoUrl ? await r.graph.publishPhoto({ url: c.photoUrl, message: c.message }) : await r.graph.publishPost({ message: c.message, link: c.link });
      await finish({ status: 'posted', postId, postedAt: at(), postedDigest: c.digest, clearCreateStarted: true, lastError: null, attempts: 0 });
      return 'posted';
    } catch (err) {
      if (!(err instanceof GraphError)) throw err;
      if (err.kind === 'uncertain') {
        await finish({
          status: 'error',
          lastError: relayError(err, at(), `Publication incertaine : Facebook n’a pas confirmé la création du post (${err.message}). Pour ne jamais publier deux fois, le relais s’arrête : vérifiez la page Facebook, puis relancez le relais (POST /v1/events/${eventId}/relay) si le post n’y est pas.`),
        });
        return 'error';
      }
      // Graph answered with an error: it certainly did not create the post.
      return recordFailure(r, item, err, finish, at, true);
    }
  }

  try {
    if (action.kind === 'delete') {
      await r.graph.deletePost(action.postId);
      await finish({ status: 'idle', postId: null, postedAt: null, postedDigest: null, lastError: null, attempts: 0 });
      return 'deleted';
    }
    const c = content!;
    if (item.postedDigest === c.digest) {
      await finish({ status: 'posted', lastError: null, attempts: 0 });
      return 'unchanged';
    }
    await r.graph.editPost(action.postId, c.message);
    await finish({ status: 'posted', postedDigest: c.digest, lastError: null, attempts: 0 });
    return 'edited';
  } catch (err) {
    if (!(err instanceof GraphError)) throw err;
    return recordFailure(r, item, err, finish, at, false);
  }
}

async function recordFailure(r: RelayDeps, item: RelayItem, err: GraphError, finish: (o: RelayOutcome) => Promise<unknown>, at: () => string, clearCreateStarted: boolean): Promise<RelayResult> {
  const base = clearCreateStarted ? { clearCreateStarted: true } : {};
  if (err.kind === 'token') {
    await finish({
      ...base,
      status: 'error',
      lastError: relayError(err, at(), `Le jeton de la page Facebook est expiré ou invalide (code 190) : un administrateur doit installer un nouveau jeton (FACEBOOK_PAGE_TOKEN) puis relancer le relais. Détail : ${err.message}`),
    });
    return 'error';
  }
  if (err.kind === 'rejected') {
    await finish({ ...base, status: 'error', lastError: relayError(err, at(), `Facebook a refusé l’opération (code ${err.code ?? err.httpStatus ?? '?'}) : ${err.message}`) });
    return 'error';
  }
  const attempts = item.attempts + 1;
  const max = r.maxAttempts ?? 10;
  const why = err.kind === 'throttled' ? `Facebook limite le nombre d’appels (code ${err.code})` : `Facebook est momentanément indisponible (${err.message})`;
  if (attempts >= max) {
    await finish({ ...base, status: 'error', attempts, lastError: relayError(err, at(), `${why} ; abandon après ${attempts} essais. Relancez le relais plus tard.`) });
    return 'error';
  }
  const next = new Date(new Date(at()).getTime() + relayBackoffMs(attempts, r.random)).toISOString();
  await finish({ ...base, status: 'pending', attempts, nextAttemptAt: next, lastError: relayError(err, at(), `${why} ; nouvel essai prévu (essai ${attempts + 1} sur ${max}).`) });
  return 'retry-later';
}
