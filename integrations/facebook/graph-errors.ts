/**
 * Graph API errors, classified the way the relay must react to them
 * (contracts/facebook.md, "Errors"):
 * - `token`      190: the Page token is expired or invalid — never retried, an administrator acts;
 * - `throttled`  4, 17, 32, 613: rate limits — retried later with backoff;
 * - `transient`  Graph says it did nothing and will recover (code 2, `is_transient`, HTTP 503) — retried;
 * - `rejected`   anything else Graph answered with an error body (permissions 10/200–299,
 *                policy 368, duplicate 506, invalid parameter 100…) — not retried;
 * - `uncertain`  no usable answer (network failure, timeout, 5xx without a Graph error, code 1):
 *                the request may or may not have been applied.
 */
import * as z from 'zod';

export const THROTTLING_CODES = new Set([4, 17, 32, 613]);
export const TOKEN_ERROR_CODE = 190;

export const GraphErrorBodySchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    fbtrace_id: z.string().optional(),
    is_transient: z.boolean().optional(),
  }),
});
export type GraphErrorBody = z.infer<typeof GraphErrorBodySchema>;

export type GraphErrorKind = 'token' | 'throttled' | 'transient' | 'rejected' | 'uncertain';

export class GraphError extends Error {
  constructor(
    readonly kind: GraphErrorKind,
    message: string,
    readonly httpStatus?: number,
    readonly code?: number,
    readonly subcode?: number,
    readonly fbtraceId?: string,
    opts: { cause?: unknown } = {},
  ) {
    super(message, opts);
    this.name = 'GraphError';
  }

  /** Worth trying again later (for a create: only when Graph certainly did nothing). */
  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'transient' || this.kind === 'uncertain';
  }
}

/** Builds the error of a non-2xx Graph response from its status and body text. */
export function graphErrorFromResponse(status: number, bodyText: string): GraphError {
  let parsed: GraphErrorBody | undefined;
  try {
    const r = GraphErrorBodySchema.safeParse(JSON.parse(bodyText));
    if (r.success) parsed = r.data;
  } catch {
    /* not JSON: handled below */
  }
  if (!parsed) {
    const kind: GraphErrorKind = status === 503 ? 'transient' : status >= 500 || status === 429 ? 'uncertain' : 'rejected';
    return new GraphError(kind, `HTTP ${status} sans erreur Graph lisible`, status);
  }
  const e = parsed.error;
  let kind: GraphErrorKind;
  if (e.code === TOKEN_ERROR_CODE) kind = 'token';
  else if (THROTTLING_CODES.has(e.code)) kind = 'throttled';
  // Code 1 ("unknown error") is known to come back after the post was in fact created.
  else if (e.code === 1) kind = 'uncertain';
  else if (e.is_transient || e.code === 2 || status === 503) kind = 'transient';
  else kind = 'rejected';
  return new GraphError(kind, e.message, status, e.code, e.error_subcode, e.fbtrace_id);
}
