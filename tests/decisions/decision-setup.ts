/** Member places, tokens and proposals for the decision tests, created through the API. */
import { expect } from 'vitest';
import { ADMIN, type TestContext } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';

export const IN_A_WEEK = '2026-12-08T18:00:00.000Z';
export const NOW = '2026-12-01T09:00:00.000Z';

export async function createPlace(t: TestContext, name: string, membership = 'member'): Promise<string> {
  const r = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name, membership }) });
  expect(r.status).toBe(201);
  return r.body.id;
}

export async function managerToken(t: TestContext, placeId: string): Promise<string> {
  const r = await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId } });
  expect(r.status).toBe(201);
  return r.body.token;
}

/** `n` member places with their manager tokens, and one candidate place (not in any electorate). */
export async function createMembers(t: TestContext, n: number, prefix = 'Lieu') {
  const members: { id: string; token: string; name: string }[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${prefix} ${String(i + 1).padStart(2, '0')}`;
    const id = await createPlace(t, name);
    members.push({ id, token: await managerToken(t, id), name });
  }
  const candidateId = await createPlace(t, `${prefix} candidat`, 'candidate');
  return { members, candidate: { id: candidateId, token: await managerToken(t, candidateId) } };
}

export async function createProposal(t: TestContext, body: Record<string, unknown> = {}, token = ADMIN) {
  return t.call('POST', '/v1/proposals', { token, body: { title: 'Adhésion au réseau régional', text: 'Le réseau adhère au réseau régional des tiers-lieux.', closesAt: IN_A_WEEK, ...body } });
}

export async function openProposal(t: TestContext, body: Record<string, unknown> = {}): Promise<string> {
  const r = await createProposal(t, body);
  expect(r.status).toBe(201);
  expect(r.body.status).toBe('open');
  return r.body.id;
}

export function vote(t: TestContext, proposalId: string, placeId: string, choice: string, token: string, comment?: string) {
  return t.call('PUT', `/v1/proposals/${proposalId}/votes/${placeId}`, { token, body: { choice, ...(comment ? { comment } : {}) } });
}

export function proxy(t: TestContext, proposalId: string, placeId: string, to: string, token: string) {
  return t.call('PUT', `/v1/proposals/${proposalId}/proxies/${placeId}`, { token, body: { to } });
}

export const OBJECTION_TEXT = 'Le coût de l’adhésion n’a pas été discuté en assemblée.';
