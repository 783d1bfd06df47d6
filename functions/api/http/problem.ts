import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../../domain/errors.js';
import { errorPage, wantsHtml } from '../pages/layout.js';
import { describeError, logger } from '../../observability/logger.js';

const PROBLEM_TYPE_BASE = 'https://tiers-lieux.example/problemes/';

export function problemResponse(c: Context, status: number, body: Record<string, unknown>): Response {
  return c.body(JSON.stringify({ type: 'about:blank', ...body, status }), status as 400, { 'content-type': 'application/problem+json; charset=utf-8' });
}

/** One error handler: typed errors become problem+json; anything else is logged and answered 500 without details. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof AppError) {
    if (!err.expose || err.status >= 500) logger.error(err.message, { route: c.req.routePath, ...describeError(err) });
    if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.retryAfterSeconds));
    return problemResponse(c, err.status, {
      type: PROBLEM_TYPE_BASE + err.name.replace(/Error$/, '').toLowerCase(),
      title: err.title,
      detail: err.expose ? err.message : 'Erreur interne.',
      ...(err.errors ? { errors: err.errors } : {}),
      ...(err.expose && err.extra ? err.extra : {}),
    });
  }
  if (err instanceof HTTPException) {
    // A page already written (a bad signed link's French page) is answered as is.
    if (err.res) return err.getResponse();
    return problemResponse(c, err.status, { title: err.message || 'Erreur', detail: err.message });
  }
  logger.error('unhandled', { route: c.req.routePath, ...describeError(err) });
  return problemResponse(c, 500, { title: 'Erreur interne', detail: 'Une erreur inattendue est survenue ; elle a été journalisée.' });
}

/** A browser gets a French page with a link home; API clients keep problem+json. */
export function notFound(c: Context): Response {
  if (wantsHtml(c)) return errorPage(c, 404, 'Page introuvable', 'Nous n’avons trouvé aucune page à cette adresse.');
  return problemResponse(c, 404, { title: 'Introuvable', detail: `Aucune route ${c.req.method} ${c.req.path}.` });
}
