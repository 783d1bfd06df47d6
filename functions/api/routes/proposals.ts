import { Hono, type Context } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readJson, readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import {
  BallotListSchema,
  DecisionQuerySchema,
  ProposalInputSchema,
  ProposalQuerySchema,
  ProposalSchema,
  ProxyInputSchema,
  ProxySchema,
  SecondCallInputSchema,
  VoteInputSchema,
  VoteSchema,
} from '../../../schemas/decision.js';
import { createProposal, getProposal, listDecisions, listProposals, presentProposal, secondCall } from '../../domain/decisions/proposals.js';
import { openProposal } from '../../domain/decisions/open-proposal.js';
import { closeProposal } from '../../domain/decisions/close-proposal.js';
import { authorize } from '../../domain/permissions.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import { castVote, giveProxy } from '../../domain/decisions/votes.js';
import { issueBallots } from '../../domain/decisions/ballots.js';
import { buildMinutes, MinutesSchema } from '../../domain/decisions/minutes.js';
import { errorPage, pageResponse } from '../pages/layout.js';
import { minutesPage } from '../pages/minutes-page.js';
import { signedLinkGuard } from '../pages/signed-link-guard.js';

const TAG = 'Décisions';
export const proposalRoutes = new Hono<AppEnv>();

/** Proposals change with every vote and close on the first read after their closing time: never cached. */
const fresh = (c: Context<AppEnv>) => c.header('Cache-Control', 'no-store');

documentRoute({ method: 'post', path: '/v1/proposals', tag: TAG, access: 'writer', actions: ['proposal.submit'], summary: 'Créer une proposition (administrateur : ouverte tout de suite sauf brouillon ou ouverture différée ; gestionnaire : brouillon)', body: ProposalInputSchema, responses: { 201: { description: 'Créée', schema: ProposalSchema } } });
proposalRoutes.post('/proposals', async (c) => {
  const p = await createProposal(c.var.deps, c.var.actor, await readJson(c, ProposalInputSchema));
  c.header('Location', `/v1/proposals/${p.id}`);
  return c.json(await presentProposal(c.var.deps, p), 201);
});

documentRoute({ method: 'get', path: '/v1/proposals', tag: TAG, access: 'public', actions: ['proposal.draft.read'], summary: 'Lister les propositions, les plus récentes d’abord (brouillons : administrateur et auteur seulement)', query: ProposalQuerySchema, responses: { 200: { description: 'Propositions', schema: z.object({ items: z.array(ProposalSchema) }) } } });
proposalRoutes.get('/proposals', async (c) => {
  fresh(c);
  return c.json(await listProposals(c.var.deps, c.var.actor, readQuery(c, ProposalQuerySchema)));
});

documentRoute({ method: 'get', path: '/v1/proposals/{proposalId}', tag: TAG, access: 'public', actions: ['proposal.draft.read'], summary: 'Lire une proposition : électorat, nombre de lieux ayant voté, et une fois close le vote de chaque lieu et le résultat', responses: { 200: { description: 'La proposition', schema: ProposalSchema } } });
proposalRoutes.get('/proposals/:proposalId', async (c) => {
  fresh(c);
  return c.json(await getProposal(c.var.deps, c.var.actor, c.req.param('proposalId')));
});

documentRoute({ method: 'post', path: '/v1/proposals/{proposalId}/open', tag: TAG, access: 'admin', actions: ['proposal.manage'], summary: 'Ouvrir un brouillon au vote (l’électorat est fixé à cet instant : les lieux membres)', responses: { 200: { description: 'Ouverte', schema: ProposalSchema } } });
proposalRoutes.post('/proposals/:proposalId/open', async (c) => c.json(await presentProposal(c.var.deps, await openProposal(c.var.deps, c.var.actor, c.req.param('proposalId')))));

documentRoute({ method: 'post', path: '/v1/proposals/{proposalId}/close', tag: TAG, access: 'admin', actions: ['proposal.manage'], summary: 'Clore le vote maintenant : le résultat est calculé une fois et conservé', responses: { 200: { description: 'Close, avec son résultat', schema: ProposalSchema } } });
proposalRoutes.post('/proposals/:proposalId/close', async (c) => {
  authorize(c.var.actor, 'proposal.manage');
  return c.json(await presentProposal(c.var.deps, await closeProposal(c.var.deps, c.var.actor, c.req.param('proposalId'), 'admin', { strict: true })));
});

documentRoute({ method: 'post', path: '/v1/proposals/{proposalId}/second-call', tag: TAG, access: 'admin', actions: ['proposal.manage'], summary: 'Seconde convocation d’une proposition close faute de quorum : nouveau tour, même électorat, aucun vote, quorum de seconde convocation', body: SecondCallInputSchema, responses: { 200: { description: 'Nouveau tour ouvert', schema: ProposalSchema } } });
proposalRoutes.post('/proposals/:proposalId/second-call', async (c) => {
  const p = await secondCall(c.var.deps, c.var.actor, c.req.param('proposalId'), await readJson(c, SecondCallInputSchema));
  return c.json(await presentProposal(c.var.deps, p));
});

documentRoute({ method: 'put', path: '/v1/proposals/{proposalId}/votes/{placeId}', tag: TAG, access: 'manager', actions: ['vote.cast'], summary: 'Voter pour un lieu (son gestionnaire, le détenteur de sa procuration, ou l’administrateur pour un bulletin papier) ; le vote peut changer jusqu’à la clôture', body: VoteInputSchema, responses: { 200: { description: 'Vote enregistré', schema: VoteSchema } } });
proposalRoutes.put('/proposals/:proposalId/votes/:placeId', async (c) => {
  const input = await readJson(c, VoteInputSchema);
  return c.json(await castVote(c.var.deps, c.var.actor, c.req.param('proposalId'), c.req.param('placeId'), input));
});

documentRoute({ method: 'put', path: '/v1/proposals/{proposalId}/proxies/{placeId}', tag: TAG, access: 'manager', actions: ['proxy.give'], summary: 'Donner la procuration d’un lieu à un autre lieu membre (le gestionnaire du lieu ou l’administrateur)', body: ProxyInputSchema, responses: { 200: { description: 'Procuration enregistrée', schema: ProxySchema } } });
proposalRoutes.put('/proposals/:proposalId/proxies/:placeId', async (c) => {
  const { to } = await readJson(c, ProxyInputSchema);
  return c.json(await giveProxy(c.var.deps, c.var.actor, c.req.param('proposalId'), c.req.param('placeId'), to));
});

documentRoute({ method: 'get', path: '/v1/decisions', tag: TAG, access: 'public', summary: 'Archive publique des décisions closes, les plus récentes d’abord ; q (sans tenir compte des accents), year', query: DecisionQuerySchema, responses: { 200: { description: 'Décisions closes', schema: z.object({ items: z.array(ProposalSchema) }) } } });
proposalRoutes.get('/decisions', async (c) => {
  fresh(c);
  return c.json(await listDecisions(c.var.deps, readQuery(c, DecisionQuerySchema)));
});

documentRoute({ method: 'post', path: '/v1/proposals/{proposalId}/ballots', tag: TAG, access: 'admin', actions: ['proposal.manage'], summary: 'Un lien de vote par lieu de l’électorat (PUBLIC_BASE_URL/vote/<jeton>), valable jusqu’à la clôture ; redemander révoque les liens précédents', responses: { 200: { description: 'Les liens, à envoyer à chaque délégué', schema: BallotListSchema } } });
proposalRoutes.post('/proposals/:proposalId/ballots', async (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json(await issueBallots(c.var.deps, c.var.actor, c.req.param('proposalId')));
});

const MinutesQuery = z.strictObject({
  format: z.enum(['json', 'html']).default('json').meta({ description: 'json, ou html (page imprimable à signer)' }),
  exp: z.string().optional().meta({ description: 'Lien signé (onglet Décisions du tableur) : fin de validité (avec « sig »)' }),
  sig: z.string().optional().meta({ description: 'Lien signé (onglet Décisions du tableur) : vérifié quand il est présent' }),
});
documentRoute({ method: 'get', path: '/v1/proposals/{proposalId}/minutes', tag: TAG, access: 'public', summary: 'Procès-verbal d’une proposition close : réseau, proposition, dates, règle, électorat, vote et procuration de chaque lieu, décompte, quorum, résultat', query: MinutesQuery, responses: { 200: { description: 'Procès-verbal (JSON, ou page HTML imprimable)', schema: MinutesSchema }, 403: { description: 'Lien signé modifié (page HTML en français)', contentType: 'text/html' }, 404: { description: 'Proposition inconnue (page HTML en français avec format=html)' }, 409: { description: 'Pas encore close (page HTML en français avec format=html)' }, 410: { description: 'Lien signé expiré (page HTML en français)', contentType: 'text/html' } } });
proposalRoutes.get('/proposals/:proposalId/minutes', async (c) => {
  const { format } = readQuery(c, MinutesQuery);
  // The minutes are public; a signed link (the sheet's) is still checked, so a damaged one says so.
  await signedLinkGuard(c);
  if (format !== 'html') return c.json(await buildMinutes(c.var.deps, c.var.actor, c.req.param('proposalId')));
  // A secretary opening the link in a browser gets a French page, not problem+json, for the usual refusals.
  try {
    return pageResponse(c, minutesPage(await buildMinutes(c.var.deps, c.var.actor, c.req.param('proposalId'))));
  } catch (err) {
    if (err instanceof ConflictError) return errorPage(c, 409, 'Procès-verbal pas encore disponible', 'Le procès-verbal sera disponible dès la clôture du vote. Revenez à cette adresse après la date de clôture.');
    if (err instanceof NotFoundError) return errorPage(c, 404, 'Proposition introuvable', 'Aucune proposition ne correspond à ce lien. Vérifiez l’adresse ou consultez les décisions du réseau.');
    throw err;
  }
});
