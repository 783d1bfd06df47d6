/**
 * Public pages around the widget:
 * - GET /widget.js      the custom element, one ES module (ETag, Cache-Control, CORS: any site embeds it);
 * - GET /demo           a fictional place's website embedding the widget (for people and for tests);
 * - GET /events/{id}    an event's public page (the link posted on Facebook): Open Graph tags for
 *                       the link preview and schema.org Event JSON-LD for search engines.
 *
 * Where widget.js comes from: a prebuilt file next to the running module (`widget.js`, shipped in
 * the Lambda bundle) or WIDGET_BUNDLE_PATH; otherwise it is built once from widget/src with
 * esbuild (local server, tests).
 */
import { Hono } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppEnv } from '../env.js';
import { cachedBody } from '../http/cached-body.js';
import { documentRoute } from '../openapi/registry.js';
import { getEvent } from '../../domain/events/list-events.js';
import { eventPageUrl } from '../../domain/events/facebook-message.js';
import { loadDirectorySnapshot } from '../../domain/directory/snapshot.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Event } from '../../../schemas/event.js';
import { errorPage, html, pageResponse, wantsHtml } from '../pages/layout.js';
import { EVENT_CSS, eventSummary, renderEventBody } from '../pages/event-page.js';
import { demoPageHeaders, renderDemoPage } from './widget-demo-page.js';

let widgetCode: Promise<string> | undefined;

/** The widget's code, loaded or built once per process. */
export function loadWidgetCode(): Promise<string> {
  widgetCode ??= (async () => {
    const prebuilt = process.env.WIDGET_BUNDLE_PATH ?? fileURLToPath(new URL('./widget.js', import.meta.url));
    if (existsSync(prebuilt)) return readFileSync(prebuilt, 'utf8');
    const { buildWidget } = await import('../../../widget/build.js');
    return buildWidget();
  })();
  widgetCode.catch(() => (widgetCode = undefined));
  return widgetCode;
}

export const widgetRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'get',
  path: '/widget.js',
  tag: 'Widget',
  access: 'public',
  summary: 'Le widget <tiers-lieux-reseau> (module ES) à inclure sur le site d’un lieu',
  responses: { 200: { description: 'JavaScript (ETag, Cache-Control, CORS)', contentType: 'text/javascript' }, 304: { description: 'Inchangé (If-None-Match)' } },
});
widgetRoutes.get('/widget.js', async (c) => {
  const code = await loadWidgetCode();
  c.header('Cross-Origin-Resource-Policy', 'cross-origin');
  return cachedBody(c, code, 'text/javascript; charset=utf-8', 'public, max-age=300, stale-while-revalidate=86400');
});

documentRoute({
  method: 'get',
  path: '/demo',
  tag: 'Widget',
  access: 'public',
  summary: 'Démonstration : le site d’un lieu qui intègre le widget',
  responses: { 200: { description: 'Page HTML', contentType: 'text/html' } },
});
widgetRoutes.get('/demo', (c) => {
  const page = renderDemoPage();
  return c.html(page, 200, demoPageHeaders(page));
});

documentRoute({
  method: 'get',
  path: '/events/{eventId}',
  tag: 'Widget',
  access: 'public',
  summary: 'Page publique d’un événement (lien des posts Facebook) avec JSON-LD schema.org Event et balises Open Graph',
  responses: { 200: { description: 'Page HTML', contentType: 'text/html' } },
});
widgetRoutes.get('/events/:eventId', async (c) => {
  const deps = c.var.deps;
  let e: Event;
  try {
    e = await getEvent(deps, c.req.param('eventId'));
  } catch (err) {
    // A browser following a stale link gets the French page; API clients keep problem+json.
    if (err instanceof NotFoundError && wantsHtml(c)) return errorPage(c, 404, 'Événement introuvable', 'Cet événement n’existe pas, ou plus : il a peut-être été retiré de l’agenda.');
    throw err;
  }
  const place = (await loadDirectorySnapshot(deps)).placesById.get(e.placeId);
  const pageUrl = deps.publicBaseUrl ? eventPageUrl(deps.publicBaseUrl, e.id) : undefined;
  const summary = eventSummary(e);
  const res = pageResponse(c, {
    title: e.title,
    body: renderEventBody(e, place, pageUrl),
    css: EVENT_CSS,
    head: html`<meta name="description" content="${summary}">
<meta property="og:type" content="website"><meta property="og:title" content="${e.status === 'cancelled' ? `ANNULÉ — ${e.title}` : e.title}">
<meta property="og:description" content="${summary}">${pageUrl ? html`<meta property="og:url" content="${pageUrl}">` : ''}${e.imageUrl ? html`<meta property="og:image" content="${e.imageUrl}">` : ''}`,
  });
  res.headers.set('Cache-Control', 'public, max-age=300');
  return res;
});
