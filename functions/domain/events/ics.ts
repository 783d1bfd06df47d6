/**
 * The iCalendar feed (RFC 5545) of the network's events, written by hand (small and exact):
 * - lines end with CRLF and are folded at 75 octets without cutting a UTF-8 character (§3.1);
 * - TEXT values escape `\`, `;`, `,` and newlines (§3.3.11);
 * - times are UTC (`…Z`), so no VTIMEZONE is needed;
 * - `UID` is derived from the event id only, so it never changes (§3.8.4.7);
 * - `DTSTAMP` is the event's last change, so the feed is stable between changes (cacheable);
 * - `SEQUENCE` grows with each version; cancelled events stay with `STATUS:CANCELLED`, so
 *   subscribed calendars (which refresh every few hours) remove or mark them.
 */
import type { Event } from '../../../schemas/event.js';
import { parseParisDateTime } from './paris-time.js';

export const ICS_PRODID = '-//Reseau des tiers-lieux de Dordogne//Evenements//FR';

/** Escapes a TEXT value. */
export function escapeIcsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line: at most 75 octets per physical line, continuation lines start with a space. */
export function foldIcsLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/** `20260512T163000Z` */
export function icsUtc(iso: string): string {
  return parseParisDateTime(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export interface IcsOptions {
  /** Calendar name shown by clients. */
  name: string;
  /** Public base URL, for each event's page link. */
  baseUrl?: string;
}

function vevent(e: Event, o: IcsOptions): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:event-${e.id}@tiers-lieux-reseau`,
    `DTSTAMP:${icsUtc(e.updatedAt)}`,
    `CREATED:${icsUtc(e.createdAt)}`,
    `LAST-MODIFIED:${icsUtc(e.updatedAt)}`,
    `SEQUENCE:${e.version - 1}`,
    `DTSTART:${icsUtc(e.startsAt)}`,
  ];
  if (e.endsAt) lines.push(`DTEND:${icsUtc(e.endsAt)}`);
  lines.push(`SUMMARY:${escapeIcsText(e.status === 'cancelled' ? `ANNULÉ — ${e.title}` : e.title)}`);
  const description = [e.description ?? '', e.priceCents === undefined ? '' : e.priceCents === 0 ? 'Entrée libre.' : `Prix : ${(e.priceCents / 100).toFixed(2).replace('.', ',')} €`]
    .filter(Boolean)
    .join('\n\n');
  if (description) lines.push(`DESCRIPTION:${escapeIcsText(description)}`);
  if (e.place) lines.push(`LOCATION:${escapeIcsText(`${e.place.name}, ${e.place.commune}`)}`);
  const url = e.url ?? (o.baseUrl ? `${o.baseUrl}/events/${e.id}` : undefined);
  if (url) lines.push(`URL:${url}`);
  if (e.tags.length) lines.push(`CATEGORIES:${e.tags.map(escapeIcsText).join(',')}`);
  if (e.imageUrl) lines.push(`IMAGE;VALUE=URI:${e.imageUrl}`);
  lines.push(`STATUS:${e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  return lines;
}

/** The whole VCALENDAR, CRLF line endings, folded. */
export function eventsToIcs(events: Event[], o: IcsOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICS_PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText(o.name)}`,
    'X-WR-TIMEZONE:Europe/Paris',
    'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
    'X-PUBLISHED-TTL:PT6H',
    ...events.flatMap((e) => vevent(e, o)),
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}
