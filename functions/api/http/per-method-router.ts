/**
 * Hono's default router (a SmartRouter: RegExpRouter, else TrieRouter) builds, on the first
 * request, one matcher per method the app registers (GET, POST, PATCH, DELETE and ALL here),
 * every `app.use('*')` middleware inserted into each. A cold start answers one GET, so most
 * of that work was for requests the instance may never get (`npm run bench -- api`).
 *
 * This router keeps the routes as registered and builds the same default router for a method
 * the first time a request of that method arrives, from that method's routes and the ALL
 * ones, in registration order: the handlers a request gets, and their order, are those the
 * default router gives (tests/directory/per-method-router.test.ts compares them). As with
 * Hono's routers, no route may be added once the first request has been matched.
 */
import { METHOD_NAME_ALL, type Result, type Router } from 'hono/router';
import { SmartRouter } from 'hono/router/smart-router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { TrieRouter } from 'hono/router/trie-router';

export class PerMethodRouter<T> implements Router<T> {
  name = 'PerMethodRouter';
  readonly #routes: [method: string, path: string, handler: T][] = [];
  readonly #byMethod = new Map<string, Router<T>>();
  #built = false;

  add(method: string, path: string, handler: T): void {
    if (this.#built) throw new Error('Can not add a route since the matcher is already built.');
    this.#routes.push([method, path, handler]);
  }

  match(method: string, path: string): Result<T> {
    this.#built = true;
    let router = this.#byMethod.get(method);
    if (!router) {
      router = new SmartRouter<T>({ routers: [new RegExpRouter(), new TrieRouter()] });
      for (const [m, p, h] of this.#routes) if (m === method || m === METHOD_NAME_ALL) router.add(m, p, h);
      this.#byMethod.set(method, router);
    }
    return router.match(method, path);
  }
}
