/** `GET /`: the network's home page (HTML; the API's JSON lives under /v1). */
import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { documentRoute } from '../openapi/registry.js';
import { pageResponse } from '../pages/layout.js';
import { HOME_CSS, HOME_TITLE, renderHomeBody } from '../pages/home-page.js';
import { searchPlaces } from '../../domain/directory/search-places.js';
import { loadDirectorySnapshot } from '../../domain/directory/snapshot.js';
import { listEvents } from '../../domain/events/list-events.js';

export const homeRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/',
  tag: 'Service',
  access: 'public',
  summary: 'Page d’accueil du réseau : les lieux (carte et liste), l’agenda, l’annuaire, le calendrier, les données ouvertes, la documentation et le widget',
  responses: { 200: { description: 'Page HTML', contentType: 'text/html' } },
});
homeRoutes.get('/', async (c) => {
  const deps = c.var.deps;
  const [{ items: places }, snapshot, { items: events }] = await Promise.all([searchPlaces(deps, { limit: 1000 }), loadDirectorySnapshot(deps), listEvents(deps, { limit: 6 })]);
  const baseUrl = (deps.publicBaseUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
  const resourceCount = [...snapshot.resources()].filter((r) => !r.place.archivedAt).length;
  return pageResponse(c, {
    title: HOME_TITLE,
    lead: 'Annuaire, mobilité des coworkers et agenda des tiers-lieux du département',
    body: renderHomeBody({ places, resourceCount, events, baseUrl }),
    css: HOME_CSS,
  });
});

/** The network's icon: browsers ask for /favicon.ico whatever a page says (statements, feeds opened in a tab). */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#1d5e3b"/><text x="16" y="21" text-anchor="middle" font-family="system-ui,sans-serif" font-size="13" font-weight="700" fill="#ffffff">TL</text></svg>`;

documentRoute({ method: 'get', path: '/favicon.ico', tag: 'Service', access: 'public', summary: 'L’icône du réseau (SVG)', responses: { 200: { description: 'Image SVG', contentType: 'image/svg+xml' } } });
homeRoutes.get('/favicon.ico', (c) => c.body(FAVICON, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=604800', 'x-content-type-options': 'nosniff' }));
