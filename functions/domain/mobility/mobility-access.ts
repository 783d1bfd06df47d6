/**
 * Who may do what with mobility (visits, passes, ledger). The directory's role
 * matrix lives in ../access.ts; this is its mobility part, in one place.
 *
 * | action                                   | manager                              | integration | admin |
 * |------------------------------------------|--------------------------------------|-------------|-------|
 * | read / change network mobility settings  | no                                   | no          | yes   |
 * | sell a pass                              | manager of the person's home place   | no          | yes   |
 * | list passes                              | people of its own place              | yes         | yes   |
 * | record / cancel a visit                  | manager of the host or home place    | yes         | yes   |
 * | list visits                              | its own place's (received and sent), | yes         | yes   |
 * |                                          | or its own people's                  |             |       |
 * | ledger entries                           | account `place:<own id>` only        | no          | yes   |
 * | manual ledger entry, balances, settlement| no                                   | no          | yes   |
 * | monthly statement of a place             | its own place                        | no          | yes   |
 * Public callers get 401 everywhere.
 */
import type { Actor } from '../actor.js';
import { ForbiddenError } from '../errors.js';
import { requireAuthenticated } from '../access.js';

function isNetworkWide(a: Actor): boolean {
  return a.role === 'admin' || a.role === 'system';
}

export function requirePassSeller(a: Actor, homePlaceId: string): void {
  requireAuthenticated(a);
  if (isNetworkWide(a) || (a.role === 'manager' && a.placeId === homePlaceId)) return;
  throw new ForbiddenError('Seuls l’administrateur et le gestionnaire du lieu d’attache de la personne peuvent vendre un pass.');
}

/** Reading a person's passes or visits: network-wide roles, or the manager of the person's home place. */
export function requirePersonReader(a: Actor, homePlaceId: string): void {
  requireAuthenticated(a);
  if (isNetworkWide(a) || a.role === 'integration' || (a.role === 'manager' && a.placeId === homePlaceId)) return;
  throw new ForbiddenError('Un gestionnaire ne voit que les personnes de son lieu.');
}

/** Listing everything (all passes, all visits): network-wide roles and integrations. */
export function requireNetworkReader(a: Actor): void {
  requireAuthenticated(a);
  if (isNetworkWide(a) || a.role === 'integration') return;
  throw new ForbiddenError('Précisez votre lieu (placeId) : un gestionnaire ne voit que les visites de son lieu.');
}

export function requireVisitWriter(a: Actor, hostPlaceId: string, homePlaceId: string): void {
  requireAuthenticated(a);
  if (isNetworkWide(a) || a.role === 'integration') return;
  if (a.role === 'manager' && (a.placeId === hostPlaceId || a.placeId === homePlaceId)) return;
  throw new ForbiddenError('Seuls les gestionnaires du lieu d’accueil ou du lieu d’attache peuvent enregistrer ou annuler cette visite.');
}

/** A place's visits, statement and ledger account: network-wide roles, or its own manager. */
export function requirePlaceReader(a: Actor, placeId: string, opts: { integration: boolean }): void {
  requireAuthenticated(a);
  if (isNetworkWide(a) || (opts.integration && a.role === 'integration')) return;
  if (a.role === 'manager' && a.placeId === placeId) return;
  throw new ForbiddenError('Un gestionnaire ne voit que les comptes et relevés de son propre lieu.');
}

/** Ledger entries of an account: admin for any account, a manager for its own place's. */
export function requireAccountReader(a: Actor, account: string | undefined): void {
  requireAuthenticated(a);
  if (isNetworkWide(a)) return;
  if (a.role === 'manager' && account === `place:${a.placeId}`) return;
  throw new ForbiddenError('Un gestionnaire ne voit que les écritures du compte de son lieu (account=place:<id>).');
}
