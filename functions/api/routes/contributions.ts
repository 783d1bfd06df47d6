import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { readIfMatch, readJson, readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { listOf } from '../../../schemas/common.js';
import { ContributionInputSchema, ContributionListQuery, ContributionPatchSchema, ContributionViewSchema } from '../../../schemas/contribution.js';
import { archiveContribution, createContribution, updateContribution } from '../../domain/valuation/contributions.js';
import { getContributionView, listContributions } from '../../domain/valuation/contribution-reads.js';

export const contributionRoutes = new Hono<AppEnv>();
const TAG = 'Valorisation du bénévolat';

documentRoute({
  method: 'post',
  path: '/v1/contributions',
  actions: ['contribution.write'],
  tag: TAG,
  access: 'writer',
  summary: 'Enregistrer une contribution volontaire : heures (time), kilomètres (mileage) ou en nature (in_kind : ressource prêtée, valorisée à son tarif public, ou valeur explicite avec une note)',
  body: ContributionInputSchema,
  responses: { 201: { description: 'Enregistrée (valeur calculée avec les chiffres datés)', schema: ContributionViewSchema } },
});
contributionRoutes.post('/', async (c) => {
  const created = await createContribution(c.var.deps, c.var.actor, await readJson(c, ContributionInputSchema));
  c.header('Location', `/v1/contributions/${created.id}`);
  c.header('ETag', `"${created.version}"`);
  return c.json(await getContributionView(c.var.deps, c.var.actor, created.id), 201);
});

documentRoute({
  method: 'get',
  path: '/v1/contributions',
  actions: ['contribution.read'],
  tag: TAG,
  access: 'writer',
  summary: 'Lister les contributions (par date ; l’année en cours par défaut ; un gestionnaire voit celles de son lieu)',
  query: ContributionListQuery,
  responses: { 200: { description: 'Contributions avec leur valeur', schema: listOf(ContributionViewSchema) } },
});
contributionRoutes.get('/', async (c) => c.json(await listContributions(c.var.deps, c.var.actor, readQuery(c, ContributionListQuery))));

documentRoute({ method: 'get', path: '/v1/contributions/{contributionId}', actions: ['contribution.read'], tag: TAG, access: 'writer', summary: 'Lire une contribution et sa valeur', responses: { 200: { description: 'La contribution (ETag = version)', schema: ContributionViewSchema } } });
contributionRoutes.get('/:id', async (c) => {
  const view = await getContributionView(c.var.deps, c.var.actor, c.req.param('id'));
  c.header('ETag', `"${view.version}"`);
  return c.json(view);
});

documentRoute({
  method: 'patch',
  path: '/v1/contributions/{contributionId}',
  actions: ['contribution.write'],
  tag: TAG,
  access: 'writer',
  summary: 'Modifier une contribution (les champs envoyés remplacent, null efface ; les règles de sa sorte sont vérifiées à nouveau)',
  body: ContributionPatchSchema,
  headers: [{ name: 'If-Match', required: false, description: 'Version attendue (ETag) : 409 si la contribution a changé entre-temps' }],
  responses: { 200: { description: 'Modifiée', schema: ContributionViewSchema } },
});
contributionRoutes.patch('/:id', async (c) => {
  const patch = await readJson(c, ContributionPatchSchema);
  const updated = await updateContribution(c.var.deps, c.var.actor, c.req.param('id'), patch, { expectedVersion: readIfMatch(c) });
  c.header('ETag', `"${updated.version}"`);
  return c.json(await getContributionView(c.var.deps, c.var.actor, updated.id));
});

documentRoute({ method: 'delete', path: '/v1/contributions/{contributionId}', actions: ['contribution.write'], tag: TAG, access: 'writer', summary: 'Archiver une contribution (elle ne compte plus ; l’historique reste dans le journal d’audit)', responses: { 200: { description: 'Archivée (archivedAt renseigné)', schema: ContributionViewSchema } } });
contributionRoutes.delete('/:id', async (c) => {
  const archived = await archiveContribution(c.var.deps, c.var.actor, c.req.param('id'));
  return c.json(await getContributionView(c.var.deps, c.var.actor, archived.id));
});
