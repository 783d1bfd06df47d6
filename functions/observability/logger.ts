/**
 * One structured JSON logger (Powertools for AWS Lambda) for the API and the background
 * functions. Every line goes through `redactReplacer`: no email, phone, token or
 * Authorization header is ever written. Level: `POWERTOOLS_LOG_LEVEL` (INFO by default;
 * the test run sets WARN, and the log test raises it back to INFO).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { redactReplacer } from './redact.js';

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'tiers-lieux',
  jsonReplacerFn: redactReplacer,
});

/** An error's name, message and cause chain, for a log line (the replacer masks what must be). */
export function describeError(err: unknown): Record<string, unknown> {
  const e = err as Error & { cause?: unknown };
  if (!e || typeof e !== 'object') return { error: String(err) };
  return { errorName: e.name, errorMessage: e.message, ...(e.cause !== undefined ? { cause: String((e.cause as Error)?.name ?? e.cause) + ': ' + String((e.cause as Error)?.message ?? '') } : {}), ...(e.stack ? { stack: e.stack } : {}) };
}
