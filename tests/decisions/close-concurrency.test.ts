/**
 * Votes of 30 places arriving at once while the proposal closes: every vote is either counted in
 * the stored result or refused with 409, and the stored counts equal the stored votes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createPlace, NOW } from './decision-setup.js';
import { listVoteItems } from '../../integrations/dynamodb/decision-repository.js';

let t: TestContext;
let places: string[];
const CHOICES = ['yes', 'no', 'abstain', 'yes', 'no'];

beforeAll(async () => {
  t = await createTestContext({ now: NOW });
  places = [];
  for (let batch = 0; batch < 6; batch++) places.push(...(await Promise.all(Array.from({ length: 5 }, (_, i) => createPlace(t, `Lieu ${batch * 5 + i + 1}`)))));
});

describe('closing while votes arrive', () => {
  it('30 simultaneous votes and a close: each vote counted or 409, stored counts = stored votes', async () => {
    const created = await t.call('POST', '/v1/proposals', { token: ADMIN, body: { title: 'Budget 2027', text: 'Adoption du budget.', closesAt: '2026-12-08T18:00:00Z', quorumShare: 0.2 } });
    expect(created.body.electorate).toHaveLength(30);
    const id = created.body.id;
    const choiceOf = (i: number) => CHOICES[i % CHOICES.length]!;
    const castVote = (placeId: string, i: number) => t.call('PUT', `/v1/proposals/${id}/votes/${placeId}`, { token: ADMIN, body: { choice: choiceOf(i) } });

    // The first eight are in before the close starts; the 22 others race it.
    const early = await Promise.all(places.slice(0, 8).map((p, i) => castVote(p, i)));
    const racing = places.slice(8).map((p, i) => castVote(p, i + 8));
    const close = t.call('POST', `/v1/proposals/${id}/close`, { token: ADMIN });
    const answers = [...early, ...(await Promise.all(racing))];
    const closed = await close;

    expect(closed.status).toBe(200);
    for (const a of answers) expect([200, 409]).toContain(a.status);
    const accepted = answers.flatMap((a, i) => (a.status === 200 ? [i] : []));
    expect(accepted.length).toBeGreaterThanOrEqual(8);

    const stored = await listVoteItems(t.deps.table, id, 1);
    expect(stored.map((v) => v.placeId).sort()).toEqual(accepted.map((i) => places[i]).sort());
    const count = (c: string) => stored.filter((v) => v.choice === c).length;
    const result = closed.body.result;
    expect(result).toMatchObject({ participants: stored.length, yes: count('yes'), no: count('no'), abstain: count('abstain'), objection: 0, electorate: 30 });
    expect(result.participants).toBe(accepted.length);
    // Read back later: the same stored result, the same votes.
    const again = await t.call('GET', `/v1/proposals/${id}`);
    expect(again.body.result).toEqual(result);
    expect(again.body.votes).toHaveLength(accepted.length);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.detail).toMatch(/clos/);
  }, 180_000);
});
