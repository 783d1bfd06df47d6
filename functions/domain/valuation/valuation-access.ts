/**
 * The valuation's access rules, over the one permission table (../permissions.ts:
 * `contribution.*`, `valuation.*`, `coordination.*`). Only the scoping of lists lives here.
 */
import type { Actor } from '../actor.js';
import { authorize } from '../permissions.js';

export function requireContributionWriter(a: Actor, placeId: string): void {
  authorize(a, 'contribution.write', placeId);
}

/** The place a list is restricted to: a manager always sees only its own place's contributions. */
export function contributionListScope(a: Actor, placeId: string | undefined): string | undefined {
  const scoped = a.role === 'manager' ? (placeId ?? a.placeId) : placeId;
  authorize(a, 'contribution.read', scoped);
  return scoped;
}

export function requireContributionReader(a: Actor, placeId: string): void {
  authorize(a, 'contribution.read', placeId);
}

export function requireReportReader(a: Actor, placeId: string | undefined): void {
  authorize(a, 'valuation.report.read', placeId);
}

/** An attestation: a manager for a person of its place (home place, or a place the person gave to). */
export function requireAttestationReader(a: Actor, placeIds: readonly string[]): void {
  authorize(a, 'valuation.attestation.read', ...placeIds);
}
