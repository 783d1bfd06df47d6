/**
 * The main app's router builds each method's matcher on that method's first request
 * (functions/api/http/per-method-router.ts). For every route the app registers, it must give
 * the same handlers, in the same order, with the same parameters, as Hono's default router.
 */
import { describe, expect, it } from 'vitest';
import type { Result } from 'hono/router';
import { SmartRouter } from 'hono/router/smart-router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { TrieRouter } from 'hono/router/trie-router';
import { createApp } from '../../functions/api/app.js';
import { PerMethodRouter } from '../../functions/api/http/per-method-router.js';
import type { Deps } from '../../functions/domain/deps.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'QUERY', 'PURGE'];

/** [route index, params] for each handler matched, whatever the router's result shape. */
function normalise(res: Result<number>): [number, Record<string, string>][] {
  const stash = res[1];
  return res[0].map(([h, p]) => [h, Object.fromEntries(Object.entries(p).map(([k, v]) => [k, stash ? stash[v as number]! : (v as string)]))]);
}

/** Concrete paths for a route pattern, plus near misses. */
function samples(pattern: string): string[] {
  const filled = pattern.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => `v-${name}`).replace(/\*$/, 'deep/er');
  return [filled, `${filled}/`, `${filled}/x`, `${filled}x`, filled.replace(/\/[^/]*$/, '') || '/'];
}

describe('the per-method router', () => {
  const routes = createApp({} as Deps).routes.map(({ method, path }) => ({ method, path }));
  const paths = [...new Set([...routes.flatMap((r) => samples(r.path)), '/', '/v1', '/v1/health', '/v1/places/p%2F1', '/v1/places/abc/verify', '/v1/people/x/card', '/docs', '/docsx', '/favicon.ico', '/nowhere'])];

  it('gives the same handlers, order and parameters as the default router on every route of the app', () => {
    const reference = new SmartRouter<number>({ routers: [new RegExpRouter(), new TrieRouter()] });
    const lazy = new PerMethodRouter<number>();
    routes.forEach((r, i) => {
      reference.add(r.method, r.path, i);
      lazy.add(r.method, r.path, i);
    });
    let compared = 0;
    // Methods in a shuffled order: each builds its matcher on its own first request.
    for (const method of [...METHODS].reverse()) {
      for (const path of paths) {
        expect(normalise(lazy.match(method, path)), `${method} ${path}`).toEqual(normalise(reference.match(method, path)));
        compared++;
      }
    }
    expect(routes.length).toBeGreaterThan(20);
    expect(compared).toBe(METHODS.length * paths.length);
  });

  it('refuses a route added after the first request, as Hono routers do', () => {
    const router = new PerMethodRouter<number>();
    router.add('GET', '/a', 1);
    expect(normalise(router.match('GET', '/a'))).toEqual([[1, {}]]);
    expect(() => router.add('POST', '/b', 2)).toThrow(/already built/);
  });
});
