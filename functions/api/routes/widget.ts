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
import { eventJsonLd, jsonLdScriptText } from '../../domain/events/json-ld.js';
import { formatFrenchDateRange } from '../../domain/events/paris-time.js';
import { eventPageUrl } from '../../domain/events/facebook-message.js';
import { renderDemoPage } from './widget-demo-page.js';

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

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

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
widgetRoutes.get('/demo', (c) => c.html(renderDemoPage()));

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
  const e = await getEvent(deps, c.req.param('eventId'));
  const pageUrl = deps.publicBaseUrl ? eventPageUrl(deps.publicBaseUrl, e.id) : undefined;
  const when = formatFrenchDateRange(e.startsAt, e.endsAt);
  const where = e.place ? `${e.place.name} (${e.place.commune})` : '';
  const price = e.priceCents === undefined ? '' : e.priceCents === 0 ? 'Entrée libre' : `Tarif : ${(e.priceCents / 100).toFixed(2).replace('.', ',')} €`;
  const summary = [when.charAt(0).toUpperCase() + when.slice(1), where].filter(Boolean).join(' — ');
  c.header('Cache-Control', 'public, max-age=300');
  return c.html(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(e.title)} — Réseau des tiers-lieux</title>
<meta name="description" content="${esc(summary)}">
<meta property="og:type" content="website"><meta property="og:title" content="${esc(e.status === 'cancelled' ? `ANNULÉ — ${e.title}` : e.title)}">
<meta property="og:description" content="${esc(summary)}">${pageUrl ? `<meta property="og:url" content="${esc(pageUrl)}">` : ''}${e.imageUrl ? `<meta property="og:image" content="${esc(e.imageUrl)}">` : ''}
<script type="application/ld+json">${jsonLdScriptText(eventJsonLd(e, pageUrl))}</script>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1f2937}.x{background:#b91c1c;color:#fff;padding:.2rem .5rem;border-radius:4px;font-weight:700}img{max-width:100%;border-radius:8px}</style>
</head><body><main>
${e.status === 'cancelled' ? '<p><span class="x">Annulé</span> Cet événement n’aura pas lieu.</p>' : ''}
<h1>${esc(e.title)}</h1>
<p><strong>${esc(summary)}</strong></p>
${price ? `<p>${esc(price)}</p>` : ''}
${e.imageUrl ? `<p><img src="${esc(e.imageUrl)}" alt=""></p>` : ''}
${e.description ? e.description.split(/\n{2,}/).map((p) => `<p>${esc(p)}</p>`).join('\n') : ''}
${e.url ? `<p><a href="${esc(e.url)}">Page de l’événement sur le site du lieu</a></p>` : ''}
<p><a href="/v1/events.ics">S’abonner au calendrier du réseau</a></p>
</main></body></html>`);
});
