import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY_POLICY, isUnavailableError, tableRetryStrategy } from '../../integrations/dynamodb/retry-policy.js';

describe('the table client’s retry policy', () => {
  it('backs off exponentially with full jitter, capped', () => {
    const p = { maxAttempts: 5, baseMs: 50, capMs: 1000, retryAfterSeconds: 2 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(p, n, () => 0.999999))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffMs(p, 3, () => 0)).toBe(0);
  });

  it('the worst total backoff fits well inside the API Lambda’s 10 s timeout', () => {
    let worst = 0;
    for (let n = 1; n < DEFAULT_RETRY_POLICY.maxAttempts; n++) worst += backoffMs(DEFAULT_RETRY_POLICY, n, () => 0.999999);
    expect(worst).toBeLessThan(3500);
  });

  it('retries throttling and transient errors up to maxAttempts in all, never a client error', async () => {
    const s = tableRetryStrategy({ maxAttempts: 3, baseMs: 1, capMs: 1, retryAfterSeconds: 1 });
    const err = new Error('x');
    let tok = await s.acquireInitialRetryToken('');
    tok = await s.refreshRetryTokenForRetry(tok, { errorType: 'THROTTLING', error: err });
    tok = await s.refreshRetryTokenForRetry(tok, { errorType: 'TRANSIENT', error: err });
    expect(tok.getRetryCount()).toBe(2);
    await expect(s.refreshRetryTokenForRetry(tok, { errorType: 'THROTTLING', error: err })).rejects.toBe(err);
    await expect(s.refreshRetryTokenForRetry(await s.acquireInitialRetryToken(''), { errorType: 'CLIENT_ERROR', error: err })).rejects.toBe(err);
  });

  it('tells a busy or unreachable database from a refused request', () => {
    expect(isUnavailableError({ name: 'ProvisionedThroughputExceededException' })).toBe(true);
    expect(isUnavailableError({ name: 'ThrottlingException' })).toBe(true);
    expect(isUnavailableError({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } })).toBe(true);
    expect(isUnavailableError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isUnavailableError({ name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isUnavailableError({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isUnavailableError({ name: 'TransactionCanceledException', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isUnavailableError({ name: 'AbortError' })).toBe(false);
  });
});
