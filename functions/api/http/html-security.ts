/**
 * A safety net under every HTML answer: a page that did not set its own
 * Content-Security-Policy (pages built with the shared layout, /docs and /demo do) gets one
 * derived from its markup — its inline `<style>` elements allowed by their SHA-256 hashes, its
 * `<script src>` from this origin, no inline script (an inline script, if any slipped in, is
 * blocked and shows up as a console error in the browser tests) — and every HTML answer
 * carries `X-Content-Type-Options: nosniff` and a `Referrer-Policy`.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { applyPageSecurityHeaders } from '../pages/layout.js';

const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;
const SCRIPT_SRC = /<script\b[^>]*\bsrc="([^"]+)"/gi;

/** The CSP sources a page's own markup needs. */
export function sourcesOf(markup: string): { styleHashes: string[]; scripts: string[] } {
  const styleHashes = [...markup.matchAll(STYLE)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
  const scripts = [...markup.matchAll(SCRIPT_SRC)].map((m) => m[1]!).filter((src) => src.startsWith('/') && !src.startsWith('//'));
  return { styleHashes: [...new Set(styleHashes)], scripts: [...new Set(scripts)] };
}

export const htmlSecurityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const type = c.res.headers.get('content-type') ?? '';
  if (!type.startsWith('text/html')) return;
  if (c.res.headers.has('content-security-policy')) {
    if (!c.res.headers.has('x-content-type-options')) c.res.headers.set('X-Content-Type-Options', 'nosniff');
    if (!c.res.headers.has('referrer-policy')) c.res.headers.set('Referrer-Policy', 'same-origin');
    return;
  }
  const body = c.res.body ? await c.res.clone().text() : '';
  const headers = new Headers(c.res.headers);
  applyPageSecurityHeaders(headers, sourcesOf(body));
  c.res = new Response(c.req.method === 'HEAD' ? null : body, { status: c.res.status, headers });
};
