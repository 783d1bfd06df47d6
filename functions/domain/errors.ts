/**
 * Typed errors. `status` is the HTTP status the API answers; `expose` says
 * whether `detail` may be shown to the caller (only for < 500).
 */
export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  readonly expose: boolean;
  readonly errors?: FieldError[];
  readonly extra?: Record<string, unknown>;
  /** Sent as `Retry-After` (seconds): the caller may try again then. */
  readonly retryAfterSeconds?: number;

  constructor(status: number, title: string, detail?: string, opts: { errors?: FieldError[]; cause?: unknown; extra?: Record<string, unknown>; retryAfterSeconds?: number; expose?: boolean } = {}) {
    super(detail ?? title, { cause: opts.cause });
    this.name = new.target.name;
    this.status = status;
    this.title = title;
    // A 503 says what is unavailable and when to retry; other 5xx never show their details.
    this.expose = opts.expose ?? (status < 500 || status === 503);
    this.errors = opts.errors;
    this.extra = opts.extra;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export class ValidationError extends AppError {
  constructor(errors: FieldError[], detail = 'La requête contient des champs invalides.') {
    super(400, 'Requête invalide', detail, { errors });
  }
}
export class BadRequestError extends AppError {
  constructor(detail: string) {
    super(400, 'Requête invalide', detail);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(detail = 'Un jeton d’accès valide est requis (en-tête Authorization: Bearer …).') {
    super(401, 'Authentification requise', detail);
  }
}
export class ForbiddenError extends AppError {
  constructor(detail = 'Ce jeton ne permet pas cette opération.') {
    super(403, 'Accès refusé', detail);
  }
}
export class NotFoundError extends AppError {
  constructor(what: string, id?: string) {
    super(404, 'Introuvable', id ? `${what} « ${id} » introuvable.` : `${what} introuvable.`);
  }
}
export class ConflictError extends AppError {
  constructor(detail: string, extra?: Record<string, unknown>) {
    super(409, 'Conflit', detail, { extra });
  }
}
export class UnprocessableError extends AppError {
  constructor(detail: string, errors?: FieldError[]) {
    super(422, 'Opération impossible', detail, { errors });
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, 'Requête trop volumineuse', `Le corps de la requête dépasse ${Math.round(limitBytes / 1024)} Ko.`);
  }
}

/** The database (or another service we need) does not answer for now: 503 with Retry-After. */
export class ServiceUnavailableError extends AppError {
  constructor(detail: string, opts: { retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(503, 'Service momentanément indisponible', detail, { retryAfterSeconds: opts.retryAfterSeconds ?? 5, cause: opts.cause });
  }
}

/**
 * An integration whose configuration is wrong (a token too short, a bad base id): the
 * route answers 503 naming the variable, the local server says it in one line at start.
 */
export class IntegrationConfigError extends AppError {
  constructor(detail: string, variables: string[]) {
    // Shown: it names a setting, never a secret's value, and tells the operator what to fix.
    super(503, 'Service non configuré', detail, { extra: { variables }, expose: true });
  }
}

/** zod issues → field errors with dotted paths (`address.postcode`, `rates.0.unit`). */
export function fieldErrorsFromZod(issues: readonly { path: readonly PropertyKey[]; message: string; code?: string; keys?: string[] }[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const k of issue.keys) out.push({ path: base ? `${base}.${k}` : k, message: 'champ inconnu' });
    } else {
      out.push({ path: base || '(corps)', message: issue.message });
    }
  }
  return out;
}
