/**
 * What the table client does when DynamoDB throttles or does not answer.
 *
 * 1. The SDK's retry middleware asks `tableRetryStrategy` whether to try again: throttling,
 *    transient (timeouts, connection refused or reset) and 5xx answers are retried with
 *    exponential backoff and full jitter, at most `maxAttempts` times in all. The budget
 *    (≈ 1.5 s on average, under 3.5 s at worst with the defaults) fits well inside the API
 *    Lambda's 10 s timeout, so a throttled request still gets an answer from us rather
 *    than a gateway timeout.
 * 2. Once the retries are spent, `unavailableMiddleware` turns that error into a
 *    `ServiceUnavailableError` (503 problem+json with `Retry-After`), so no caller ever
 *    sees a 500 for a database that is only busy or briefly away. Client errors
 *    (validation, failed conditions, cancelled transactions) are passed on untouched.
 *
 * A transaction is all or nothing in DynamoDB, so a 503 never leaves half a visit behind.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ServiceUnavailableError } from '../../functions/domain/errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before retry n (1-based) is random in [0, min(capMs, baseMs × 2^n)]. */
  baseMs: number;
  capMs: number;
  /** Seconds sent in `Retry-After` once retries are spent. */
  retryAfterSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseMs: 50, capMs: 1000, retryAfterSeconds: 2 };

type ErrorType = 'THROTTLING' | 'TRANSIENT' | 'SERVER_ERROR' | 'CLIENT_ERROR';
interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

function token(retryCount: number, delay: number): RetryToken {
  return { getRetryCount: () => retryCount, getRetryDelay: () => delay };
}

/** A RetryStrategyV2 (the interface the SDK's retry middleware calls): no shared quota, bounded per request. */
export function tableRetryStrategy(policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random) {
  return {
    mode: 'standard',
    acquireInitialRetryToken: async (_scope: string): Promise<RetryToken> => token(0, 0),
    refreshRetryTokenForRetry: async (previous: RetryToken, info: { errorType: ErrorType; error?: unknown }): Promise<RetryToken> => {
      const retries = previous.getRetryCount() + 1;
      if (info.errorType === 'CLIENT_ERROR' || retries >= policy.maxAttempts) throw info.error ?? new Error('no retry');
      return token(retries, backoffMs(policy, retries, random));
    },
    recordSuccess: (_t: RetryToken): void => {},
  };
}

export function backoffMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.capMs, policy.baseMs * 2 ** retry));
}

const THROTTLING = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'Throttling', 'TooManyRequestsException', 'LimitExceededException']);
const TRANSIENT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'InternalServerError', 'ServiceUnavailable', 'ServiceUnavailableException']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_HTTP2_STREAM_ERROR']);

/** DynamoDB is busy or away (as opposed to refusing this request): worth a 503 and a retry later. */
export function isUnavailableError(err: unknown): boolean {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'AbortError') return false;
  if (THROTTLING.has(e.name ?? '') || TRANSIENT_NAMES.has(e.name ?? '')) return true;
  if (NETWORK_CODES.has(e.code ?? '')) return true;
  const status = e.$metadata?.httpStatusCode ?? 0;
  return status === 429 || status >= 500;
}

export const UNAVAILABLE_DETAIL = 'La base de données est momentanément surchargée ou injoignable : rien n’a été enregistré, réessayez dans quelques secondes.';

/** Outermost middleware of the client: after the SDK's retries, a busy database becomes a 503. */
export function addUnavailableMiddleware(client: DynamoDBClient, policy: RetryPolicy = DEFAULT_RETRY_POLICY): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        if (!isUnavailableError(err)) throw err;
        throw new ServiceUnavailableError(UNAVAILABLE_DETAIL, { retryAfterSeconds: policy.retryAfterSeconds, cause: err });
      }
    },
    { step: 'initialize', priority: 'high', name: 'tableUnavailableMiddleware' },
  );
}
