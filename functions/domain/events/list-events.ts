import type { Deps } from '../deps.js';
import { PUBLIC, type Actor } from '../actor.js';
import { pageByOffset } from '../paging.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { placeSummary } from '../directory/search-resources.js';
import { matchesQuery, normalizeText } from '../directory/text.js';
import { getRelaysOfEvents, listEventsEndingFrom } from '../../../integrations/dynamodb/events-repository.js';
import { parseRelayItem } from '../../../integrations/dynamodb/relay-outbox-repository.js';
import { StoredEventSchema, type Event, type EventStatus, type StoredEvent } from '../../../schemas/event.js';
import { presentEvent } from './present-event.js';
import { loadEvent } from './load-event.js';
import { parisLocalToInstant, parseParisDateTime } from './paris-time.js';

export interface EventListQuery {
  /** Day (`YYYY-MM-DD`, from 0:00 Paris) or date-time; default now: events not finished yet. */
  from?: string;
  /** Day (that day included) or date-time: events starting at the latest then. */
  to?: string;
  placeId?: string;
  /** Exact tag, case and accents aside. */
  tag?: string;
  /** Exact commune of the place, case and accents aside. */
  commune?: string;
  q?: string;
  status?: EventStatus;
  limit: number;
  cursor?: string;
  /** Who asks (relay errors are shown to those who manage the place); default public. */
  actor?: Actor;
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** One event with its place summary; 404 when unknown. */
export async function getEvent(deps: Deps, id: string, actor: Actor = PUBLIC): Promise<Event> {
  const { event, relay } = await loadEvent(deps, id);
  const place = (await loadDirectorySnapshot(deps)).placesById.get(event.placeId);
  return presentEvent(event, relay, place ? placeSummary(place) : undefined, actor);
}

/**
 * Lists events, soonest first.
 * 1. read, from the end-time index (of one place or of all), the events not finished at `from`;
 * 2. keep those starting by `to`, of the status asked, matching `q` (accents and case ignored,
 *    on title, description, tags, place name and commune);
 * 3. sort by start, page, and attach each page item's place summary and relay state.
 */
export async function listEvents(deps: Deps, query: EventListQuery): Promise<{ items: Event[]; nextCursor?: string }> {
  const from = query.from ? (isDay(query.from) ? parisLocalToInstant(`${query.from}T00:00`) : parseParisDateTime(query.from)) : deps.now();
  const toLimit = query.to ? (isDay(query.to) ? parisLocalToInstant(`${nextDay(query.to)}T00:00`).getTime() - 1 : parseParisDateTime(query.to).getTime()) : Infinity;
  const [raw, snap] = await Promise.all([listEventsEndingFrom(deps.table, { fromUtc: from.toISOString(), placeId: query.placeId }), loadDirectorySnapshot(deps)]);
  const tag = query.tag ? normalizeText(query.tag) : undefined;
  const commune = query.commune ? normalizeText(query.commune) : undefined;
  const matched: { event: StoredEvent; start: number }[] = [];
  for (const item of raw) {
    const event = StoredEventSchema.parse(item);
    const start = parseParisDateTime(event.startsAt).getTime();
    if (start > toLimit) continue;
    if (query.status && event.status !== query.status) continue;
    if (tag && !event.tags.some((x) => normalizeText(x) === tag)) continue;
    if (commune && normalizeText(snap.placesById.get(event.placeId)?.address.commune ?? '') !== commune) continue;
    if (query.q) {
      const place = snap.placesById.get(event.placeId);
      const text = normalizeText([event.title, event.description ?? '', event.tags.join(' '), place?.name ?? '', place?.address.commune ?? ''].join(' '));
      if (!matchesQuery(text, query.q)) continue;
    }
    matched.push({ event, start });
  }
  matched.sort((a, b) => a.start - b.start || a.event.id.localeCompare(b.event.id));
  const page = pageByOffset(matched, query.limit, query.cursor);
  const relays = await getRelaysOfEvents(deps.table, page.items.map((m) => m.event.id));
  const items = page.items.map(({ event }) => {
    const place = snap.placesById.get(event.placeId);
    const relay = relays.get(event.id);
    return presentEvent(event, relay ? parseRelayItem(relay) : undefined, place ? placeSummary(place) : undefined, query.actor ?? PUBLIC);
  });
  return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
}
