/**
 * Thin helpers over the one permission table (`permissions.ts`), kept because every
 * feature calls them. No rule lives here: each one names its action in the table.
 */
import type { Actor } from './actor.js';
import { UnauthenticatedError } from './errors.js';
import { authorize, can } from './permissions.js';

export { authorize, can } from './permissions.js';

/** 401 for anonymous callers, otherwise nothing. */
export function requireAuthenticated(a: Actor): void {
  if (a.role === 'public') throw new UnauthenticatedError();
}

export function requireAdmin(a: Actor): void {
  authorize(a, 'network.admin');
}

/** May this actor change records belonging to `placeId`? */
export function canManagePlace(a: Actor, placeId: string): boolean {
  return can(a, 'directory.write', placeId);
}

export function requirePlaceManager(a: Actor, placeId: string): void {
  authorize(a, 'directory.write', placeId);
}

/** Only network-wide roles create places. */
export function requirePlaceCreator(a: Actor): void {
  authorize(a, 'place.create');
}

/** Emails and phones of people: the admin and the home place's manager only. */
export function canSeeContacts(a: Actor, homePlaceId: string): boolean {
  return can(a, 'contacts.read', homePlaceId);
}

/** People without public consent: only those who manage them. */
export function canSeePrivatePerson(a: Actor, homePlaceId: string): boolean {
  return can(a, 'person.private.read', homePlaceId);
}
