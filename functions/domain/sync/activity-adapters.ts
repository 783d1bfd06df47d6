/**
 * The Passages and Événements tabs, through the mobility and events use cases:
 * - a Passages row posts a visit with recordVisit, the row's ID (chosen before posting and
 *   saved in the row state) being both the visit id and its idempotency key: a re-sync never
 *   posts twice; a posted row is immutable; deleting it cancels the visit (reversing entries);
 * - an Événements row creates or updates an event; `Annulé` cancels it; deleting the row cancels it.
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { recordVisit } from '../mobility/record-visit.js';
import { cancelVisit, getVisit } from '../mobility/cancel-visit.js';
import { listVisits } from '../mobility/list-visits.js';
import { firstDayOf, lastDayOf, monthOf, todayInParis } from '../mobility/periods.js';
import { createEvent, updateEvent, cancelEvent } from '../events/write-events.js';
import { listEvents, getEvent } from '../events/list-events.js';
import { VisitInputSchema, type Visit } from '../../../schemas/visit.js';
import { EventInputSchema, type EventInput, type StoredEvent } from '../../../schemas/event.js';
import { parseVisitRow, renderVisitRow, visitStatus, VISIT_FIELD_HEADERS, parseEventRow, renderEventRow, EVENT_FIELD_HEADERS } from '../../../integrations/sheets/rows/activity-rows.js';
import { fieldErrorsFromZod } from '../errors.js';
import type { SyncedRecord, TabAdapter } from './tab-adapter.js';
import { depsWithFirstId, reasonsFor } from './directory-adapters.js';
import { stableStringify } from './row-hash.js';

function visitRecord(v: Visit): SyncedRecord {
  return { ...v, version: v.status === 'cancelled' ? 2 : 1, updatedAt: v.cancelledAt ?? v.createdAt, ...(v.cancelledAt ? { archivedAt: v.cancelledAt } : {}) };
}

const zodReasons = (issues: Parameters<typeof fieldErrorsFromZod>[0], headers: Record<string, string>) =>
  fieldErrorsFromZod(issues).map((e) => `Colonne « ${headers[e.path.split('.')[0]!] ?? e.path} » : ${e.message}`);

export function visitsAdapter(deps: Deps, actor: Actor): TabAdapter {
  return {
    tab: 'Passages',
    entityType: 'visit',
    async loadRecords() {
      // The sheet shows the visits of the last twelve months; older rows are found one by one.
      const month = monthOf(todayInParis(deps.now()));
      const [y, m] = month.split('-').map(Number) as [number, number];
      const start = `${m === 12 ? y : y - 1}-${String((m % 12) + 1).padStart(2, '0')}`;
      const { items } = await listVisits(deps, actor, { from: firstDayOf(start), to: lastDayOf(month), limit: 1_000_000 });
      // Reservations are not passages (yet): a row appears once the day is checked in.
      return items.filter((v) => v.status === 'active' || v.status === 'cancelled').map(visitRecord);
    },
    async loadOne(id) {
      try {
        return visitRecord(await getVisit(deps, id));
      } catch (err) {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }
    },
    parse: (cells, ctx) => parseVisitRow(cells, ctx),
    render: (rec, ctx) => renderVisitRow(rec as unknown as Visit, ctx),
    check(input) {
      const p = VisitInputSchema.safeParse(input);
      return p.success ? [] : zodReasons(p.error.issues, VISIT_FIELD_HEADERS);
    },
    stateBeforeCreate: true,
    async create(input, id) {
      const { visit } = await recordVisit(depsWithFirstId(deps, id), actor, VisitInputSchema.parse(input), id);
      return visitRecord(visit);
    },
    async update() {
      return undefined; // never called: immutableMessage refuses edits first
    },
    immutableMessage: 'un passage enregistré ne se modifie pas : supprimez la ligne (le passage est annulé, écritures contre-passées) puis ajoutez-en une nouvelle',
    async archive(rec) {
      try {
        await cancelVisit(deps, actor, rec.id);
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err; // already cancelled
      }
    },
    createdStatus: (rec) => visitStatus(rec as unknown as Visit),
    recordStatus: (rec) => visitStatus(rec as unknown as Visit),
    archivedMessage: '✗ Passage annulé : cette ligne n’est plus synchronisée (vous pouvez la supprimer)',
    reasons: (err) => reasonsFor(err, VISIT_FIELD_HEADERS),
  };
}

const EVENT_FIELDS = ['placeId', 'title', 'description', 'startsAt', 'endsAt', 'url', 'imageUrl', 'priceCents', 'relay', 'status'] as const;

/** Comparable form: instants as epoch ms, the relay as its on/off switch. */
function comparable(k: string, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (k === 'startsAt' || k === 'endsAt') return Date.parse(String(v));
  if (k === 'relay') return !!(v as { facebook?: boolean | { enabled?: boolean } }).facebook && (typeof (v as { facebook: unknown }).facebook === 'boolean' ? (v as { facebook: boolean }).facebook : !!(v as { facebook: { enabled?: boolean } }).facebook.enabled);
  return v;
}

export function eventsAdapter(deps: Deps, actor: Actor): TabAdapter {
  const asRecord = (e: StoredEvent) => e as unknown as SyncedRecord;
  return {
    tab: 'Événements',
    entityType: 'event',
    async loadRecords() {
      const { items } = await listEvents(deps, { from: '2000-01-01', limit: 1_000_000, actor });
      return items.map((e) => asRecord(e as unknown as StoredEvent));
    },
    async loadOne(id) {
      try {
        return asRecord((await getEvent(deps, id, actor)) as unknown as StoredEvent);
      } catch (err) {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }
    },
    parse: (cells, ctx) => parseEventRow(cells, ctx),
    render: (rec, ctx) => renderEventRow(rec as unknown as StoredEvent, ctx),
    check(input) {
      const p = EventInputSchema.safeParse(input);
      return p.success ? [] : zodReasons(p.error.issues, EVENT_FIELD_HEADERS);
    },
    stateBeforeCreate: true,
    async create(input, id, w) {
      return asRecord((await createEvent(depsWithFirstId(deps, id), actor, input as EventInput, { note: w.note })) as unknown as StoredEvent);
    },
    async update(existing, input, w) {
      const patch: Record<string, unknown> = {};
      let changed = false;
      for (const k of EVENT_FIELDS) {
        if (stableStringify(comparable(k, input[k])) !== stableStringify(comparable(k, existing[k]))) changed = true;
        patch[k] = input[k] ?? null;
      }
      if (!changed) return undefined;
      return asRecord((await updateEvent(deps, actor, existing.id, patch as never, { expectedVersion: existing.version, note: w.note })) as unknown as StoredEvent);
    },
    async archive(rec, note) {
      await cancelEvent(deps, actor, rec.id, { note });
    },
    // A cancelled event whose row was deleted stays out of the sheet.
    appendable: (rec) => rec.status !== 'cancelled',
    reasons: (err) => reasonsFor(err, EVENT_FIELD_HEADERS),
  };
}
