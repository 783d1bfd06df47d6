/**
 * The one layout of every HTML page the product serves (home, event pages, statements,
 * freshness pages, ballots, minutes, posters, reports, error pages): French, readable on a
 * phone, printable, and sent with a strict Content-Security-Policy.
 *
 * Pages carry no inline script and no `style` attribute: the one `<style>` element is
 * allowed by its SHA-256 hash, scripts only from same-origin URLs the page names.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { escapeHtml } from '../../domain/text/fr.js';

export type SafeHtml = { readonly __html: string };

export function raw(s: string): SafeHtml {
  return { __html: s };
}

function isSafe(v: unknown): v is SafeHtml {
  return typeof v === 'object' && v !== null && typeof (v as SafeHtml).__html === 'string';
}

function fragment(v: unknown): string {
  if (v === undefined || v === null || v === false) return '';
  if (Array.isArray(v)) return v.map(fragment).join('');
  if (isSafe(v)) return v.__html;
  return escapeHtml(String(v));
}

/** Template tag: interpolated values are escaped, `SafeHtml` kept as is, arrays joined. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => (out += fragment(v) + strings[i + 1]!));
  return raw(out);
}

export const NETWORK_NAME = 'Réseau des tiers-lieux de Dordogne';

export interface PageOptions {
  /** `<title>` and `<h1>`. */
  title: string;
  body: SafeHtml;
  /** A line under the title (plain text). */
  lead?: string;
  status?: number;
  /** Personal or signed pages: kept out of search engines. */
  noindex?: boolean;
  /** This page's own CSS, added to the layout's style element (covered by its hash). */
  css?: string;
  /** Same-origin script URLs the page loads; no inline script is ever allowed. */
  scripts?: string[];
  /** The network's navigation bar (default shown). */
  nav?: boolean;
  /** Extra `<head>` elements, e.g. a description and Open Graph tags for link previews (no script). */
  head?: SafeHtml;
}

const LAYOUT_CSS = `:root{--ink:#1f2328;--muted:#5c6670;--line:#d8dde3;--accent:#1d5e3b;--accent-soft:#e7f2ec;--warn:#8a4b00;--bad:#a1221b}
*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);line-height:1.5;margin:0;font-size:1rem}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
.site-nav{background:var(--accent);color:#fff;padding:.6rem 1rem}.site-nav a{color:#fff;text-decoration:none;margin-right:1rem;display:inline-block;padding:.2rem 0}
.site-nav .brand{font-weight:700}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.8rem 0 .3rem}h2{font-size:1.2rem;margin-top:1.8rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
.lead{color:var(--muted);margin-top:0}.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border-bottom:1px solid var(--line);padding:.35rem .4rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}
.table-wrap{overflow-x:auto}
.card{border:1px solid var(--line);border-radius:.5rem;padding:.8rem 1rem;margin:.8rem 0}
.notice{background:var(--accent-soft);border-left:4px solid var(--accent);padding:.6rem .9rem;margin:1rem 0}
.notice.warn{background:#fff4e5;border-color:var(--warn)}.notice.bad{background:#fdecea;border-color:var(--bad)}
form{margin:.6rem 0}label{display:block;font-weight:600;margin:.6rem 0 .2rem}
input,select,textarea{font:inherit;padding:.5rem;border:1px solid #9aa4ae;border-radius:.35rem;width:100%;max-width:32rem}
textarea{min-height:6rem}
button,.button{font:inherit;display:inline-block;padding:.55rem 1rem;border-radius:.35rem;border:1px solid var(--accent);background:var(--accent);color:#fff;text-decoration:none;cursor:pointer;margin:.25rem .4rem .25rem 0;min-height:2.6rem}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}
button.danger{background:#fff;color:var(--bad);border-color:var(--bad)}
.actions{display:flex;flex-wrap:wrap;gap:.2rem}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}pre{background:#f5f6f7;padding:.6rem;overflow-x:auto;border-radius:.35rem}
svg{max-width:100%;height:auto}
footer.site-footer{max-width:60rem;margin:2rem auto 1rem;padding:0 1rem;color:var(--muted);font-size:.85rem}
@media (min-width:48rem){h1{font-size:1.8rem}main{padding:1.5rem}}
@media print{.site-nav,.no-print,footer.site-footer nav{display:none}main{max-width:none;padding:0}body{font-size:11pt}a{color:inherit;text-decoration:none}h2{break-after:avoid}tr,.card{break-inside:avoid}}`;

function navigation(): string {
  return `<nav class="site-nav" aria-label="Navigation du réseau"><a class="brand" href="/">${escapeHtml(NETWORK_NAME)}</a><a href="/demo">Annuaire</a><a href="/v1/events.ics">Agenda (calendrier)</a><a href="/docs">Documentation</a></nav>`;
}

function built(o: PageOptions): { document: string; styleHash: string } {
  const css = o.css ? `${LAYOUT_CSS}\n${o.css}` : LAYOUT_CSS;
  const styleHash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
  const scripts = (o.scripts ?? []).map((src) => `<script src="${escapeHtml(src)}" defer></script>`).join('');
  const document = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
${o.noindex ? '<meta name="robots" content="noindex, nofollow">\n' : ''}${o.head ? `${o.head.__html}\n` : ''}<title>${escapeHtml(o.title)} — ${escapeHtml(NETWORK_NAME)}</title>
<style>${css}</style>${scripts}
</head>
<body>
${o.nav === false ? '' : navigation()}
<main>
<h1>${escapeHtml(o.title)}</h1>
${o.lead ? `<p class="lead">${escapeHtml(o.lead)}</p>\n` : ''}${o.body.__html}
</main>
<footer class="site-footer"><p>${escapeHtml(NETWORK_NAME)} · service associatif, sans publicité ni traceur.</p></footer>
</body>
</html>
`;
  return { document, styleHash };
}

/** The full document (for tests and for pages stored or attached elsewhere). */
export function renderPage(o: PageOptions): string {
  return built(o).document;
}

/**
 * The security headers every page carries. `styleHashes` are the CSP sources of the
 * page's style elements; `scripts` the same-origin script URLs it loads.
 */
export function applyPageSecurityHeaders(headers: Headers, opts: { scripts?: string[]; styleHashes?: string[] } = {}): void {
  const scriptSrc = opts.scripts?.length ? [...new Set(opts.scripts.map(scriptSource))].join(' ') : "'none'";
  const styleSrc = opts.styleHashes?.length ? opts.styleHashes.join(' ') : "'none'";
  headers.set(
    'Content-Security-Policy',
    `default-src 'none'; img-src 'self' data:; style-src ${styleSrc}; script-src ${scriptSrc}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  );
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'same-origin');
}

/** A script path becomes `'self'`; a full same-origin URL stays as written. */
function scriptSource(src: string): string {
  return src.startsWith('/') ? "'self'" : src;
}

/** Answers the page with its status and the security headers. */
export function pageResponse(c: Context, o: PageOptions): Response {
  const { document, styleHash } = built(o);
  const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' });
  applyPageSecurityHeaders(headers, { scripts: o.scripts, styleHashes: [styleHash] });
  if (o.noindex) headers.set('X-Robots-Tag', 'noindex');
  return new Response(c.req.method === 'HEAD' ? null : document, { status: o.status ?? 200, headers });
}

const ERROR_HINTS: Record<number, string> = {
  403: 'Ce lien n’est pas valable : il a peut-être été recopié en partie ou modifié. Demandez un nouveau lien à la personne qui vous l’a envoyé.',
  404: 'La page demandée n’existe pas, ou plus. Vérifiez l’adresse, ou repartez de l’accueil du réseau.',
  410: 'Ce lien n’est plus valable. Demandez un nouveau lien à la personne qui vous l’a envoyé.',
};

/** A French error page with a way back home; never anyone's data. */
export function errorPage(c: Context, status: number, title: string, message: string): Response {
  const hint = ERROR_HINTS[status];
  return pageResponse(c, {
    title,
    status,
    noindex: true,
    body: html`<p>${message}</p>${hint && hint !== message ? html`<p class="muted">${hint}</p>` : ''}<p><a class="button" href="/">Aller à l’accueil du réseau</a></p>`,
  });
}

/** Whether the caller is a browser asking for a page (Accept prefers text/html over JSON). */
export function wantsHtml(c: Context): boolean {
  const accept = (c.req.header('accept') ?? '').toLowerCase();
  const htmlAt = accept.indexOf('text/html');
  if (htmlAt < 0) return false;
  const jsonAt = accept.search(/application\/(problem\+)?json/);
  return jsonAt < 0 || htmlAt < jsonAt;
}
