/**
 * The procès-verbal of a closed proposal: everything a secretary signs, read from what the
 * close stored (the result is never recomputed here).
 */
import * as z from 'zod';
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { ConflictError } from '../errors.js';
import { readProposal } from './proposals.js';
import { listProxies, listVotes } from './proposal-store.js';
import { CHOICE_LABELS, DecisionResultSchema, OUTCOME_LABELS, RULE_LABELS, RoundSchema, VOTE_CHOICES, DECISION_RULES } from '../../../schemas/decision.js';

export const NETWORK_NAME = 'Réseau des tiers-lieux de Dordogne';

export const MinutesSchema = z
  .object({
    network: z.string(),
    proposal: z.object({ id: z.string(), title: z.string(), text: z.string(), rule: z.enum(DECISION_RULES), ruleLabel: z.string(), round: z.number().int() }),
    dates: z.object({ createdAt: z.string(), openedAt: z.string().optional(), closesAt: z.string(), closedAt: z.string() }),
    quorum: z.object({ share: z.number(), required: z.number().int() }),
    electorate: z.array(
      z.object({
        placeId: z.string(),
        placeName: z.string(),
        choice: z.enum(VOTE_CHOICES).optional(),
        choiceLabel: z.string().meta({ description: 'Pour, Contre, Abstention, Objection, ou « n’a pas voté »' }),
        comment: z.string().optional(),
        castBy: z.enum(['self', 'proxy', 'admin']).optional(),
        proxyTo: z.object({ placeId: z.string(), placeName: z.string() }).optional().meta({ description: 'Le lieu à qui ce lieu a donné procuration' }),
      }),
    ),
    result: DecisionResultSchema,
    outcomeLabel: z.string(),
    previousRounds: z.array(RoundSchema),
  })
  .meta({ id: 'Minutes' });
export type Minutes = z.infer<typeof MinutesSchema>;

/**
 * GET /v1/proposals/{id}/minutes. Primary course:
 * 1. read the proposal, settled with the clock (404 for an unknown id or a hidden draft);
 * 2. refuse before the close (409): the minutes record a result, not a vote in progress;
 * 3. list each elector with its vote (or none) and the proxy it gave, next to the stored counts.
 */
export async function buildMinutes(deps: Deps, actor: Actor, id: string): Promise<Minutes> {
  const p = await readProposal(deps, actor, id);
  if (p.status !== 'closed' || !p.result) throw new ConflictError('Le procès-verbal est établi à la clôture du vote : cette proposition n’est pas encore close.');
  const [votes, proxies] = await Promise.all([listVotes(deps, p), listProxies(deps, p)]);
  const names = new Map((p.electorate ?? []).map((e) => [e.placeId, e.placeName]));
  return {
    network: NETWORK_NAME,
    proposal: { id: p.id, title: p.title, text: p.text, rule: p.rule, ruleLabel: RULE_LABELS[p.rule], round: p.round },
    dates: { createdAt: p.createdAt, ...(p.openedAt ? { openedAt: p.openedAt } : {}), closesAt: p.closesAt, closedAt: p.result.closedAt },
    quorum: { share: p.quorumShare, required: p.result.quorumRequired },
    electorate: (p.electorate ?? []).map((e) => {
      const v = votes.find((x) => x.placeId === e.placeId);
      const proxy = proxies.find((x) => x.placeId === e.placeId);
      return {
        placeId: e.placeId,
        placeName: e.placeName,
        ...(v ? { choice: v.choice, castBy: v.by, ...(v.comment ? { comment: v.comment } : {}) } : {}),
        choiceLabel: v ? CHOICE_LABELS[v.choice] : 'n’a pas voté',
        ...(proxy ? { proxyTo: { placeId: proxy.to, placeName: names.get(proxy.to) ?? proxy.to } } : {}),
      };
    }),
    result: p.result,
    outcomeLabel: OUTCOME_LABELS[p.result.outcome],
    previousRounds: p.previousRounds ?? [],
  };
}
