/**
 * Freshness links (admin) and the page each one opens (signed link, no account).
 * The page's three buttons go through the directory's own use cases, audited as
 * changes made through the place's verification link.
 */
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { errorPage, pageResponse } from '../pages/layout.js';
import { signedLinkGuard } from '../pages/signed-link-guard.js';
import { FRESHNESS_CSS, freshnessPageBody, type StaleWithRecord } from '../pages/freshness-page.js';
import { DEFAULT_OLDER_THAN_DAYS, freshnessLinkActor, listFreshnessLinks, staleRecordsOfPlace } from '../../domain/directory/freshness-links.js';
import { applyFreshnessAnswer, FreshnessAnswerError } from '../../domain/directory/freshness-answers.js';
import { checkSignedLink } from '../../domain/links/signed-links.js';
import { getDirectoryRecordById } from '../../../integrations/dynamodb/directory-repository.js';
import { RECORD_TYPES } from '../../domain/directory/record-types.js';

const LinksQuery = z.strictObject({
  olderThanDays: z.coerce.number().int().min(0).max(3650).default(DEFAULT_OLDER_THAN_DAYS).meta({ description: 'Même seuil que /v1/freshness (0 : toutes les fiches)' }),
});

const FreshnessLinkSchema = z
  .object({ placeId: z.string(), placeName: z.string(), url: z.string(), staleCount: z.number().int(), expiresAt: z.string() })
  .meta({ id: 'FreshnessLink' });

export const freshnessLinkRoutes = new Hono<AppEnv>();
export const freshnessPageRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/v1/freshness/links',
  tag: 'Service',
  access: 'admin',
  summary: 'Liens de vérification : un lien signé par lieu ayant des fiches à revérifier (valable 30 jours)',
  query: LinksQuery,
  responses: { 200: { description: 'Un lien par lieu', schema: z.object({ items: z.array(FreshnessLinkSchema) }) } },
});
freshnessLinkRoutes.get('/', async (c) => {
  const q = readQuery(c, LinksQuery);
  return c.json({ items: await listFreshnessLinks(c.var.deps, c.var.actor, q.olderThanDays) });
});

const PageQuery = z.object({ olderThanDays: z.coerce.number().int().min(0).max(3650) });

async function openPage(c: Context<AppEnv>) {
  if (!(await signedLinkGuard(c))) return { error: errorPage(c, 403, 'Lien incomplet', 'Cette page s’ouvre avec le lien de vérification reçu pour votre lieu.') };
  const placeId = c.req.param('placeId')!;
  const q = PageQuery.safeParse(c.req.query());
  const raw = await getDirectoryRecordById(c.var.deps.table, 'place', placeId);
  if (!q.success || !raw || raw.archivedAt) return { error: errorPage(c, 404, 'Lieu introuvable', 'Ce lieu n’existe plus dans l’annuaire du réseau.') };
  const check = await checkSignedLink(c.var.deps, c.req.path, c.req.query());
  return { placeId, placeName: String(raw.name), olderThanDays: q.data.olderThanDays, expiresAt: check.ok ? check.expiresAt : '' };
}

async function staleItems(c: Context<AppEnv>, placeId: string, olderThanDays: number): Promise<StaleWithRecord[]> {
  const stale = await staleRecordsOfPlace(c.var.deps, placeId, olderThanDays);
  const items: StaleWithRecord[] = [];
  for (const s of stale) {
    const raw = await getDirectoryRecordById(c.var.deps.table, s.type, s.id);
    if (raw) items.push({ stale: s, type: s.type, record: RECORD_TYPES[s.type].stored.parse(raw) } as StaleWithRecord);
  }
  return items;
}

async function render(c: Context<AppEnv>, page: { placeId: string; placeName: string; olderThanDays: number; expiresAt: string }, notice?: { text: string; tone: 'ok' | 'bad' }, status = 200) {
  const items = await staleItems(c, page.placeId, page.olderThanDays);
  const action = c.req.path + '?' + new URL(c.req.url).searchParams.toString();
  return pageResponse(c, {
    title: `Fiches à vérifier — ${page.placeName}`,
    lead: items.length ? `${items.length} fiche${items.length > 1 ? 's' : ''} à revoir` : 'Tout est à jour',
    noindex: true,
    status,
    css: FRESHNESS_CSS,
    body: freshnessPageBody({ placeName: page.placeName, olderThanDays: page.olderThanDays, items, action, notice, expiresAt: page.expiresAt }),
  });
}

documentRoute({ method: 'get', path: '/verifier/{placeId}', tag: 'Service', access: 'signed', summary: 'Page de vérification d’un lieu (lien signé) : fiches à revoir, trois réponses par fiche', responses: { 200: { description: 'Page HTML', contentType: 'text/html' }, 403: { description: 'Lien modifié', contentType: 'text/html' }, 410: { description: 'Lien expiré', contentType: 'text/html' } } });
freshnessPageRoutes.get('/:placeId', async (c) => {
  const page = await openPage(c);
  if ('error' in page) return page.error;
  return render(c, page);
});

documentRoute({ method: 'post', path: '/verifier/{placeId}', tag: 'Service', access: 'signed', summary: 'Réponse à une fiche depuis la page de vérification (formulaire : record, action = verify | edit | archive)', responses: { 200: { description: 'Page HTML mise à jour', contentType: 'text/html' }, 400: { description: 'Saisie à corriger (page HTML)', contentType: 'text/html' } } });
freshnessPageRoutes.post('/:placeId', async (c) => {
  const page = await openPage(c);
  if ('error' in page) return page.error;
  const form = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (typeof v === 'string') fields[k] = v;
  try {
    const text = await applyFreshnessAnswer(c.var.deps, freshnessLinkActor(page.placeId), fields);
    return render(c, page, { text, tone: 'ok' });
  } catch (err) {
    if (err instanceof FreshnessAnswerError) return render(c, page, { text: err.message, tone: 'bad' }, 400);
    throw err;
  }
});
