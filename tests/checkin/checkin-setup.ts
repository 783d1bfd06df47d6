/** Hosts, people and helpers for the reservation and check-in tests, through the API. */
import { expect } from 'vitest';
import { ADMIN, type TestContext } from '../support/harness.js';
import { createPerson, createPlace, newKey } from '../mobility/mobility-setup.js';

export const TODAY = '2026-12-01';
export const TOMORROW = '2026-12-02';
/** 10:00 in Paris on TODAY. */
export const NOW = '2026-12-01T09:00:00Z';

export function postReservation(t: TestContext, body: Record<string, unknown>, opts: { token?: string; key?: string } = {}) {
  return t.call('POST', '/v1/reservations', { token: opts.token ?? ADMIN, body, headers: { 'idempotency-key': opts.key ?? newKey() } });
}

/** A home place, a host with `capacity` places (Le Chai), and a person at home. */
export async function createHostAndPerson(t: TestContext, opts: { capacity?: number; hostMobility?: Record<string, unknown> } = {}) {
  const home = await createPlace(t, { name: 'La Fabrique', mobility: undefined });
  const host = await createPlace(t, { name: 'Le Chai', mobility: { acceptsVisitors: true, dailyVisitorCapacity: opts.capacity ?? 5, preferentialDayRateCents: 1000, ...opts.hostMobility } });
  const person = await createPerson(t, home, 'Camille Martin');
  return { home, host, person };
}

export async function availabilityOf(t: TestContext, placeId: string, date: string) {
  const r = await t.call('GET', `/v1/availability?date=${date}&placeId=${placeId}`);
  expect(r.status).toBe(200);
  expect(r.body.items).toHaveLength(1);
  return r.body.items[0] as { capacity: number; taken: number; remaining: number };
}

/** The journal entries that name a visit (admin view of the host's account). */
export async function entriesOfVisit(t: TestContext, hostId: string, visitId: string) {
  const r = await t.call('GET', `/v1/ledger/entries?account=place:${hostId}&from=2026-01&to=2026-12`, { token: ADMIN });
  expect(r.status).toBe(200);
  return (r.body.items as { visitId?: string; kind: string }[]).filter((e) => e.visitId === visitId);
}

export async function passUsage(t: TestContext, personId: string, period: string): Promise<number> {
  const r = await t.call('GET', `/v1/passes?personId=${personId}`, { token: ADMIN });
  expect(r.status).toBe(200);
  return (r.body.items as { usage: { period: string; usedDays: number }[] }[]).flatMap((p) => p.usage).filter((u) => u.period === period).reduce((s, u) => s + u.usedDays, 0);
}
