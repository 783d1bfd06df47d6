/**
 * Property: for random electorates, votes (by the place, its proxy holder, the admin, or a place
 * outside the electorate), proxies and rules, the result stored at the close equals a direct
 * recomputation from what was accepted, the stored votes are exactly those, and participants
 * never exceed the electorate. Votes and proxies go through the real use cases on DynamoDB Local;
 * the proposals are written with a random electorate directly (the directory is not the subject).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestContext, type TestContext } from '../support/harness.js';
import { NOW } from './decision-setup.js';
import type { Actor } from '../../functions/domain/actor.js';
import { AppError } from '../../functions/domain/errors.js';
import { castVote, giveProxy } from '../../functions/domain/decisions/votes.js';
import { closeProposal } from '../../functions/domain/decisions/close-proposal.js';
import { putNewProposalItem } from '../../integrations/dynamodb/decision-repository.js';
import { DECISION_RULES, VOTE_CHOICES, type StoredProposal, type VoteChoice } from '../../schemas/decision.js';

const ADMIN_ACTOR: Actor = { role: 'admin', id: 'admin' };
const POOL = Array.from({ length: 7 }, (_, i) => `P${i}`);
const manager = (placeId: string): Actor => ({ role: 'manager', id: `tok-${placeId}`, placeId });
const COMMENT = 'Objection argumentée : le texte doit être revu.';

type Op =
  | { kind: 'vote'; place: number; choice: VoteChoice; as: 'self' | 'admin' | 'other'; other: number }
  | { kind: 'proxy'; from: number; to: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('vote' as const), place: fc.nat(POOL.length * 4), choice: fc.constantFrom(...VOTE_CHOICES), as: fc.constantFrom('self' as const, 'self' as const, 'self' as const, 'admin' as const, 'other' as const), other: fc.nat(POOL.length - 1) }),
  fc.record({ kind: fc.constant('proxy' as const), from: fc.nat(POOL.length - 1), to: fc.nat(POOL.length - 1) }),
);

/** The oracle: the rules of the issue, written again without the production code. */
function expected(rule: string, share: number, electorate: number, choices: VoteChoice[]) {
  const n = (c: VoteChoice) => choices.filter((x) => x === c).length;
  const [yes, no, abstain, objection] = [n('yes'), n('no'), n('abstain'), n('objection')];
  const participants = choices.length;
  let required = 0;
  while (required < share * electorate - 1e-9) required++;
  let outcome = 'no_quorum';
  if (participants >= required) {
    const against = no + objection;
    const adopted =
      participants > 0 &&
      (rule === 'simple' ? yes > against : rule === 'absolute' ? yes > participants / 2 : rule === 'two_thirds' ? yes > 0 && yes / (yes + against) >= 2 / 3 - 1e-12 : objection === 0);
    outcome = adopted ? 'adopted' : 'rejected';
  }
  return { outcome, electorate, participants, quorumRequired: required, yes, no, abstain, objection };
}

let t: TestContext;
let counter = 0;

beforeAll(async () => {
  t = await createTestContext({ now: NOW });
});

describe('stored results', () => {
  it('equal a direct recomputation from the accepted votes; participants ≤ electorate', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(POOL, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...DECISION_RULES),
        fc.constantFrom(0, 0.25, 0.5, 2 / 3, 1),
        fc.array(opArb, { minLength: 2, maxLength: 8 }),
        async (electorateIds, rule, quorumShare, ops) => {
          const id = `PROP${process.pid}X${counter++}`;
          const at = NOW;
          const p: StoredProposal = {
            id, title: 'Propriété', text: 'Texte', rule, quorumShare, status: 'open', round: 1, openedAt: at, closesAt: '2026-12-08T18:00:00.000Z',
            electorate: electorateIds.map((placeId) => ({ placeId, placeName: `Lieu ${placeId}` })), authorActor: 'admin', createdAt: at, updatedAt: at, version: 1,
          };
          await putNewProposalItem(t.deps.table, p, []);
          const inElectorate = new Set(electorateIds);
          // The model: each place's accepted vote and whether it was cast by its proxy holder.
          const model = new Map<string, { choice: VoteChoice; byProxy: boolean }>();
          const proxies = new Map<string, string>();
          for (const op of ops) {
            try {
              if (op.kind === 'proxy') {
                const [from, to] = [POOL[op.from]!, POOL[op.to]!];
                await giveProxy(t.deps, ADMIN_ACTOR, id, from, to);
                proxies.set(from, to);
                continue;
              }
              // Mostly electors; now and then a place outside the electorate (the last index).
              const place = op.place === POOL.length * 4 ? POOL.find((x) => !inElectorate.has(x)) ?? 'OUTSIDER' : electorateIds[op.place % electorateIds.length]!;
              const actor = op.as === 'admin' ? ADMIN_ACTOR : manager(op.as === 'self' ? place : POOL[op.other]!);
              const comment = op.choice === 'objection' ? COMMENT : undefined;
              const vote = await castVote(t.deps, actor, id, place, { choice: op.choice, comment });
              model.set(place, { choice: op.choice, byProxy: vote.by === 'proxy' });
              // Invariants of acceptance: inside the electorate; a proxy vote only from the holder and never over an own vote.
              expect(inElectorate.has(place)).toBe(true);
              if (vote.by === 'proxy') expect(proxies.get(place)).toBe(POOL[op.other]);
            } catch (err) {
              if (!(err instanceof AppError) || err.status >= 500) throw err;
              if (op.kind === 'vote' && op.as === 'self' && op.place < POOL.length * 4) throw err; // a place's own vote is never refused while open
            }
          }
          const closed = await closeProposal(t.deps, ADMIN_ACTOR, id, 'admin');
          const choices = [...model.values()].map((v) => v.choice);
          expect(closed.result).toEqual({ ...expected(rule, quorumShare, electorateIds.length, choices), closedAt: closed.result!.closedAt });
          expect(closed.result!.participants).toBeLessThanOrEqual(closed.result!.electorate);
          // Each proxy holder holds at most maxProxiesPerPlace (1) and never gave its own.
          const held = new Map<string, number>();
          for (const to of proxies.values()) held.set(to, (held.get(to) ?? 0) + 1);
          for (const [holder, n] of held) {
            expect(n).toBeLessThanOrEqual(1);
            expect(proxies.has(holder)).toBe(false);
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 240_000);
});
