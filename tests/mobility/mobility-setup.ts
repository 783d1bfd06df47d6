/** Places, people and tokens for the mobility tests, created through the API. */
import { expect } from 'vitest';
import { ADMIN, type TestContext } from '../support/harness.js';
import { personInput, placeInput } from '../support/fixtures.js';

let keyCounter = 0;
/** A fresh Idempotency-Key. */
export function newKey(): string {
  return `k-${process.pid}-${Date.now()}-${keyCounter++}`;
}

export async function createPlace(t: TestContext, overrides: Record<string, unknown> = {}): Promise<string> {
  const r = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput(overrides) });
  expect(r.status).toBe(201);
  return r.body.id;
}

export async function createPerson(t: TestContext, homePlaceId: string, displayName = 'Camille Test'): Promise<string> {
  const r = await t.call('POST', '/v1/people', { token: ADMIN, body: personInput(homePlaceId, { displayName }) });
  expect(r.status).toBe(201);
  return r.body.id;
}

export async function managerToken(t: TestContext, placeId: string): Promise<string> {
  const r = await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId } });
  expect(r.status).toBe(201);
  return r.body.token;
}

export async function integrationToken(t: TestContext): Promise<string> {
  const r = await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'integration' } });
  expect(r.status).toBe(201);
  return r.body.token;
}

export function postVisit(t: TestContext, body: Record<string, unknown>, opts: { token?: string; key?: string } = {}) {
  return t.call('POST', '/v1/visits', { token: opts.token ?? ADMIN, body, headers: { 'idempotency-key': opts.key ?? newKey() } });
}

export function postPass(t: TestContext, body: Record<string, unknown>, token = ADMIN) {
  return t.call('POST', '/v1/passes', { token, body });
}

/** Two places that accept visitors (capacity 5, preferential 10 €) and a closed one; one person at home in A. */
export async function createNetwork(t: TestContext) {
  const home = await createPlace(t, { name: 'La Fabrique' });
  const host = await createPlace(t, { name: 'La Gabare', mobility: { acceptsVisitors: true, dailyVisitorCapacity: 5, preferentialDayRateCents: 1000 } });
  const closed = await createPlace(t, { name: 'Le Moulin fermé', mobility: { acceptsVisitors: false, dailyVisitorCapacity: 5, preferentialDayRateCents: 1000 } });
  const person = await createPerson(t, home, 'Camille Martin');
  return { home, host, closed, person };
}

/** Sum of the balances of every account (must be 0). */
export function sumBalances(accounts: { balanceCents: number }[]): number {
  return accounts.reduce((s, a) => s + a.balanceCents, 0);
}
