/**
 * Demo data of the check-in: a member card for every person (its personal code is recorded, so
 * typing it at a door works), a poster for every host (its link is derived, nothing to store),
 * a few reservations for the coming days and two check-ins of today waiting for their host.
 * Written through the same use cases as the API.
 */
import type { Deps } from '../../functions/domain/deps.js';
import type { Actor } from '../../functions/domain/actor.js';
import { AppError } from '../../functions/domain/errors.js';
import { listDirectoryRecordsByType } from '../../integrations/dynamodb/directory-repository.js';
import { PersonSchema } from '../../schemas/person.js';
import { PlaceSchema } from '../../schemas/place.js';
import { todayInParis } from '../../functions/domain/mobility/periods.js';
import { getMemberCard, getPlacePoster } from '../../functions/domain/checkin/cards-and-posters.js';
import { createReservation } from '../../functions/domain/checkin/reservations.js';
import { checkInAtDoor } from '../../functions/domain/checkin/door-checkin.js';

const SEED_ACTOR: Actor = { role: 'system', id: 'seed:demo' };

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Skips what the rules refuse (home place, full day…): the demo just has one fewer. */
async function tolerant<T>(f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof AppError && (err.status === 409 || err.status === 422)) return undefined;
    throw err;
  }
}

export async function loadDemoCheckin(deps: Deps): Promise<{ cards: number; posters: number; reservations: number; checkins: number; sample?: { poster: string; card: string; code: string } }> {
  const places = (await listDirectoryRecordsByType(deps.table, 'place')).map((r) => PlaceSchema.parse(r)).filter((p) => !p.archivedAt).sort((a, b) => a.name.localeCompare(b.name));
  const people = (await listDirectoryRecordsByType(deps.table, 'person')).map((r) => PersonSchema.parse(r)).filter((p) => !p.archivedAt).sort((a, b) => a.displayName.localeCompare(b.displayName));
  const hosts = places.filter((p) => p.mobility?.acceptsVisitors);
  const cards = [];
  for (const person of people) cards.push(await getMemberCard(deps, SEED_ACTOR, person.id));
  const posters = [];
  for (const host of hosts) posters.push(await getPlacePoster(deps, SEED_ACTOR, host.id));
  if (!hosts.length) return { cards: cards.length, posters: 0, reservations: 0, checkins: 0 };

  const today = todayInParis(deps.now());
  let reservations = 0;
  for (let i = 0; i < Math.min(6, people.length); i++) {
    const person = people[(i * 3 + 2) % people.length]!;
    const host = hosts.find((h, k) => h.id !== person.homePlaceId && k >= i % hosts.length) ?? hosts.find((h) => h.id !== person.homePlaceId);
    if (!host) continue;
    const made = await tolerant(() => createReservation(deps, SEED_ACTOR, { personId: person.id, hostPlaceId: host.id, date: addDays(today, 1 + (i % 5)), scheme: 'retrocession' }, `demo-reservation-${i}`));
    if (made) reservations++;
  }
  let checkins = 0;
  for (let i = 0; i < 2 && i < people.length; i++) {
    const person = people[people.length - 1 - i]!;
    const host = hosts.find((h) => h.id !== person.homePlaceId);
    if (host && (await tolerant(() => checkInAtDoor(deps, person.id, host.id, 'code')))) checkins++;
  }
  const sampleCard = cards[0];
  return {
    cards: cards.length,
    posters: posters.length,
    reservations,
    checkins,
    ...(sampleCard && posters[0] ? { sample: { poster: posters[0].url, card: sampleCard.url, code: sampleCard.code } } : {}),
  };
}
