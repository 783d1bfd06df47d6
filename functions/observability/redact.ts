/**
 * What never reaches a log line: emails, phone numbers, tokens (ours `tl_…`, any Bearer
 * value, signed-link signatures, card and poster tokens) and Authorization headers.
 * Applied to every attribute of every line (Powertools' `jsonReplacerFn`), by key name and
 * by the shape of string values (keys included), so a message or an error text that quotes
 * one is masked too.
 */
export const MASK = '[masqué]';

/** Keys whose value is masked whatever it looks like. */
const SENSITIVE_KEY = /authorization|cookie|token|secret|password|passwd|signature|^sig$|api[-_]?key|email|e-mail|phone|t[ée]l[ée]phone|mobile/i;

const PATTERNS: RegExp[] = [
  /Bearer\s+[^\s"',;]+/gi,
  /\btl_[0-9A-Za-z]{26}_[A-Za-z0-9_-]{20,}/g,
  // A query parameter that carries a secret (signed links, tokens, an outside service's keys
  // such as a Facebook page's `access_token`).
  /([?&](?:sig|token|t|key|signature|access_token|refresh_token|client_secret|api_key|apikey|password)=)[^&\s"']+/gi,
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
  // Phone numbers: +33 6 12 34 56 78, 06.12.34.56.78, 0612345678, +44 20 7946 0958…
  /(?<!\w)(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){6,12}/g,
  // French numbers keep one separator throughout, so a run of dates (2026-03-02 2026-03) is not one.
  /\b0[1-9]([\s.-]?)\d{2}(?:\1\d{2}){3}\b/g,
];

export function redactText(s: string): string {
  let out = s;
  for (const p of PATTERNS) out = out.replace(p, (m, prefix?: unknown) => (typeof prefix === 'string' && prefix.length > 1 && m.startsWith(prefix) ? prefix + MASK : MASK));
  return out;
}

/** An object whose keys themselves carry personal data (a map by email, by phone): keys masked too. */
function redactKeys(value: object): object {
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const masked = redactText(k);
    if (masked !== k) changed = true;
    out[masked] = v;
  }
  return changed ? out : value;
}

/** A JSON.stringify replacer: masks sensitive keys and sensitive-looking strings. */
export function redactReplacer(key: string, value: unknown): unknown {
  if (key && SENSITIVE_KEY.test(key) && value !== null && value !== undefined && typeof value !== 'boolean') return MASK;
  if (typeof value === 'string') return redactText(value);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return redactKeys(value);
  if (value instanceof Error) return { name: value.name, message: redactText(value.message), stack: value.stack ? redactText(value.stack) : undefined };
  if (typeof value === 'bigint') return value.toString();
  return value;
}
