/**
 * The decisions calendar (RFC 5545): one event per proposal at its closing time ("Clôture du
 * vote"), so delegates subscribe once and see every deadline. Drafts are left out; a closed
 * proposal stays with its outcome in the summary. Same conventions as the events feed
 * (CRLF, folding, UTC, stable UIDs, SEQUENCE from the version).
 */
import { escapeIcsText, foldIcsLine, icsUtc } from '../events/ics.js';
import { OUTCOME_LABELS, RULE_LABELS, type StoredProposal } from '../../../schemas/decision.js';

const PRODID = '-//Reseau des tiers-lieux de Dordogne//Decisions//FR';
/** A deadline shows as a 30-minute slot, so calendars display it as an appointment. */
const SLOT_MS = 30 * 60_000;

function vevent(p: StoredProposal, baseUrl: string | undefined): string[] {
  const end = new Date(Date.parse(p.closesAt) + SLOT_MS).toISOString();
  const outcome = p.status === 'closed' && p.result ? ` — ${OUTCOME_LABELS[p.result.outcome]}` : '';
  const lines = [
    'BEGIN:VEVENT',
    `UID:proposal-${p.id}-round-${p.round}@tiers-lieux-reseau`,
    `DTSTAMP:${icsUtc(p.updatedAt)}`,
    `CREATED:${icsUtc(p.createdAt)}`,
    `LAST-MODIFIED:${icsUtc(p.updatedAt)}`,
    `SEQUENCE:${p.version - 1}`,
    `DTSTART:${icsUtc(p.closesAt)}`,
    `DTEND:${icsUtc(end)}`,
    `SUMMARY:${escapeIcsText(`Clôture du vote : ${p.title}${outcome}`)}`,
    `DESCRIPTION:${escapeIcsText(`${p.round > 1 ? 'Seconde convocation. ' : ''}Règle : ${RULE_LABELS[p.rule]}.\n\n${p.text}`)}`,
  ];
  if (baseUrl) lines.push(`URL:${baseUrl}/v1/proposals/${p.id}`);
  lines.push('STATUS:CONFIRMED', 'TRANSP:TRANSPARENT', 'END:VEVENT');
  return lines;
}

export function proposalsToIcs(proposals: StoredProposal[], baseUrl?: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText('Réseau des tiers-lieux de Dordogne — décisions')}`,
    'X-WR-TIMEZONE:Europe/Paris',
    'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
    'X-PUBLISHED-TTL:PT6H',
    ...proposals.filter((p) => p.status !== 'draft').flatMap((p) => vevent(p, baseUrl)),
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}
