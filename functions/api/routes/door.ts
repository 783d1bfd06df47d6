import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { AppError, BadRequestError, PayloadTooLargeError } from '../../domain/errors.js';
import { loadPerson, loadPlace } from '../../domain/mobility/directory-refs.js';
import { checkInAtDoor } from '../../domain/checkin/door-checkin.js';
import { allowTokenUse, checkToken, personOfCode } from '../../domain/checkin/tokens.js';
import { checkinResultPage, doorPage, refusedPage, tokenErrorPage, tooManyPage } from '../pages/door-pages.js';

/** The phone remembers its card in this cookie (the card token, nothing else). */
export const CARD_COOKIE = 'tl_carte';
const MAX_FORM_BYTES = 4096;

/** A small form-encoded body (`card=` / `code=` …): 413 when too big, 400 when not a form. */
export async function readForm(c: Context): Promise<URLSearchParams> {
  if (Number(c.req.header('content-length') ?? '0') > MAX_FORM_BYTES) throw new PayloadTooLargeError(MAX_FORM_BYTES);
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) throw new BadRequestError('Formulaire attendu (Content-Type: application/x-www-form-urlencoded).');
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_FORM_BYTES) throw new PayloadTooLargeError(MAX_FORM_BYTES);
  return new URLSearchParams(text);
}

/** The Set-Cookie value that makes this phone remember its card (pages are built as plain Responses). */
export function cardCookie(c: Context<AppEnv>, token: string): string {
  const secure = (c.var.deps.publicBaseUrl ?? '').startsWith('https:') ? '; Secure' : '';
  return `${CARD_COOKIE}=${encodeURIComponent(token)}; Path=/; Max-Age=${400 * 86_400}; HttpOnly; SameSite=Lax${secure}`;
}

/** The card this phone remembers, if it is still a valid one (a replaced card is ignored). */
export async function rememberedCard(c: Context<AppEnv>): Promise<{ token: string; personId: string } | undefined> {
  const token = getCookie(c, CARD_COOKIE);
  if (!token) return undefined;
  const check = await checkToken(c.var.deps, 'card', token);
  return check.ok ? { token, personId: check.id } : undefined;
}

const DoorForm = z.object({ card: z.string().max(200).optional(), code: z.string().max(40).optional() });

export const doorRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/c/{placeToken}',
  tag: 'Passage à la porte',
  access: 'public',
  summary: 'Page de passage d’un lieu (QR code de l’affiche) : avec une carte sur le téléphone, un bouton enregistre la journée ; sinon le code personnel est demandé',
  responses: { 200: { description: 'Page HTML en français', contentType: 'text/html' }, 404: { description: 'Affiche inconnue' }, 410: { description: 'Affiche remplacée' }, 429: { description: 'Trop d’utilisations de cette affiche en une minute' } },
});
doorRoutes.get('/:placeToken', async (c) => {
  const deps = c.var.deps;
  const placeToken = c.req.param('placeToken');
  if (!(await allowTokenUse(deps, placeToken))) return tooManyPage(c);
  const poster = await checkToken(deps, 'poster', placeToken);
  if (!poster.ok) return tokenErrorPage(c, 'poster', poster.reason);
  const place = await loadPlace(deps, poster.id);
  const card = await rememberedCard(c);
  const person = card ? await loadPerson(deps, card.personId).catch(() => undefined) : undefined;
  return doorPage(c, { action: `/c/${placeToken}`, placeName: place.name, ...(card && person ? { card: { token: card.token, name: person.displayName } } : {}) });
});

documentRoute({
  method: 'post',
  path: '/c/{placeToken}',
  tag: 'Passage à la porte',
  access: 'signed',
  summary: 'Enregistrer la journée d’aujourd’hui chez ce lieu (formulaire card=<jeton de carte> ou code=<code personnel>) : visite channel « checkin », à confirmer par le lieu ; répond la page de résultat en français',
  body: DoorForm,
  responses: {
    200: { description: 'Journée enregistrée (ou déjà enregistrée aujourd’hui)', contentType: 'text/html' },
    400: { description: 'Ni carte ni code' },
    404: { description: 'Affiche, carte ou code inconnus' },
    409: { description: 'Lieu complet, jours de pass épuisés' },
    410: { description: 'Affiche ou carte remplacée' },
    422: { description: 'Lieu d’attache, lieu qui n’accueille pas…' },
    429: { description: 'Trop de tentatives' },
  },
});
doorRoutes.post('/:placeToken', async (c) => {
  const deps = c.var.deps;
  const placeToken = c.req.param('placeToken');
  const action = `/c/${placeToken}`;
  if (!(await allowTokenUse(deps, placeToken))) return tooManyPage(c);
  const poster = await checkToken(deps, 'poster', placeToken);
  if (!poster.ok) return tokenErrorPage(c, 'poster', poster.reason);
  const form = DoorForm.safeParse(Object.fromEntries(await readForm(c)));
  if (!form.success) return refusedPage(c, 400, 'Formulaire invalide : entrez le code imprimé sur votre carte.', action);
  const { card, code } = form.data;
  let personId: string;
  let via: 'carte' | 'code';
  if (card) {
    // The card decides who checks in: its token names one person, signed; nothing in the form can change it.
    if (!(await allowTokenUse(deps, card))) return tooManyPage(c);
    const check = await checkToken(deps, 'card', card);
    if (!check.ok) return tokenErrorPage(c, 'card', check.reason);
    personId = check.id;
    via = 'carte';
  } else if (code?.trim()) {
    const found = await personOfCode(deps, code);
    if (!found.ok) {
      return found.reason === 'revoked'
        ? tokenErrorPage(c, 'card', 'revoked')
        : refusedPage(c, 404, 'Ce code ne correspond à aucune carte de membre : vérifiez-le sur votre carte (8 caractères, par exemple ABCD-EFGH).', action);
    }
    personId = found.personId;
    via = 'code';
  } else {
    return refusedPage(c, 400, 'Entrez le code imprimé sur votre carte de membre.', action);
  }
  try {
    return checkinResultPage(c, await checkInAtDoor(deps, personId, poster.id, via));
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return refusedPage(c, err.status, err.message);
    throw err;
  }
});
