import { Hono, type Context } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { getMemberCard, getPlacePoster, rotateMemberCard, rotatePlacePoster } from '../../domain/checkin/cards-and-posters.js';
import { cardSvg, posterSvg } from '../../domain/checkin/printables.js';
import { cardPage, posterPage } from '../pages/printable-pages.js';

const CardLinkSchema = z.object({ url: z.string().meta({ description: 'PUBLIC_BASE_URL/m/<jeton de carte>' }), code: z.string().meta({ description: 'Code personnel imprimé sur la carte (ABCD-EFGH)' }) }).meta({ id: 'MemberCardLink' });
const PosterLinkSchema = z.object({ url: z.string().meta({ description: 'PUBLIC_BASE_URL/c/<jeton du lieu>' }) }).meta({ id: 'PosterLink' });
const FormatQuery = z.strictObject({ format: z.enum(['json', 'html', 'svg']).default('json') });

/** An SVG drawing that is only an image: nothing in it may load or run. */
function svgResponse(c: Context, svg: string): Response {
  return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'content-security-policy': "default-src 'none'", 'x-content-type-options': 'nosniff' });
}

/** Member cards (people) and posters (places): printable, with their rotation routes. */
export const cardRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/v1/people/{personId}/card',
  tag: 'Mobilité',
  access: 'manager',
  actions: ['card.manage'],
  summary: 'Carte de membre d’une personne (administrateur, gestionnaire du lieu d’attache) : lien personnel et code (json), carte imprimable avec QR code (html, svg)',
  query: FormatQuery,
  responses: { 200: { description: 'Lien et code, ou carte imprimable', schema: CardLinkSchema }, 404: { description: 'Personne inconnue' } },
});
cardRoutes.get('/v1/people/:personId/card', async (c) => {
  const { format } = readQuery(c, FormatQuery);
  const card = await getMemberCard(c.var.deps, c.var.actor, c.req.param('personId'));
  if (format === 'svg') return svgResponse(c, cardSvg(card.person.displayName, card.homePlace?.name, card.url, card.code));
  if (format === 'html') return cardPage(c, card);
  return c.json({ url: card.url, code: card.code });
});

documentRoute({
  method: 'post',
  path: '/v1/people/{personId}/card/rotate',
  tag: 'Mobilité',
  access: 'manager',
  actions: ['card.manage'],
  summary: 'Renouveler la carte d’une personne : nouveau lien et nouveau code, l’ancienne carte ne fonctionne plus',
  responses: { 200: { description: 'Nouveau lien et nouveau code', schema: CardLinkSchema } },
});
cardRoutes.post('/v1/people/:personId/card/rotate', async (c) => c.json(await rotateMemberCard(c.var.deps, c.var.actor, c.req.param('personId'))));

documentRoute({
  method: 'get',
  path: '/v1/places/{placeId}/poster',
  tag: 'Mobilité',
  access: 'manager',
  actions: ['poster.manage'],
  summary: 'Affiche A4 du lieu avec le QR code de passage (administrateur, gestionnaire du lieu) : html ou svg imprimables, json pour le lien',
  query: FormatQuery,
  responses: { 200: { description: 'Affiche imprimable, ou son lien', schema: PosterLinkSchema }, 404: { description: 'Lieu inconnu' } },
});
cardRoutes.get('/v1/places/:placeId/poster', async (c) => {
  const { format } = readQuery(c, FormatQuery);
  const poster = await getPlacePoster(c.var.deps, c.var.actor, c.req.param('placeId'));
  if (format === 'svg') return svgResponse(c, posterSvg(poster.place.name, poster.place.address.commune, poster.url));
  if (format === 'html') return posterPage(c, poster);
  return c.json({ url: poster.url });
});

documentRoute({
  method: 'post',
  path: '/v1/places/{placeId}/poster/rotate',
  tag: 'Mobilité',
  access: 'manager',
  actions: ['poster.manage'],
  summary: 'Renouveler l’affiche d’un lieu : nouveau lien, l’affiche imprimée ne fonctionne plus',
  responses: { 200: { description: 'Nouveau lien', schema: PosterLinkSchema } },
});
cardRoutes.post('/v1/places/:placeId/poster/rotate', async (c) => c.json(await rotatePlacePoster(c.var.deps, c.var.actor, c.req.param('placeId'))));
