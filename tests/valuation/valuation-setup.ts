/** A small network for the valuation tests, created through the API. */
import { expect } from 'vitest';
import { ADMIN, type TestContext } from '../support/harness.js';
import { resourceInput } from '../support/fixtures.js';
import { createPerson, createPlace, managerToken } from '../mobility/mobility-setup.js';

export async function createValuationNetwork(t: TestContext) {
  const fabrique = await createPlace(t, { name: 'La Fabrique' });
  const gabare = await createPlace(t, { name: 'La Gabare', location: { lat: 44.853, lon: 0.483 } });
  const agnes = await createPerson(t, fabrique, 'Agnès Durand');
  const paul = await createPerson(t, gabare, 'Paul Martin');
  const room = await t.call('POST', '/v1/resources', {
    token: ADMIN,
    body: resourceInput(fabrique, { name: 'Grande salle', rates: [{ unit: 'day', amountCents: 12_000, audience: 'public' }, { unit: 'day', amountCents: 6000, audience: 'network' }, { unit: 'hour', amountCents: 1500, audience: 'member' }] }),
  });
  expect(room.status).toBe(201);
  return { fabrique, gabare, agnes, paul, room: room.body.id as string, fabriqueManager: await managerToken(t, fabrique) };
}

export async function postContribution(t: TestContext, body: Record<string, unknown>, token = ADMIN) {
  return t.call('POST', '/v1/contributions', { token, body });
}
