/**
 * Collective decisions: governance settings, proposals, votes, proxies and the stored result.
 * One member place, one vote; see functions/domain/decisions/ for the rules.
 */
import * as z from 'zod';
import { IdSchema, TimestampSchema } from './common.js';

export const DECISION_RULES = ['simple', 'absolute', 'two_thirds', 'consent'] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];
export const RULE_LABELS: Record<DecisionRule, string> = {
  simple: 'majorité simple',
  absolute: 'majorité absolue des votants',
  two_thirds: 'majorité des deux tiers',
  consent: 'consentement (sans objection)',
};

export const VOTE_CHOICES = ['yes', 'no', 'abstain', 'objection'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
export const CHOICE_LABELS: Record<VoteChoice, string> = { yes: 'Pour', no: 'Contre', abstain: 'Abstention', objection: 'Objection' };

export const PROPOSAL_STATUSES = ['draft', 'open', 'closed'] as const;
export const OUTCOMES = ['adopted', 'rejected', 'no_quorum'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = { adopted: 'Adoptée', rejected: 'Rejetée', no_quorum: 'Quorum non atteint' };

/** An objection is argued: this many characters at least. */
export const OBJECTION_MIN_CHARS = 20;

const ShareSchema = z.number().min(0, 'une part entre 0 et 1 est attendue').max(1, 'une part entre 0 et 1 est attendue');

export const GovernanceSettingsInputSchema = z
  .strictObject({
    quorumShare: ShareSchema.default(0.5).meta({ description: 'Part de l’électorat qui doit participer (0..1)' }),
    defaultRule: z.enum(DECISION_RULES).default('simple').meta({ description: 'Règle par défaut des nouvelles propositions' }),
    maxProxiesPerPlace: z.number().int().min(0).max(50).default(1).meta({ description: 'Nombre de procurations qu’un lieu peut détenir' }),
    secondCallQuorumShare: ShareSchema.default(0).meta({ description: 'Quorum de la seconde convocation (0 : pas de quorum)' }),
  })
  .meta({ id: 'GovernanceSettingsInput' });
export type GovernanceSettingsInput = z.infer<typeof GovernanceSettingsInputSchema>;

export const GovernanceSettingsSchema = z
  .object({
    quorumShare: ShareSchema,
    defaultRule: z.enum(DECISION_RULES),
    maxProxiesPerPlace: z.number().int().min(0),
    secondCallQuorumShare: ShareSchema,
    updatedAt: TimestampSchema.optional(),
    updatedBy: z.string().optional(),
  })
  .meta({ id: 'GovernanceSettings' });
export type GovernanceSettings = z.infer<typeof GovernanceSettingsSchema>;
export const DEFAULT_GOVERNANCE_SETTINGS: GovernanceSettings = { quorumShare: 0.5, defaultRule: 'simple', maxProxiesPerPlace: 1, secondCallQuorumShare: 0 };

export const ProposalInputSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    text: z.string().trim().min(1).max(20_000),
    rule: z.enum(DECISION_RULES).optional().meta({ description: 'Par défaut : la règle par défaut des réglages au moment de la création' }),
    quorumShare: ShareSchema.optional().meta({ description: 'Par défaut : le quorum des réglages' }),
    closesAt: TimestampSchema.meta({ description: 'Clôture du vote (date et heure avec fuseau)' }),
    opensAt: TimestampSchema.optional().meta({ description: 'Ouverture différée (administrateur) ; sinon ouverte tout de suite' }),
    draft: z.boolean().optional().meta({ description: 'true : brouillon, ouvert plus tard par POST /v1/proposals/{id}/open' }),
  })
  .refine((p) => !p.opensAt || Date.parse(p.opensAt) < Date.parse(p.closesAt), { path: ['opensAt'], message: 'l’ouverture doit précéder la clôture' })
  .meta({ id: 'ProposalInput' });
export type ProposalInput = z.infer<typeof ProposalInputSchema>;

export const ElectorSchema = z.object({ placeId: IdSchema, placeName: z.string() }).meta({ id: 'Elector' });
export type Elector = z.infer<typeof ElectorSchema>;

export const DecisionResultSchema = z
  .object({
    outcome: z.enum(OUTCOMES),
    electorate: z.number().int().min(0),
    participants: z.number().int().min(0),
    quorumRequired: z.number().int().min(0),
    yes: z.number().int().min(0),
    no: z.number().int().min(0),
    abstain: z.number().int().min(0),
    objection: z.number().int().min(0),
    closedAt: TimestampSchema,
  })
  .meta({ id: 'DecisionResult' });
export type DecisionResult = z.infer<typeof DecisionResultSchema>;

export const VOTE_CHANNELS = ['token', 'link', 'admin'] as const;
export type VoteChannel = (typeof VOTE_CHANNELS)[number];

/** A stored vote of one place in one round. `by`: the place itself (own token or link), its proxy holder, or the admin (paper ballot). */
export const VoteSchema = z
  .object({
    placeId: IdSchema,
    choice: z.enum(VOTE_CHOICES),
    comment: z.string().optional(),
    by: z.enum(['self', 'proxy', 'admin']),
    proxyPlaceId: IdSchema.optional().meta({ description: 'Le lieu qui a voté par procuration' }),
    channel: z.enum(VOTE_CHANNELS),
    actor: z.string(),
    at: TimestampSchema,
  })
  .meta({ id: 'Vote' });
export type Vote = z.infer<typeof VoteSchema>;

export const ProxySchema = z.object({ placeId: IdSchema, to: IdSchema, at: TimestampSchema, actor: z.string() }).meta({ id: 'Proxy' });
export type Proxy = z.infer<typeof ProxySchema>;

/** One earlier round (a first call that missed its quorum). */
export const RoundSchema = z.object({ round: z.number().int().min(1), quorumShare: ShareSchema, openedAt: TimestampSchema, closesAt: TimestampSchema, result: DecisionResultSchema });

/** The proposal as stored (one item; votes and proxies are items of their own). */
export const StoredProposalSchema = z.object({
  id: IdSchema,
  title: z.string(),
  text: z.string(),
  rule: z.enum(DECISION_RULES),
  quorumShare: ShareSchema,
  status: z.enum(PROPOSAL_STATUSES),
  /** `closing`: votes are refused while the result is computed (only between two writes of the close). */
  closing: z.boolean().optional(),
  round: z.number().int().min(1),
  opensAt: TimestampSchema.optional(),
  openedAt: TimestampSchema.optional(),
  closesAt: TimestampSchema,
  electorate: z.array(ElectorSchema).optional(),
  result: DecisionResultSchema.optional(),
  previousRounds: z.array(RoundSchema).optional(),
  authorActor: z.string(),
  authorPlaceId: IdSchema.optional(),
  ballotGeneration: z.number().int().min(0).optional(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int().min(1),
});
export type StoredProposal = z.infer<typeof StoredProposalSchema>;

export const ProposalSchema = StoredProposalSchema.omit({ authorActor: true, closing: true, ballotGeneration: true })
  .extend({
    electorate: z.array(ElectorSchema),
    votedCount: z.number().int().min(0),
    votes: z.array(VoteSchema).optional().meta({ description: 'Le vote de chaque lieu, une fois la proposition close' }),
    proxies: z.array(ProxySchema).optional(),
  })
  .meta({ id: 'Proposal' });
export type Proposal = z.infer<typeof ProposalSchema>;

export const ProposalQuerySchema = z.strictObject({ status: z.enum(PROPOSAL_STATUSES).optional() });
export const DecisionQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  year: z.string().regex(/^\d{4}$/, 'une année sur 4 chiffres est attendue').optional(),
});

export const VoteInputSchema = z
  .strictObject({
    choice: z.enum(VOTE_CHOICES),
    comment: z.string().trim().max(2000).optional(),
  })
  .refine((v) => v.choice !== 'objection' || (v.comment ?? '').length >= OBJECTION_MIN_CHARS, {
    path: ['comment'],
    message: `une objection s’argumente : ${OBJECTION_MIN_CHARS} caractères au moins`,
  })
  .meta({ id: 'VoteInput' });
export type VoteInput = z.infer<typeof VoteInputSchema>;

export const ProxyInputSchema = z.strictObject({ to: IdSchema.meta({ description: 'Le lieu membre qui reçoit la procuration' }) }).meta({ id: 'ProxyInput' });
export const SecondCallInputSchema = z.strictObject({ closesAt: TimestampSchema }).meta({ id: 'SecondCallInput' });

export const BallotListSchema = z.object({ items: z.array(z.object({ placeId: IdSchema, placeName: z.string(), url: z.string() })) }).meta({ id: 'BallotList' });
