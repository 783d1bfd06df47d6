/**
 * Use cases that change events. Each write stores the event, its audit entry and — when the
 * change concerns the Facebook Page — the relay request (outbox item) in ONE transaction, so
 * an event can never change without its relay being asked for, nor the reverse.
 */
import type { Deps } from '../deps.js';
import { actorLabel, type Actor } from '../actor.js';
import { authorize } from '../permissions.js';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError, fieldErrorsFromZod } from '../errors.js';
import { getDirectoryRecordById } from '../../../integrations/dynamodb/directory-repository.js';
import { saveEventWrite, StaleEventError } from '../../../integrations/dynamodb/events-repository.js';
import { requeueRelay } from '../../../integrations/dynamodb/relay-outbox-repository.js';
import { StoredEventSchema, type Event, type EventInput, type EventPatch, type StoredEvent } from '../../../schemas/event.js';
import type { AuditEntry } from '../../../schemas/audit.js';
import { presentEvent } from './present-event.js';
import { loadEvent } from './load-event.js';
import { getEvent } from './list-events.js';
import { parseParisDateTime } from './paris-time.js';

export interface EventWriteOptions {
  /** Version the caller last read (If-Match): 409 when the event moved meanwhile. */
  expectedVersion?: number;
  /** Extra audit note (the sync says where a change came from). */
  note?: string;
}

async function requirePlaceRef(deps: Deps, placeId: string): Promise<{ id: string; name: string; commune: string }> {
  const raw = await getDirectoryRecordById(deps.table, 'place', placeId);
  if (!raw) throw new UnprocessableError(`Le lieu « ${placeId} » n’existe pas.`, [{ path: 'placeId', message: 'lieu inconnu' }]);
  if (raw.archivedAt) throw new UnprocessableError(`Le lieu « ${placeId} » est archivé.`, [{ path: 'placeId', message: 'lieu archivé' }]);
  return { id: placeId, name: String(raw.name), commune: String((raw.address as { commune?: string } | undefined)?.commune ?? '') };
}

function validate(candidate: Record<string, unknown>): StoredEvent {
  const parsed = StoredEventSchema.safeParse(candidate);
  if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
  const e = parsed.data;
  if (e.endsAt && parseParisDateTime(e.endsAt).getTime() < parseParisDateTime(e.startsAt).getTime()) {
    throw new ValidationError([{ path: 'endsAt', message: 'la fin doit suivre le début' }]);
  }
  return e;
}

function audit(deps: Deps, actor: Actor, action: string, before: StoredEvent | undefined, after: StoredEvent, note?: string): AuditEntry {
  return { id: deps.newId(), entityType: 'event', entityId: after.id, action, actor: actorLabel(actor), at: deps.now().toISOString(), before, after, note };
}

async function save(deps: Deps, event: StoredEvent, expectedVersion: number, entry: AuditEntry, relay: boolean): Promise<void> {
  try {
    await saveEventWrite(deps.table, { event, expectedVersion, audit: entry, relayRequest: relay ? { nowIso: deps.now().toISOString() } : undefined });
  } catch (err) {
    if (err instanceof StaleEventError) throw new ConflictError(`L’événement « ${event.id} » a été modifié entre-temps ; relisez-le puis recommencez.`);
    throw err;
  }
}

/**
 * Creates an event.
 * 1. the actor must manage the event's place, which must exist and not be archived;
 * 2. the stored record is validated (end after start);
 * 3. event + audit (+ relay request when `relay.facebook` is on and the event is not cancelled)
 *    are written in one transaction.
 */
export async function createEvent(deps: Deps, actor: Actor, input: EventInput, opts: EventWriteOptions = {}): Promise<Event> {
  authorize(actor, 'event.write', input.placeId);
  const place = await requirePlaceRef(deps, input.placeId);
  const now = deps.now().toISOString();
  const { relay, ...fields } = input;
  const status = input.status ?? 'scheduled';
  const event = validate({
    ...fields,
    id: deps.newId(),
    tags: input.tags ?? [],
    status,
    relay: { facebook: { enabled: relay?.facebook ?? false } },
    ...(status === 'cancelled' ? { cancelledAt: now } : {}),
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  const wantsRelay = event.relay.facebook.enabled && event.status === 'scheduled';
  await save(deps, event, 0, audit(deps, actor, 'create', undefined, event, opts.note), wantsRelay);
  const relayItem = wantsRelay ? { eventId: event.id, channel: 'facebook' as const, status: 'pending' as const, requestedVersion: 1, attempts: 0, nextAttemptAt: now, updatedAt: now } : undefined;
  return presentEvent(event, relayItem, place, actor);
}

/**
 * Applies a PATCH (fields given replace, `null` clears an optional field; `relay: null` turns
 * the relay off, `status: null` means scheduled).
 * 1. the actor must manage the event's place (and the new place when it moves);
 * 2. the merged record is validated;
 * 3. event + audit + relay request are written together. A relay is requested when the event is
 *    (or was) relayed: the relay then edits, marks cancelled, or deletes the Page post.
 */
export async function updateEvent(deps: Deps, actor: Actor, id: string, patch: EventPatch, opts: EventWriteOptions & { action?: string } = {}): Promise<Event> {
  const { event: before, relay } = await loadEvent(deps, id);
  authorize(actor, 'event.write', before.placeId);
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== before.version) {
    throw new ConflictError(`Version ${opts.expectedVersion} attendue, version actuelle ${before.version}.`);
  }
  const merged: Record<string, unknown> = { ...before };
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'relay') merged.relay = { facebook: { enabled: (v as EventInput['relay'] | null)?.facebook ?? false } };
    else if (k === 'status') merged.status = v ?? 'scheduled';
    else if (k === 'tags') merged.tags = v ?? [];
    else if (v === null) delete merged[k];
    else if (v !== undefined) merged[k] = v;
  }
  const now = deps.now().toISOString();
  if (merged.status === 'cancelled' && before.status !== 'cancelled') merged.cancelledAt = now;
  if (merged.status === 'scheduled') delete merged.cancelledAt;
  merged.updatedAt = now;
  merged.version = before.version + 1;
  const event = validate(merged);
  if (event.placeId !== before.placeId) authorize(actor, 'event.write', event.placeId);
  const place = await requirePlaceRef(deps, event.placeId).catch((err) => {
    // An event may stay attached to a place archived after it was created.
    if (event.placeId === before.placeId) return undefined;
    throw err;
  });
  const wantsRelay = event.relay.facebook.enabled || before.relay.facebook.enabled || relay?.postId !== undefined;
  await save(deps, event, before.version, audit(deps, actor, opts.action ?? 'update', before, event, opts.note), wantsRelay);
  const relayItem = wantsRelay
    ? { ...(relay ?? { eventId: id, channel: 'facebook' as const, attempts: 0 }), status: 'pending' as const, requestedVersion: event.version, nextAttemptAt: now, updatedAt: now }
    : relay;
  return presentEvent(event, relayItem, place, actor);
}

/** Cancels an event: it stays (status `cancelled`), and a relayed post is edited to say so. Idempotent. */
export async function cancelEvent(deps: Deps, actor: Actor, id: string, opts: EventWriteOptions = {}): Promise<Event> {
  const { event } = await loadEvent(deps, id);
  authorize(actor, 'event.write', event.placeId);
  if (event.status === 'cancelled') return getEvent(deps, id, actor);
  return updateEvent(deps, actor, id, { status: 'cancelled' }, { ...opts, action: 'cancel' });
}

/**
 * Asks the relay to try again (administrator only): after a new Page token was installed, or
 * after checking on the Page that an uncertain publication did not happen — this clears the
 * "post being created" marker, so the relay may create the post.
 */
export async function retryEventRelay(deps: Deps, actor: Actor, id: string): Promise<Event> {
  authorize(actor, 'event.relay.retry');
  const { event } = await loadEvent(deps, id);
  const ok = await requeueRelay(deps.table, id, deps.now().toISOString());
  if (!ok) throw new NotFoundError('Relais Facebook de l’événement', event.id);
  return getEvent(deps, id, actor);
}
