/**
 * GET|POST /vote/<token>: the voting link's French pages. A bad token is a French HTML 404
 * (unknown) or 410 (revoked, or the vote is closed), never JSON and never another place's vote.
 */
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { errorPage, pageResponse } from '../pages/layout.js';
import { ballotPage, confirmationPage } from '../pages/ballot-page.js';
import { lookUpBallot, voteWithBallot, type BallotLookup } from '../../domain/decisions/ballots.js';
import { AppError } from '../../domain/errors.js';
import { VoteInputSchema } from '../../../schemas/decision.js';

export const votePageRoutes = new Hono<AppEnv>();

const BAD_LINK = {
  unknown: ['Lien de vote inconnu', 'Ce lien de vote n’existe pas : vérifiez qu’il a été recopié en entier.'],
  revoked: ['Lien de vote remplacé', 'Ce lien de vote a été remplacé par un nouveau lien : utilisez le dernier reçu.'],
  closed: ['Vote clos', 'Le vote sur cette proposition est clos : ce lien n’est plus valable. Le résultat est publié dans l’archive des décisions.'],
} as const;

function badLink(c: Context<AppEnv>, found: Extract<BallotLookup, { ok: false }>): Response {
  const [title, message] = BAD_LINK[found.reason];
  return errorPage(c, found.status, title, message);
}

const noStore = (r: Response) => {
  r.headers.set('Cache-Control', 'no-store');
  return r;
};

documentRoute({ method: 'get', path: '/vote/{token}', tag: 'Décisions', access: 'signed', summary: 'Page de vote d’un lieu (lien personnel) : la proposition, le vote actuel du lieu, le formulaire (sans JavaScript)', responses: { 200: { description: 'Page HTML', contentType: 'text/html' }, 404: { description: 'Lien inconnu (page HTML)', contentType: 'text/html' }, 410: { description: 'Lien révoqué ou vote clos (page HTML)', contentType: 'text/html' } } });
votePageRoutes.get('/:token', async (c) => {
  const found = await lookUpBallot(c.var.deps, c.req.param('token'));
  if (!found.ok) return noStore(badLink(c, found));
  return noStore(pageResponse(c, ballotPage(found)));
});

const FormSchema = z.object({ choice: z.string().optional(), comment: z.string().optional() });

documentRoute({ method: 'post', path: '/vote/{token}', tag: 'Décisions', access: 'signed', summary: 'Enregistrer ou changer le vote du lieu depuis son lien (formulaire : choice = yes|no|abstain|objection, comment)', responses: { 200: { description: 'Page de confirmation', contentType: 'text/html' }, 400: { description: 'Formulaire incomplet (page HTML avec le formulaire)', contentType: 'text/html' }, 410: { description: 'Lien révoqué ou vote clos (page HTML)', contentType: 'text/html' } } });
votePageRoutes.post('/:token', async (c) => {
  const deps = c.var.deps;
  const found = await lookUpBallot(deps, c.req.param('token'));
  if (!found.ok) return noStore(badLink(c, found));
  const form = FormSchema.safeParse(await c.req.parseBody().catch(() => ({})));
  const draft = form.success ? { choice: form.data.choice, comment: form.data.comment?.trim() || undefined } : {};
  const input = VoteInputSchema.safeParse({ ...(draft.choice ? { choice: draft.choice } : {}), ...(draft.comment ? { comment: draft.comment } : {}) });
  if (!input.success) {
    const error = input.error.issues.some((i) => i.path[0] === 'comment')
      ? `Une objection s’argumente : écrivez au moins 20 caractères dans le commentaire.`
      : 'Choisissez Pour, Contre, Abstention ou Objection avant d’enregistrer.';
    return noStore(pageResponse(c, ballotPage({ ...found, error, draft, status: 400 })));
  }
  try {
    const vote = await voteWithBallot(deps, found, input.data);
    return noStore(pageResponse(c, confirmationPage({ ...found, vote })));
  } catch (err) {
    // The vote closed between the page and the answer: the link is no longer valid.
    if (err instanceof AppError && err.status === 409) return noStore(badLink(c, { ok: false, status: 410, reason: 'closed' }));
    if (err instanceof AppError && err.expose) return noStore(errorPage(c, err.status, 'Vote impossible', err.message));
    throw err;
  }
});
