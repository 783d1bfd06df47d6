/**
 * The leak detector run over every log line of a test run (see log-capture.ts). Written apart
 * from the product's redaction (functions/observability/redact.ts), and broader than it: a
 * value the redaction missed, or a shape it does not know (a cut token), is a leak here.
 */
export type LeakKind = 'email' | 'phone-fr' | 'phone-intl' | 'token' | 'signature' | 'secret-param' | 'bearer';

const DETECTORS: [LeakKind, RegExp][] = [
  ['email', /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/],
  // 06 12 34 56 78, 06.12.34.56.78, 06-12-34-56-78, 0612345678 (separators may even be mixed).
  ['phone-fr', /(?<![\w.,+-])0[1-9](?:[ .-]?\d{2}){4}(?![\w])/],
  // +33 6 12 34 56 78, +33 (0)6…, 0033 6…, +44 20 7946 0958: 8 to 13 digits after the prefix.
  ['phone-intl', /(?<![\w.,+])(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\(0\))?(?:[ .-]?\d){7,12}(?![\d])/],
  // Ours are tl_<26 id chars>_<secret>; any tl_ followed by a run of id characters counts.
  ['token', /\btl_[0-9A-Za-z]{8,}/],
  // A signed link's signature, in a URL or as a field, anything but the mask.
  ['signature', /[?&](?:sig|signature)=(?!\[masqu)[^&\s"]/i],
  ['signature', /"(?:sig|signature)"\s*:\s*"(?!\[masqu)[^"]/i],
  // An outside service's key or token in a URL (the Graph API takes `access_token=`).
  ['secret-param', /[?&](?:token|access_token|refresh_token|client_secret|api_key|apikey|password)=(?!\[masqu)[^&\s"]/i],
  ['bearer', /\bBearer\s/i],
];

export interface Leak {
  line: number;
  kind: LeakKind;
  /** The start of the match only: the report must not print the secret again. */
  hint: string;
}

export interface ScanResult {
  lines: number;
  /** Lines that are not one JSON object (every line the logger writes is). */
  notJson: number[];
  leaks: Leak[];
}

export function scanLogText(text: string): ScanResult {
  const rows = text.split('\n');
  if (rows.at(-1) === '') rows.pop();
  const result: ScanResult = { lines: rows.length, notJson: [], leaks: [] };
  rows.forEach((row, i) => {
    try {
      const v: unknown = JSON.parse(row);
      if (!v || typeof v !== 'object' || Array.isArray(v)) result.notJson.push(i + 1);
    } catch {
      result.notJson.push(i + 1);
    }
    for (const [kind, re] of DETECTORS) {
      const m = re.exec(row);
      if (m) result.leaks.push({ line: i + 1, kind, hint: `${m[0].slice(0, 4)}…` });
    }
  });
  return result;
}

/** Lines whose message is "request": one per request the app answered (request-log.ts). */
export function countRequestLines(text: string): number {
  let n = 0;
  for (const row of text.split('\n')) if (row.includes('"message":"request"')) n++;
  return n;
}
