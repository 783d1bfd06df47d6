/**
 * Mobility's helpers over the one permission table (`../permissions.ts`), kept for
 * their callers. No rule lives here: each one names its action in the table.
 */
import type { Actor } from '../actor.js';
import { authorize } from '../permissions.js';

export function requirePassSeller(a: Actor, homePlaceId: string): void {
  authorize(a, 'pass.sell', homePlaceId);
}

/** Reading a person's passes or visits: network-wide roles, or the manager of the person's home place. */
export function requirePersonReader(a: Actor, homePlaceId: string): void {
  authorize(a, 'person.mobility.read', homePlaceId);
}

/** Listing everything (all passes, all visits): network-wide roles and integrations. */
export function requireNetworkReader(a: Actor): void {
  authorize(a, 'mobility.network.read');
}

export function requireVisitWriter(a: Actor, hostPlaceId: string, homePlaceId: string): void {
  authorize(a, 'visit.write', hostPlaceId, homePlaceId);
}

/** A place's visits (integrations too) or its statement (not integrations). */
export function requirePlaceReader(a: Actor, placeId: string, opts: { integration: boolean }): void {
  authorize(a, opts.integration ? 'visit.list.place' : 'statement.read', placeId);
}

/** Ledger entries of an account: admin for any account, a manager for its own place's. */
export function requireAccountReader(a: Actor, account: string | undefined): void {
  authorize(a, 'ledger.account.read', account?.startsWith('place:') ? account.slice('place:'.length) : undefined);
}
