/**
 * Invented collective decisions for `npm start`, dated relative to the day the demo is loaded:
 * - a closed, adopted decision (with its minutes at /v1/proposals/{id}/minutes?format=html);
 * - one that failed its quorum and went to a second call (open, a few votes in);
 * - an open consent proposal with an argued objection.
 * Written through the same use cases as the API, with the clock moved back where needed.
 */
import type { Deps } from '../../functions/domain/deps.js';
import type { Actor } from '../../functions/domain/actor.js';
import { createProposal, secondCall } from '../../functions/domain/decisions/proposals.js';
import { closeProposal } from '../../functions/domain/decisions/close-proposal.js';
import { castVote, giveProxy } from '../../functions/domain/decisions/votes.js';
import type { VoteChoice } from '../../schemas/decision.js';

const SEED_ADMIN: Actor = { role: 'system', id: 'seed:demo' };
const DAY_MS = 86_400_000;
const delegate = (placeId: string): Actor => ({ role: 'manager', id: 'seed:demo', placeId });

export async function loadDemoDecisions(deps: Deps): Promise<string[]> {
  const at = (days: number): Deps => ({ ...deps, now: () => new Date(deps.now().getTime() + days * DAY_MS) });
  const iso = (days: number) => new Date(deps.now().getTime() + days * DAY_MS).toISOString();
  const votes = async (d: Deps, id: string, placeIds: string[], choices: VoteChoice[], comments: Record<number, string> = {}) => {
    for (const [i, choice] of choices.entries()) {
      if (placeIds[i]) await castVote(d, delegate(placeIds[i]!), id, placeIds[i]!, { choice, ...(comments[i] ? { comment: comments[i] } : {}) });
    }
  };

  // 1. Adopted a month ago, one place voting by proxy.
  const adopted = await createProposal(at(-45), SEED_ADMIN, {
    title: 'Adhésion du réseau à la coopérative régionale des tiers-lieux',
    text: 'Le réseau adhère à la coopérative régionale des tiers-lieux de Nouvelle-Aquitaine (cotisation annuelle : 300 €), pour mutualiser les formations des gestionnaires et les achats groupés.',
    rule: 'simple',
    closesAt: iso(-30),
  });
  const electors = (adopted.electorate ?? []).map((e) => e.placeId);
  await giveProxy(at(-40), delegate(electors[6]!), adopted.id, electors[6]!, electors[0]!);
  await votes(at(-38), adopted.id, electors, ['yes', 'yes', 'yes', 'no', 'abstain', 'yes']);
  await castVote(at(-37), delegate(electors[0]!), adopted.id, electors[6]!, { choice: 'yes' });
  await closeProposal(at(-30), SEED_ADMIN, adopted.id, 'schedule');

  // 2. No quorum at the first call, second call open until next week.
  const insurance = await createProposal(at(-25), SEED_ADMIN, {
    title: 'Assurance responsabilité civile mutualisée',
    text: 'Le réseau souscrit un contrat d’assurance responsabilité civile commun à tous les lieux membres ; chaque lieu en rembourse sa part au prorata de sa surface.',
    rule: 'absolute',
    closesAt: iso(-12),
  });
  await votes(at(-20), insurance.id, electors, ['yes', 'no']);
  await closeProposal(at(-12), SEED_ADMIN, insurance.id, 'schedule');
  await secondCall(at(-10), SEED_ADMIN, insurance.id, { closesAt: iso(7) });
  await votes(at(-2), insurance.id, electors.slice(2), ['yes', 'yes', 'abstain']);

  // 3. Open consent proposal, one argued objection.
  const charter = await createProposal(at(-3), SEED_ADMIN, {
    title: 'Charte d’accueil des coworkers en mobilité',
    text: 'Chaque lieu membre accueille les coworkers des autres lieux aux mêmes conditions que ses propres adhérents, dans la limite de sa capacité déclarée.',
    rule: 'consent',
    closesAt: iso(10),
  });
  await votes(at(-1), charter.id, electors, ['yes', 'yes', 'objection', 'abstain'], {
    2: 'Notre lieu n’a que six postes : accueillir aux mêmes conditions sans réservation préalable priverait nos adhérents de place les jours de marché.',
  });
  return [adopted.id, insurance.id, charter.id];
}
