/**
 * Who may do what with contributions, their valuation and the coordinator's rotation.
 * The directory's role matrix lives in ../access.ts; this is the valuation part, in one place.
 *
 * | action                                        | manager                         | integration | admin |
 * |-----------------------------------------------|---------------------------------|-------------|-------|
 * | record / change / archive a contribution      | its own place's                 | yes         | yes   |
 * | list contributions                            | its own place's                 | yes         | yes   |
 * | valuation report of a year                    | its own place (placeId=own)     | no          | yes   |
 * | attestation de bénévolat of a person          | people of its own place, or     | no          | yes   |
 * |                                               | who gave time to its place      |             |       |
 * | valuation settings                            | no                              | no          | yes   |
 * | rotations, coordinator visits                 | no                              | no          | yes   |
 * Public callers get 401 everywhere.
 */
import type { Actor } from '../actor.js';
import { ForbiddenError } from '../errors.js';
import { requireAuthenticated } from '../access.js';

function isNetworkWide(a: Actor): boolean {
  return a.role === 'admin' || a.role === 'system';
}

export function requireContributionWriter(a: Actor, placeId: string): void {
  requireAuthenticated(a);
  if (isNetworkWide(a) || a.role === 'integration') return;
  if (a.role === 'manager' && a.placeId === placeId) return;
  throw new ForbiddenError('Un gestionnaire n’enregistre et ne modifie que les contributions de son propre lieu.');
}

/** The place a list is restricted to: a manager always sees only its own place's contributions. */
export function contributionListScope(a: Actor, placeId: string | undefined): string | undefined {
  requireAuthenticated(a);
  if (isNetworkWide(a) || a.role === 'integration') return placeId;
  if (a.role === 'manager' && (placeId === undefined || placeId === a.placeId)) return a.placeId;
  throw new ForbiddenError('Un gestionnaire ne voit que les contributions de son propre lieu.');
}

export function requireReportReader(a: Actor, placeId: string | undefined): void {
  requireAuthenticated(a);
  if (isNetworkWide(a)) return;
  if (a.role === 'manager' && placeId === a.placeId) return;
  throw new ForbiddenError(a.role === 'manager' ? 'Un gestionnaire ne voit que la valorisation de son propre lieu : ajoutez placeId=<votre lieu>.' : 'Réservé à l’administrateur du réseau et aux gestionnaires (pour leur lieu).');
}

/** An attestation: the admin, or a manager for a person of its place (home place, or a place the person gave to). */
export function requireAttestationReader(a: Actor, placeIds: readonly string[]): void {
  requireAuthenticated(a);
  if (isNetworkWide(a)) return;
  if (a.role === 'manager' && placeIds.includes(a.placeId)) return;
  throw new ForbiddenError('Un gestionnaire n’établit d’attestation que pour les bénévoles de son lieu.');
}
