/**
 * The French text of an event's Page post: title, date (Paris time), place, price, a short
 * description and the link to the event's public page (PUBLIC_BASE_URL).
 */
import { createHash } from 'node:crypto';
import type { StoredEvent } from '../../../schemas/event.js';
import { formatFrenchDateRange } from './paris-time.js';

const MAX_DESCRIPTION = 600;

export interface PostContent {
  message: string;
  link: string;
  /** Present when the event has an image: published as a photo post. */
  photoUrl?: string;
  /** Stable digest of what is published (an unchanged text is not edited again). */
  digest: string;
}

export function eventPageUrl(baseUrl: string, eventId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/events/${eventId}`;
}

function formatPrice(cents: number): string {
  if (cents === 0) return 'Entrée libre';
  const euros = cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace('.', ',');
  return `Tarif : ${euros} €`;
}

function truncate(s: string, max: number): string {
  const t = s.trim();
  return t.length <= max ? t : t.slice(0, max - 1).replace(/\s+\S*$/, '') + '…';
}

export function buildPostContent(e: StoredEvent, place: { name: string; commune: string } | undefined, baseUrl: string): PostContent {
  const link = eventPageUrl(baseUrl, e.id);
  const lines: string[] = [];
  if (e.status === 'cancelled') lines.push('❌ ANNULÉ — cet événement n’aura pas lieu.', '');
  lines.push(`📅 ${e.title}`);
  const when = formatFrenchDateRange(e.startsAt, e.endsAt);
  lines.push(when.charAt(0).toUpperCase() + when.slice(1));
  if (place) lines.push(`📍 ${place.name} (${place.commune})`);
  if (e.priceCents !== undefined) lines.push(formatPrice(e.priceCents));
  if (e.description) lines.push('', truncate(e.description, MAX_DESCRIPTION));
  lines.push('', `👉 Plus d’infos : ${link}`);
  if (e.tags.length) lines.push('', e.tags.map((t) => '#' + t.replace(/[^\p{L}\p{N}]+/gu, '')).filter((t) => t.length > 1).join(' '));
  const message = lines.join('\n');
  const digest = createHash('sha256').update(message).digest('base64url').slice(0, 22);
  return { message, link, photoUrl: e.imageUrl, digest };
}
