/**
 * The result of a round, from the votes alone (pure: the close stores what this returns,
 * and the property test recomputes it from the stored votes).
 *
 * - participants: the places that voted (any choice, abstain included, by themselves or by proxy);
 * - quorum met when participants ≥ ceil(quorumShare × electorate);
 * - for the three majority rules an objection counts as a no; `simple`: yes > no;
 *   `absolute`: yes > participants / 2; `two_thirds`: yes ≥ 2/3 × (yes + no);
 * - `consent`: adopted when the quorum is met and no objection remains.
 * Nothing is adopted without at least one participant, and `two_thirds` needs at least one
 * yes (0 ≥ 2/3 × 0 would otherwise adopt a proposal everybody abstained on).
 */
import type { DecisionResult, DecisionRule, VoteChoice } from '../../../schemas/decision.js';

export interface ResultInput {
  rule: DecisionRule;
  quorumShare: number;
  electorate: number;
  /** One choice per place that voted. */
  choices: readonly VoteChoice[];
  closedAt: string;
}

/** ceil(share × n), immune to 0.1 × 30 = 3.0000000000000004. */
export function quorumRequired(share: number, electorate: number): number {
  return Math.max(0, Math.ceil(share * electorate - 1e-9));
}

export function computeResult(i: ResultInput): DecisionResult {
  const count = (c: VoteChoice) => i.choices.filter((x) => x === c).length;
  const yes = count('yes');
  const no = count('no');
  const abstain = count('abstain');
  const objection = count('objection');
  const participants = i.choices.length;
  const required = quorumRequired(i.quorumShare, i.electorate);
  const against = no + objection;
  let outcome: DecisionResult['outcome'];
  if (participants < required) outcome = 'no_quorum';
  else if (participants === 0) outcome = 'rejected';
  else {
    const adopted = {
      simple: () => yes > against,
      absolute: () => yes * 2 > participants,
      two_thirds: () => yes > 0 && yes * 3 >= 2 * (yes + against),
      consent: () => objection === 0,
    }[i.rule]();
    outcome = adopted ? 'adopted' : 'rejected';
  }
  return { outcome, electorate: i.electorate, participants, quorumRequired: required, yes, no, abstain, objection, closedAt: i.closedAt };
}
