import type { Context } from 'hono';
import { createHash } from 'node:crypto';

/**
 * Answers a public, cacheable body with a strong ETag (content hash) and Cache-Control,
 * and 304 Not Modified when the client (or the CDN) already holds this version.
 */
export function cachedBody(c: Context, body: string, contentType: string, cacheControl: string, etag?: string): Response {
  const tag = etag ?? `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  c.header('ETag', tag);
  c.header('Cache-Control', cacheControl);
  c.header('Vary', 'Accept-Encoding');
  const inm = c.req.header('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === tag)) return c.body(null, 304);
  c.header('Content-Type', contentType);
  return c.body(body);
}
