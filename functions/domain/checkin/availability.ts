import type { Deps } from '../deps.js';
import { BadRequestError } from '../errors.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { distanceKm, roundKm } from '../directory/geo.js';
import { getHostDayCounts } from '../../../integrations/dynamodb/reservation-repository.js';
import type { Availability } from '../../../schemas/availability.js';

/** A query covers at most this many days (`date` to `to` inclusive). */
export const MAX_AVAILABILITY_DAYS = 31;

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Every day from `from` to `to` inclusive (at most MAX_AVAILABILITY_DAYS, else 400). */
export function daysBetween(from: string, to: string): string[] {
  if (to < from) throw new BadRequestError(`« to » (${to}) doit suivre « date » (${from}).`);
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (out.length === MAX_AVAILABILITY_DAYS) throw new BadRequestError(`Intervalle trop long : ${MAX_AVAILABILITY_DAYS} jours au plus de « date » à « to ».`);
    out.push(d);
  }
  return out;
}

/**
 * GET /v1/availability (public). Primary course:
 * 1. the places that accept visitors (directory snapshot), filtered by `placeId` or by distance;
 * 2. one counter per place and day (the host day counter every visit and reservation takes);
 * 3. per place and day: capacity, taken, remaining — counts only, never who.
 * Nearest first with `near`, else by day then name.
 */
export async function getAvailability(deps: Deps, q: { date: string; to?: string; near?: { lat: number; lon: number }; radiusKm?: number; placeId?: string }): Promise<{ items: Availability[] }> {
  if (q.radiusKm !== undefined && !q.near) throw new BadRequestError('« radiusKm » demande « near » (lat,lon).');
  const days = daysBetween(q.date, q.to ?? q.date);
  const snap = await loadDirectorySnapshot(deps);
  const hosts: { place: (typeof snap.places)[number]; distanceKm?: number }[] = [];
  for (const place of snap.places) {
    if (place.archivedAt || !place.mobility?.acceptsVisitors) continue;
    if (q.placeId && place.id !== q.placeId) continue;
    if (q.near) {
      if (!place.location) continue;
      const d = distanceKm(q.near, place.location);
      if (q.radiusKm !== undefined && d > q.radiusKm) continue;
      hosts.push({ place, distanceKm: roundKm(d) });
    } else hosts.push({ place });
  }
  const counts = await getHostDayCounts(deps.table, hosts.flatMap((h) => days.map((date) => ({ placeId: h.place.id, date }))));
  const items: Availability[] = [];
  for (const { place, distanceKm: km } of hosts) {
    const capacity = place.mobility!.dailyVisitorCapacity;
    for (const date of days) {
      const taken = counts.get(`${place.id}|${date}`) ?? 0;
      items.push({
        placeId: place.id,
        placeName: place.name,
        commune: place.address.commune,
        date,
        capacity,
        taken,
        remaining: Math.max(0, capacity - taken),
        preferentialDayRateCents: place.mobility!.preferentialDayRateCents,
        ...(place.openingHours ? { openingHours: place.openingHours } : {}),
        ...(km !== undefined ? { distanceKm: km } : {}),
      });
    }
  }
  if (q.near) items.sort((a, b) => a.distanceKm! - b.distanceKm! || a.date.localeCompare(b.date));
  else items.sort((a, b) => a.date.localeCompare(b.date) || a.placeName.localeCompare(b.placeName, 'fr'));
  return { items };
}
