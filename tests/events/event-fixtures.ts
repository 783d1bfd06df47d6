/** Fixtures of the events tests: a valid event input with overrides, and a seeded network. */
import { ADMIN, type TestContext } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';

export function eventInput(placeId: string, overrides: Record<string, unknown> = {}) {
  return {
    placeId,
    title: 'Atelier réparation de vélos',
    description: 'Venez réparer votre vélo avec les bénévoles de l’atelier.',
    startsAt: '2026-06-12T18:30',
    endsAt: '2026-06-12T21:00',
    priceCents: 0,
    tags: ['vélo', 'réparation'],
    ...overrides,
  };
}

export async function createPlace(t: TestContext, overrides: Record<string, unknown> = {}): Promise<string> {
  const r = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput(overrides) });
  if (r.status !== 201) throw new Error(`place not created: ${r.text}`);
  return r.body.id as string;
}

export async function managerToken(t: TestContext, placeId: string): Promise<string> {
  const r = await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId } });
  if (r.status !== 201) throw new Error(`token not created: ${r.text}`);
  return r.body.token as string;
}

export async function createEventViaApi(t: TestContext, placeId: string, overrides: Record<string, unknown> = {}, token = ADMIN) {
  const r = await t.call('POST', '/v1/events', { token, body: eventInput(placeId, overrides) });
  if (r.status !== 201) throw new Error(`event not created: ${r.status} ${r.text}`);
  return r.body;
}
