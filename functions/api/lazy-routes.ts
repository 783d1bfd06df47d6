/**
 * Route groups loaded on their first request, so that a cold start of the API
 * function compiles and initialises only the directory (the routes most calls use).
 *
 * The bundle is split by esbuild (`splitting`): each group below is its own chunk,
 * imported the first time one of its paths is asked for. The group's routes live in a
 * small Hono app of their own, with the same error and 404 handlers; it inherits the
 * dependencies and the caller's identity the main app has already resolved, so the
 * token is checked once and every behaviour stays the same as if it were mounted eagerly.
 */
import { Hono } from 'hono';
import { METHOD_NAME_ALL } from 'hono/router';
import { SmartRouter } from 'hono/router/smart-router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { TrieRouter } from 'hono/router/trie-router';
import type { AppEnv } from './env.js';
import type { Deps } from '../domain/deps.js';
import type { Actor } from '../domain/actor.js';
import { notFound, onError } from './http/problem.js';
import { routeGuard } from './http/route-guard.js';

interface GroupModule {
  mount(app: Hono<AppEnv>): void;
}

interface LazyGroup {
  /** Path prefixes (exact path, or anything below it) the group answers. */
  prefixes: readonly string[];
  load: () => Promise<GroupModule>;
}

const FEATURE_GROUPS = {
  mobility: {
    prefixes: ['/v1/settings/mobility', '/v1/passes', '/v1/visits', '/v1/ledger', '/v1/settlements', '/v1/statements', '/v1/links/statements'],
    load: () => import('./groups/mobility.js'),
  },
  sync: { prefixes: ['/v1/sync', '/v1/hooks'], load: () => import('./groups/sync.js') },
  freshness: { prefixes: ['/v1/freshness/links', '/verifier'], load: () => import('./groups/freshness.js') },
  events: { prefixes: ['/v1/events', '/v1/events.ics', '/widget.js', '/demo', '/events'], load: () => import('./groups/events.js') },
  decisions: { prefixes: ['/v1/settings/governance', '/v1/proposals', '/v1/decisions', '/v1/decisions.ics', '/vote'], load: () => import('./groups/decisions.js') },
  // `/` itself only: as a prefix it would take every path (see `mountLazyGroups`).
  home: { prefixes: ['/', '/favicon.ico'], load: () => import('./groups/home.js') },
  // The card and poster routes sit below the eager directory's paths: their own prefixes (with the
  // same parameter names) send only them here, `/v1/places/{placeId}` itself stays eager.
  checkin: { prefixes: ['/v1/availability', '/v1/reservations', '/v1/people/:personId/card', '/v1/places/:placeId/poster', '/c', '/m'], load: () => import('./groups/checkin.js') },
  opendata: { prefixes: ['/v1/opendata'], load: () => import('./groups/opendata.js') },
  facets: { prefixes: ['/v1/facets'], load: () => import('./groups/facets.js') },
  finance: { prefixes: ['/v1/finance'], load: () => import('./groups/finance.js') },
  kit: { prefixes: ['/v1/kit'], load: () => import('./groups/kit.js') },
  stats: { prefixes: ['/stats'], load: () => import('./groups/stats.js') },
  // Personal data on request (RGPD) below the eager person routes, like the card, and the retention settings.
  privacy: { prefixes: ['/v1/people/:personId/export', '/v1/people/:personId/erase', '/v1/settings/retention'], load: () => import('./groups/privacy.js') },
  valuation: { prefixes: ['/v1/contributions', '/v1/settings/valuation', '/v1/valuation', '/v1/coordination'], load: () => import('./groups/valuation.js') },
} satisfies Record<string, LazyGroup>;

const LAZY_GROUPS: Record<string, LazyGroup> = {
  ...FEATURE_GROUPS,
  // The API description covers every route: it loads every group first (each route file documents itself).
  docs: {
    prefixes: ['/v1/openapi.json', '/docs'],
    load: async () => {
      await Promise.all(Object.values(FEATURE_GROUPS).map((g) => g.load()));
      return import('./groups/docs.js');
    },
  },
};

/** What the main app hands down to a group's app, next to the runtime's own bindings. */
const INHERITED = 'tiersLieux.inherited';
interface Inherited {
  [INHERITED]: { deps: Deps; actor: Actor };
}

const groupApps = new Map<string, Promise<Hono<AppEnv>>>();

/** The group's app, built once per process. */
export function groupApp(name: string): Promise<Hono<AppEnv>> {
  let app = groupApps.get(name);
  if (!app) {
    const group = LAZY_GROUPS[name];
    if (!group) throw new Error(`Unknown route group: ${name}`);
    app = group.load().then((mod) => {
      const sub = new Hono<AppEnv>();
      sub.onError(onError);
      sub.notFound(notFound);
      sub.use('*', async (c, next) => {
        const { deps, actor } = (c.env as Inherited)[INHERITED];
        c.set('deps', deps);
        c.set('actor', actor);
        await next();
      });
      sub.use('*', routeGuard({ final: true }));
      mod.mount(sub);
      // A route outside the group's prefixes would never be dispatched here: fail loudly instead.
      const stray = sub.routes.filter((r) => r.method !== 'ALL' && !group.prefixes.some((p) => r.path === p || (p !== '/' && r.path.startsWith(`${p}/`))));
      if (stray.length) throw new Error(`Route group ${name} serves paths outside its prefixes: ${stray.map((r) => r.path).join(', ')}`);
      return sub;
    });
    // A failed load (should never happen with a sound bundle) is retried on the next request.
    app.catch(() => groupApps.delete(name));
    groupApps.set(name, app);
  }
  return app;
}

/**
 * The groups' prefixes, in a router of their own: the main app's router is built on the first
 * request (every route inserted once per method), and these ~80 prefix routes were most of its
 * routes, so a cold start's first answer (`GET /v1/health`, a directory read) paid for them
 * (`npm run bench -- api`). Same router kind as Hono's default and the same paths as a
 * route each (`prefix` and `prefix/*`), so a path reaches the same group as before; this one
 * is built only when a request falls through to the groups.
 */
function prefixRouter(): SmartRouter<string> {
  const router = new SmartRouter<string>({ routers: [new RegExpRouter(), new TrieRouter()] });
  for (const [name, group] of Object.entries(LAZY_GROUPS)) {
    for (const prefix of group.prefixes) {
      router.add(METHOD_NAME_ALL, prefix, name);
      // The root is a page, not a prefix: `/*` would swallow every path, the 404 included.
      if (prefix !== '/') router.add(METHOD_NAME_ALL, `${prefix}/*`, name);
    }
  }
  return router;
}

/**
 * Registers every lazy group on the main app; call after the middleware that sets `deps` and
 * `actor`, and after the eager routes: like the per-prefix routes it replaces, this last handler
 * runs only when no eager route answered, and the first group (in the order above) whose prefix
 * matches takes the request; no group: on to the 404.
 */
export function mountLazyGroups(app: Hono<AppEnv>): void {
  let router: SmartRouter<string> | undefined;
  app.all('*', async (c, next) => {
    router ??= prefixRouter();
    const name = router.match(METHOD_NAME_ALL, c.req.path)[0][0]?.[0];
    if (name === undefined) return next();
    const sub = await groupApp(name);
    const env = { ...(c.env as object | undefined), [INHERITED]: { deps: c.var.deps, actor: c.var.actor } };
    return sub.fetch(c.req.raw, env);
  });
}

/** Every route of every lazy group (method and Hono path), loading them all: for the docs test. */
export async function lazyGroupRoutes(): Promise<{ method: string; path: string }[]> {
  const apps = await Promise.all(Object.keys(LAZY_GROUPS).map(groupApp));
  return apps.flatMap((a) => a.routes.map(({ method, path }) => ({ method, path })));
}
