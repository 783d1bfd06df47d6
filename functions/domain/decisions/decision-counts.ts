/**
 * Decisions taken, counted for the public figures (`/stats`): closed proposals per month of
 * their close (Paris day) and outcome. Counts only: no title, vote or voter leaves here.
 * A proposal closed without quorum and called again counts once, with its latest result.
 */
import type { Deps } from '../deps.js';
import { parisDay } from '../events/paris-time.js';
import { listClosedProposalItems } from '../../../integrations/dynamodb/decision-repository.js';
import { OUTCOMES, StoredProposalSchema, type Outcome } from '../../../schemas/decision.js';

export type DecisionCounts = Record<Outcome, number[]>;

/** One count per month of `months` ('YYYY-MM', oldest first) and outcome. */
export async function decisionCountsByMonth(deps: Deps, months: string[]): Promise<DecisionCounts> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, months.map(() => 0)])) as DecisionCounts;
  for (const raw of await listClosedProposalItems(deps.table)) {
    const p = StoredProposalSchema.parse(raw);
    if (p.status !== 'closed' || !p.result) continue;
    const i = months.indexOf(parisDay(new Date(p.result.closedAt)).slice(0, 7));
    if (i >= 0) counts[p.result.outcome][i]!++;
  }
  return counts;
}
