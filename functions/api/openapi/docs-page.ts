/**
 * /docs: the OpenAPI document shown by a kept viewer (Scalar's standalone bundle, served by
 * the API itself from /docs/scalar.js) rather than a hand-written renderer. Routes are grouped
 * by theme (`x-tagGroups`), each shows an example request (curl and other clients) and an
 * example answer built from its schema, and the roles allowed (« Accès : … »).
 *
 * The page's own CSP: scripts from this origin only (no inline script: the start code is
 * /docs/scalar-init.js); the viewer is a Vue app that writes `<style>` elements and style
 * attributes at run time, which hashes cannot cover, hence `style-src 'unsafe-inline'` here
 * and nowhere else; it fetches only /v1/openapi.json and, from its « Test request » panel,
 * this API: `connect-src 'self'`.
 */
export const DOCS_SCRIPTS = ['/docs/scalar.js', '/docs/scalar-init.js'] as const;

export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function renderDocsPage(doc: { info: { title: string } }): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Documentation de l’API — ${esc(doc.info.title)}</title>
<meta name="description" content="Routes de l’API du réseau groupées par thème, avec un exemple de requête et de réponse et les rôles autorisés pour chacune.">
<link rel="icon" href="data:,">
<style>.tl-docs-bar{font:15px/1.4 system-ui,sans-serif;padding:.5rem 1rem;background:#f3f1ea;color:#1d2521;border-bottom:1px solid #ddd}.tl-docs-bar a{color:#1f4f8a}</style>
</head><body>
<header class="tl-docs-bar"><a href="/">Réseau des tiers-lieux</a> · Documentation de l’API · <a href="/v1/openapi.json">openapi.json</a> (OpenAPI 3.1)</header>
<noscript><p class="tl-docs-bar">Cette documentation s’affiche avec JavaScript. Sans lui, le document complet est ici : <a href="/v1/openapi.json">/v1/openapi.json</a>.</p></noscript>
<div id="api-reference"></div>
${DOCS_SCRIPTS.map((src) => `<script src="${src}"></script>`).join('\n')}
</body></html>`;
}
