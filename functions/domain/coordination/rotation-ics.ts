/**
 * A rotation plan as an iCalendar file (RFC 5545): one all-day event per working day with
 * its stops in order and the estimated km, so the coordinator imports the plan in any
 * calendar. UIDs derive from the plan and the day, so re-importing updates, never duplicates.
 */
import { escapeIcsText, foldIcsLine } from '../events/ics.js';
import { addDays } from './working-days.js';
import type { Rotation } from '../../../schemas/coordination.js';

const PRODID = '-//Reseau des tiers-lieux de Dordogne//Coordination//FR';

function icsDate(day: string): string {
  return day.replace(/-/g, '');
}

export function rotationToIcs(r: Rotation): string {
  const stamp = r.createdAt.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const events = r.days
    .filter((d) => d.stops.length > 0)
    .flatMap((d) => {
      const names = d.stops.map((s) => s.placeName);
      const description = [`Départ : ${r.basePlaceName}`, ...names.map((n, i) => `${i + 1}. ${n}`), `Retour : ${r.basePlaceName}`, `Environ ${String(d.km).replace('.', ',')} km par la route (vol d’oiseau × ${String(r.roadFactor).replace('.', ',')}).`].join('\n');
      return [
        'BEGIN:VEVENT',
        `UID:rotation-${r.id}-${icsDate(d.date)}@tiers-lieux-reseau`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${icsDate(d.date)}`,
        `DTEND;VALUE=DATE:${icsDate(addDays(d.date, 1))}`,
        `SUMMARY:${escapeIcsText(`Coordination : ${names.join(', ')}`)}`,
        `DESCRIPTION:${escapeIcsText(description)}`,
        `LOCATION:${escapeIcsText(names.join(' → '))}`,
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
      ];
    });
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeIcsText(`Rotation de coordination ${r.from} – ${r.to}`)}`, ...events, 'END:VCALENDAR'];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}
