/**
 * The one Hono app, used as is by the Lambda entry and by the local server.
 * Routes live one file per resource in `routes/`. The directory is mounted here; the
 * other features are route groups loaded on first use (`lazy-routes.ts`).
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from './env.js';
import type { Deps } from '../domain/deps.js';
import { resolveActor } from '../domain/tokens.js';
import { notFound, onError } from './http/problem.js';
import { healthHandler } from './routes/meta.js';
import { placeRoutes } from './routes/places.js';
import { resourceRoutes } from './routes/resources.js';
import { peopleRoutes } from './routes/people.js';
import { tokenRoutes } from './routes/tokens.js';
import { auditRoutes } from './routes/audit.js';
import { freshnessRoutes } from './routes/freshness.js';
import { mountLazyGroups } from './lazy-routes.js';
import { objectRoutes } from './routes/objects.js';
import { htmlSecurityHeaders } from './http/html-security.js';
import { routeGuard } from './http/route-guard.js';
import { requestLog } from './http/request-log.js';
import { PerMethodRouter } from './http/per-method-router.js';

export function createApp(deps: Deps): Hono<AppEnv> {
  // Each method's matcher is built on its first request (see per-method-router.ts).
  const app = new Hono<AppEnv>({ router: new PerMethodRouter() });
  app.onError(onError);
  app.notFound(notFound);
  // First, so its line has the final status and the whole duration.
  app.use('*', requestLog());
  // Liveness answers before every other middleware (see healthHandler), unless the caller sends
  // a token: a bad token is refused (401) on every route, this one included.
  const health = healthHandler(deps);
  app.get('/v1/health', (c, next) => (c.req.header('authorization') === undefined ? health(c) : next()));

  // Public reads may be called from any website (the widget); writes need a token,
  // which browsers on other origins never hold, so CORS stays read-only.
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], allowHeaders: ['Content-Type', 'If-None-Match'], exposeHeaders: ['ETag'], maxAge: 86400 }));

  // Every HTML answer leaves with a CSP, nosniff and a Referrer-Policy (see html-security.ts).
  app.use('*', htmlSecurityHeaders);

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('actor', await resolveActor(deps, c.req.header('authorization')));
    await next();
  });
  // Authentication (writes) and path ids, before any handler parses anything.
  app.use('*', routeGuard({ final: false }));

  // Public reads may be cached by the CDN and browsers for a minute; anything read
  // with a token (private fields) or any error is never stored.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' || c.res.headers.has('cache-control')) return;
    c.header('Vary', 'Authorization', { append: true });
    c.header('Cache-Control', c.req.header('authorization') || c.res.status >= 400 ? 'private, no-store' : 'public, max-age=60, stale-while-revalidate=300');
  });

  app.get('/v1/health', health);
  app.route('/v1', placeRoutes);
  app.route('/v1', resourceRoutes);
  app.route('/v1', peopleRoutes);
  app.route('/v1/tokens', tokenRoutes);
  app.route('/v1/audit', auditRoutes);
  app.route('/v1/freshness', freshnessRoutes);
  app.route('/', objectRoutes);
  // Mobility, sync, events and widget, and the API docs: loaded on their first request.
  mountLazyGroups(app);
  return app;
}
