import { Hono, type Context } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { readQuery } from '../http/input.js';
import { AppError } from '../../domain/errors.js';
import { loadPerson } from '../../domain/mobility/directory-refs.js';
import { loadDirectorySnapshot } from '../../domain/directory/snapshot.js';
import { allowTokenUse, checkToken } from '../../domain/checkin/tokens.js';
import { defaultSchemeOf, memberView } from '../../domain/checkin/member-view.js';
import { cancelReservation, createReservation } from '../../domain/checkin/reservations.js';
import { cardActor } from '../../domain/checkin/visit-audit.js';
import { DaySchema, IdSchema } from '../../../schemas/common.js';
import { dayInWords } from '../../domain/text/fr.js';
import { atPlace, memberPage, messagePage, refusedPage, reservationRefusedPage, tokenErrorPage, tooManyPage } from '../pages/door-pages.js';
import { cardCookie, readForm, rememberedCard } from './door.js';

const ReserveForm = z.object({ hostPlaceId: IdSchema, date: DaySchema, key: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });
const ReserveQuery = z.strictObject({ placeId: IdSchema.optional(), date: DaySchema.optional() });

export const memberPageRoutes = new Hono<AppEnv>();

/** The card of a request's own path, checked and counted (429 past the per-minute limit). */
async function cardOf(c: Context<AppEnv>, token: string): Promise<{ page: Response } | { personId: string }> {
  if (!(await allowTokenUse(c.var.deps, token))) return { page: tooManyPage(c) };
  const check = await checkToken(c.var.deps, 'card', token);
  if (!check.ok) return { page: tokenErrorPage(c, 'card', check.reason) };
  return { personId: check.id };
}

async function hostsFor(deps: AppEnv['Variables']['deps'], homePlaceId: string) {
  const snap = await loadDirectorySnapshot(deps);
  return snap.places
    .filter((p) => !p.archivedAt && p.mobility?.acceptsVisitors && p.id !== homePlaceId)
    .map((p) => ({ id: p.id, name: p.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

documentRoute({
  method: 'get',
  path: '/m/reserver',
  tag: 'Passage à la porte',
  access: 'public',
  summary: 'Réserver depuis le widget : avec la carte gardée par ce téléphone, ouvre la page de la carte avec le lieu et le jour choisis',
  query: ReserveQuery,
  responses: { 200: { description: 'Page HTML en français', contentType: 'text/html' } },
});
memberPageRoutes.get('/reserver', async (c) => {
  const q = readQuery(c, ReserveQuery);
  const card = await rememberedCard(c);
  if (!card) return messagePage(c, 'Réserver une journée', 'Ouvrez d’abord sur ce téléphone le lien de votre carte de membre (le QR code de votre carte) : il s’en souviendra, et vous pourrez réserver.');
  const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined) as [string, string][]);
  return c.redirect(`/m/${card.token}${params.size ? `?${params}` : ''}`, 303);
});

documentRoute({
  method: 'get',
  path: '/m/{cardToken}',
  tag: 'Passage à la porte',
  access: 'public',
  summary: 'Page de la carte de membre : ce téléphone s’en souvient (cookie avec le seul jeton de la carte) ; jours de pass restants, réservations, derniers passages',
  query: ReserveQuery,
  responses: { 200: { description: 'Page HTML en français', contentType: 'text/html' }, 404: { description: 'Carte inconnue' }, 410: { description: 'Carte remplacée' }, 429: { description: 'Trop d’utilisations en une minute' } },
});
memberPageRoutes.get('/:cardToken', async (c) => {
  const token = c.req.param('cardToken');
  const card = await cardOf(c, token);
  if ('page' in card) return card.page;
  const q = readQuery(c, ReserveQuery);
  const view = await memberView(c.var.deps, card.personId);
  const page = memberPage(c, { view, token, hosts: await hostsFor(c.var.deps, view.person.homePlaceId), key: c.var.deps.newId(), preselect: q });
  page.headers.append('Set-Cookie', cardCookie(c, token));
  return page;
});

documentRoute({
  method: 'post',
  path: '/m/{cardToken}/reservations',
  tag: 'Passage à la porte',
  access: 'signed',
  summary: 'Réserver une journée avec sa carte (formulaire hostPlaceId, date, key) : pass s’il reste des jours, sinon la formule du lieu d’attache',
  body: ReserveForm,
  responses: { 200: { description: 'Réservation enregistrée (page HTML)', contentType: 'text/html' }, 409: { description: 'Lieu complet, déjà réservé' }, 422: { description: 'Jour passé, lieu d’attache…' } },
});
memberPageRoutes.post('/:cardToken/reservations', async (c) => {
  const token = c.req.param('cardToken');
  const card = await cardOf(c, token);
  if ('page' in card) return card.page;
  const form = ReserveForm.safeParse(Object.fromEntries(await readForm(c)));
  if (!form.success) return reservationRefusedPage(c, 400, 'Formulaire incomplet : choisissez un lieu et un jour.', `/m/${token}`);
  const deps = c.var.deps;
  try {
    const person = await loadPerson(deps, card.personId);
    const scheme = await defaultSchemeOf(deps, person, form.data.date);
    // The person is the card's: the form names only the place and the day.
    const { visit } = await createReservation(deps, cardActor(person.id), { personId: person.id, hostPlaceId: form.data.hostPlaceId, date: form.data.date, scheme }, `card#${form.data.key}`);
    const snap = await loadDirectorySnapshot(deps);
    return messagePage(c, 'Réservation enregistrée', `Journée réservée ${atPlace(snap.placesById.get(visit.hostPlaceId)?.name ?? visit.hostPlaceId)} le ${dayInWords(visit.date)}. Scannez l’affiche du lieu en arrivant.`, `/m/${token}`);
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return reservationRefusedPage(c, err.status, err.message, `/m/${token}`);
    throw err;
  }
});

documentRoute({
  method: 'post',
  path: '/m/{cardToken}/reservations/{reservationId}/cancel',
  tag: 'Passage à la porte',
  access: 'signed',
  summary: 'Annuler une de ses réservations avec sa carte : la place et le jour de pass sont libérés',
  responses: { 200: { description: 'Réservation annulée (page HTML)', contentType: 'text/html' }, 403: { description: 'Réservation d’une autre personne' }, 409: { description: 'Plus une réservation en attente' } },
});
memberPageRoutes.post('/:cardToken/reservations/:reservationId/cancel', async (c) => {
  const token = c.req.param('cardToken');
  const card = await cardOf(c, token);
  if ('page' in card) return card.page;
  try {
    const visit = await cancelReservation(c.var.deps, cardActor(card.personId), c.req.param('reservationId'));
    return messagePage(c, 'Réservation annulée', `Votre réservation du ${dayInWords(visit.date)} est annulée : la place est libérée.`, `/m/${token}`);
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return refusedPage(c, err.status, err.message);
    throw err;
  }
});
