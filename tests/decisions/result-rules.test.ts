/** The result rules, each with its edge cases (pure computation; the API tests check it is what gets stored). */
import { describe, expect, it } from 'vitest';
import { computeResult, quorumRequired } from '../../functions/domain/decisions/compute-result.js';
import type { DecisionRule, VoteChoice } from '../../schemas/decision.js';

const AT = '2026-12-01T10:00:00.000Z';
function result(rule: DecisionRule, electorate: number, choices: VoteChoice[], quorumShare = 0.5) {
  return computeResult({ rule, quorumShare, electorate, choices, closedAt: AT });
}
const many = (n: number, c: VoteChoice) => Array<VoteChoice>(n).fill(c);

describe('quorum', () => {
  it('is ceil(quorumShare × electorate), without floating-point surprises', () => {
    expect(quorumRequired(0.5, 10)).toBe(5);
    expect(quorumRequired(0.5, 9)).toBe(5);
    expect(quorumRequired(0.1, 30)).toBe(3); // 0.1 × 30 = 3.0000000000000004 in floating point
    expect(quorumRequired(0, 12)).toBe(0);
    expect(quorumRequired(1, 12)).toBe(12);
  });

  it('exactly at quorum is met; one below is no_quorum', () => {
    expect(result('simple', 10, [...many(3, 'yes'), ...many(2, 'no')]).outcome).toBe('adopted');
    const below = result('simple', 10, [...many(3, 'yes'), 'no']);
    expect(below).toMatchObject({ outcome: 'no_quorum', participants: 4, quorumRequired: 5 });
  });

  it('abstentions count as participants for the quorum', () => {
    expect(result('simple', 10, [...many(4, 'abstain'), 'yes'])).toMatchObject({ outcome: 'adopted', participants: 5, abstain: 4, yes: 1 });
  });

  it('a quorum of 0 (second call) still needs one participant to adopt anything', () => {
    expect(result('consent', 10, [], 0)).toMatchObject({ outcome: 'rejected', participants: 0, quorumRequired: 0 });
    expect(result('simple', 10, ['yes'], 0).outcome).toBe('adopted');
  });
});

describe('simple majority: yes > no (objections count as no)', () => {
  it('a tie is rejected', () => expect(result('simple', 4, ['yes', 'yes', 'no', 'no']).outcome).toBe('rejected'));
  it('one more yes adopts', () => expect(result('simple', 4, ['yes', 'yes', 'no', 'abstain']).outcome).toBe('adopted'));
  it('an objection weighs as a no', () => expect(result('simple', 4, ['yes', 'yes', 'no', 'objection']).outcome).toBe('rejected'));
  it('all abstain is rejected', () => expect(result('simple', 4, many(4, 'abstain'))).toMatchObject({ outcome: 'rejected', participants: 4, yes: 0 }));
});

describe('absolute majority: yes > participants / 2', () => {
  it('half of the participants is not enough', () => expect(result('absolute', 6, ['yes', 'yes', 'yes', 'abstain', 'abstain', 'no']).outcome).toBe('rejected'));
  it('more than half adopts even with abstentions around', () => expect(result('absolute', 7, ['yes', 'yes', 'yes', 'yes', 'abstain', 'abstain', 'no']).outcome).toBe('adopted'));
  it('abstentions weigh against, unlike the simple rule', () => {
    const votes: VoteChoice[] = ['yes', 'yes', 'no', 'abstain', 'abstain'];
    expect(result('simple', 5, votes).outcome).toBe('adopted');
    expect(result('absolute', 5, votes).outcome).toBe('rejected');
  });
  it('all abstain is rejected', () => expect(result('absolute', 3, many(3, 'abstain')).outcome).toBe('rejected'));
});

describe('two thirds: yes ≥ 2/3 × (yes + no)', () => {
  it('exactly two thirds adopts', () => expect(result('two_thirds', 3, ['yes', 'yes', 'no']).outcome).toBe('adopted'));
  it('just under two thirds is rejected', () => expect(result('two_thirds', 8, [...many(5, 'yes'), ...many(3, 'no')]).outcome).toBe('rejected'));
  it('abstentions are left out of the ratio', () => expect(result('two_thirds', 6, ['yes', 'yes', 'no', 'abstain', 'abstain', 'abstain']).outcome).toBe('adopted'));
  it('an objection counts as a no', () => expect(result('two_thirds', 3, ['yes', 'yes', 'objection']).outcome).toBe('adopted'));
  it('an objection can tip it', () => expect(result('two_thirds', 4, ['yes', 'yes', 'no', 'objection']).outcome).toBe('rejected'));
  it('all abstain is rejected (no yes at all)', () => expect(result('two_thirds', 3, many(3, 'abstain')).outcome).toBe('rejected'));
});

describe('consent: adopted when the quorum is met and no objection remains', () => {
  it('no votes against an objection: one objection blocks', () => expect(result('consent', 4, ['yes', 'yes', 'yes', 'objection'])).toMatchObject({ outcome: 'rejected', objection: 1 }));
  it('plain no votes do not block consent', () => expect(result('consent', 4, ['yes', 'no', 'no', 'abstain']).outcome).toBe('adopted'));
  it('a withdrawn objection (changed to yes) lets it pass', () => expect(result('consent', 4, ['yes', 'yes', 'yes', 'yes']).outcome).toBe('adopted'));
  it('all abstain, quorum met, no objection: adopted (nobody objects)', () => expect(result('consent', 4, many(4, 'abstain')).outcome).toBe('adopted'));
  it('without the quorum it is no_quorum even without objection', () => expect(result('consent', 10, ['yes', 'yes']).outcome).toBe('no_quorum'));
});

describe('the counts', () => {
  it('carry the electorate, participants, each choice and the close time', () => {
    expect(result('simple', 12, ['yes', 'no', 'abstain', 'objection', 'yes', 'yes'])).toEqual({
      outcome: 'adopted', electorate: 12, participants: 6, quorumRequired: 6, yes: 3, no: 1, abstain: 1, objection: 1, closedAt: AT,
    });
  });
});
