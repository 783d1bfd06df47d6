/**
 * The role matrix, in one place. Every route and use case asks here.
 *
 * | action                              | public | manager          | integration | admin |
 * |-------------------------------------|--------|------------------|-------------|-------|
 * | read published directory            | yes    | yes              | yes         | yes   |
 * | create/change/archive a place       | no     | own place (no create) | yes    | yes   |
 * | resources and people                | no     | own place's      | yes         | yes   |
 * | see people's email and phone        | no     | own place's      | no          | yes   |
 * | tokens, audit, settings, ledger     | no     | no               | no          | yes   |
 */
import type { Actor } from './actor.js';
import { ForbiddenError, UnauthenticatedError } from './errors.js';

/** 401 for anonymous callers, otherwise nothing. */
export function requireAuthenticated(a: Actor): void {
  if (a.role === 'public') throw new UnauthenticatedError();
}

export function requireAdmin(a: Actor): void {
  requireAuthenticated(a);
  if (a.role !== 'admin' && a.role !== 'system') throw new ForbiddenError('Réservé à l’administrateur du réseau.');
}

/** May this actor change records belonging to `placeId`? */
export function canManagePlace(a: Actor, placeId: string): boolean {
  if (a.role === 'admin' || a.role === 'integration' || a.role === 'system') return true;
  return a.role === 'manager' && a.placeId === placeId;
}

export function requirePlaceManager(a: Actor, placeId: string): void {
  requireAuthenticated(a);
  if (!canManagePlace(a, placeId)) throw new ForbiddenError('Un gestionnaire ne peut modifier que son propre lieu et ce qui en dépend.');
}

/** Only network-wide roles create places. */
export function requirePlaceCreator(a: Actor): void {
  requireAuthenticated(a);
  if (a.role === 'manager') throw new ForbiddenError('Seul l’administrateur du réseau peut ajouter un lieu.');
}

/** Emails and phones of people: the admin and the home place's manager only. */
export function canSeeContacts(a: Actor, homePlaceId: string): boolean {
  if (a.role === 'admin' || a.role === 'system') return true;
  return a.role === 'manager' && a.placeId === homePlaceId;
}

/** People without public consent: only those who manage them. */
export function canSeePrivatePerson(a: Actor, homePlaceId: string): boolean {
  return canSeeContacts(a, homePlaceId) || a.role === 'integration';
}
