/**
 * Runs before any handler, so before any body parsing or record lookup:
 * 1. a write (POST, PUT, PATCH, DELETE) without a valid token is 401, whatever the body
 *    or the id, so an anonymous caller learns nothing about which ids exist. A write route
 *    open to callers without a Bearer token (signed hooks, signed links, ballots) must be
 *    documented with `access: 'public'` or `'signed'` (`documentRoute`).
 *    (A token that is present but invalid is already refused, 401, when the actor is resolved.)
 * 2. path parameters named `…Id` must be well-formed ids (the shared `IdSchema`), so no
 *    absurd key ever reaches DynamoDB.
 * The documented routes are the table read here: a route is guarded as documented.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { routeDocs, type RouteDoc } from '../openapi/registry.js';
import { IdSchema } from '../../../schemas/common.js';
import { UnauthenticatedError, ValidationError } from '../../domain/errors.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const OPEN_ACCESS = new Set<RouteDoc['access']>(['public', 'signed']);

interface CompiledRoute {
  doc: RouteDoc;
  pattern: RegExp;
  names: string[];
  /** Static segments win over parameters (`/v1/places.geojson` before `/v1/places/{placeId}`). */
  params: number;
}

let compiled: CompiledRoute[] = [];
let compiledFrom = -1;

function compile(): CompiledRoute[] {
  if (compiledFrom === routeDocs.length) return compiled;
  compiled = routeDocs
    .map((doc) => {
      const names: string[] = [];
      const source = doc.path
        .split(/(\{\w+\})/)
        .map((part) => {
          const m = /^\{(\w+)\}$/.exec(part);
          if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(m[1]!);
          return '([^/]+)';
        })
        .join('');
      return { doc, pattern: new RegExp(`^${source}/?$`), names, params: names.length };
    })
    .sort((a, b) => a.params - b.params);
  compiledFrom = routeDocs.length;
  return compiled;
}

/** The documented route answering this method and path, with its path parameters. */
export function matchRouteDoc(method: string, path: string): { doc: RouteDoc; params: Record<string, string> } | undefined {
  const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  for (const r of compile()) {
    if (r.doc.method !== m) continue;
    const hit = r.pattern.exec(path);
    if (!hit) continue;
    const params: Record<string, string> = {};
    r.names.forEach((n, i) => {
      let v = hit[i + 1]!;
      try {
        v = decodeURIComponent(v);
      } catch {
        // a malformed escape stays as sent; the id check refuses it
      }
      params[n] = v;
    });
    return { doc: r.doc, params };
  }
  return undefined;
}

/**
 * The documented route of a request, looked up once per request: the main app's guard, a
 * route group's guard and the request log all ask for it. Remembered with the number of
 * documented routes it was found among, so a group loaded meanwhile (its routes documented
 * then) is looked up again.
 */
const matchesByRequest = new WeakMap<Request, { among: number; hit: ReturnType<typeof matchRouteDoc> }>();
export function matchRequestDoc(req: Request, method: string, path: string): ReturnType<typeof matchRouteDoc> {
  const known = matchesByRequest.get(req);
  if (known && known.among === routeDocs.length) return known.hit;
  const hit = matchRouteDoc(method, path);
  matchesByRequest.set(req, { among: routeDocs.length, hit });
  return hit;
}

/**
 * `final`: this app serves the path itself (a route group), so an undocumented write is
 * refused to anonymous callers; the main app lets an unknown path through to the groups.
 */
export function routeGuard(opts: { final: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    const hit = matchRequestDoc(c.req.raw, method, c.req.path);
    if (WRITE_METHODS.has(method) && c.var.actor.role === 'public') {
      if (hit ? !OPEN_ACCESS.has(hit.doc.access) : opts.final) throw new UnauthenticatedError();
    }
    if (hit) {
      const errors = Object.entries(hit.params)
        .filter(([name]) => /id$/i.test(name) && !IdSchema.safeParse(hit.params[name]).success)
        .map(([name]) => ({ path: name, message: 'identifiant invalide (lettres, chiffres, - et _, 64 caractères au plus)' }));
      if (errors.length) throw new ValidationError(errors, 'Identifiant invalide dans le chemin.');
    }
    await next();
  };
}
