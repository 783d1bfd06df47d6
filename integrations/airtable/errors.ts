/** An answer of the Airtable API that is not a success, with its error type. */
export class AirtableError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(`Airtable ${status} ${type} : ${message}`);
    this.name = 'AirtableError';
  }
}

/** Reads both error body shapes: `{error:{type,message}}` and the 429 `{errors:[{error,message}]}`. */
export function airtableErrorFrom(status: number, body: unknown): AirtableError {
  const b = body as { error?: { type?: string; message?: string } | string; errors?: { error?: string; message?: string }[] } | undefined;
  if (b && typeof b.error === 'object') return new AirtableError(status, b.error.type ?? 'UNKNOWN', b.error.message ?? '');
  if (b && typeof b.error === 'string') return new AirtableError(status, b.error, '');
  const first = b?.errors?.[0];
  if (first) return new AirtableError(status, first.error ?? 'UNKNOWN', first.message ?? '');
  return new AirtableError(status, status >= 500 ? 'SERVER_ERROR' : 'UNKNOWN', `réponse HTTP ${status}`);
}
