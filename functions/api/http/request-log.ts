/**
 * One log line per request: request id, cold start, method, route (the documented pattern,
 * `/v1/places/{placeId}`, never the raw path, which may carry a card or poster token),
 * status and duration. Errors add their own line (problem.ts). Values are redacted by the
 * logger (functions/observability/redact.ts).
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { logger } from '../../observability/logger.js';
import { matchRequestDoc } from './route-guard.js';

let coldStart = true;

/** The Lambda request id when running in Lambda (hono/aws-lambda puts the context in `c.env`), else a fresh one. */
function requestIdOf(env: unknown): string {
  const id = (env as { lambdaContext?: { awsRequestId?: string } } | undefined)?.lambdaContext?.awsRequestId;
  return id ?? randomUUID();
}

export function requestLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const first = coldStart;
    coldStart = false;
    const requestId = requestIdOf(c.env);
    c.header('x-request-id', requestId);
    try {
      await next();
    } finally {
      const status = c.res.status;
      const route = matchRequestDoc(c.req.raw, c.req.method, c.req.path)?.doc.path ?? (status === 404 ? '(inconnue)' : '(non documentée)');
      const line = { requestId, coldStart: first, method: c.req.method, route, status, durationMs: Math.round((performance.now() - started) * 10) / 10 };
      if (status >= 500) logger.error('request', line);
      else logger.info('request', line);
    }
  };
}
