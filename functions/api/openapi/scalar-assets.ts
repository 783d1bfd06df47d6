/**
 * The API reference viewer served by the API itself, so /docs works offline and asks
 * nothing of any other host: Scalar's standalone bundle (a kept, maintained OpenAPI
 * viewer; MIT) and the few lines that start it on /v1/openapi.json.
 *
 * Where the bundle comes from: `scalar-standalone.js` next to the running module (the
 * Lambda bundle ships it, see scripts/build.ts), or SCALAR_BUNDLE_PATH, or the installed
 * package (local server, tests). Read once, on the first request for it: 3.3 MB that a
 * cold start of the API never touches.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

export const SCALAR_FILE_NAME = 'scalar-standalone.js';
export const SCALAR_PACKAGE_FILE = '@scalar/api-reference/browser/standalone.js';

/** Path of the installed package's standalone bundle (build time and local runs). */
export function installedScalarPath(): string {
  return createRequire(import.meta.url).resolve(SCALAR_PACKAGE_FILE);
}

export interface StaticAsset {
  body: string;
  etag: string;
}

/**
 * The viewer declares its fonts with remote URLs (its own font host), which Chromium fetches
 * (or, under our CSP, refuses with a console error) as soon as the style sheet is in, whatever
 * `withDefaultFonts` says. Each remote `url(…woff2)` becomes `local(…)`: the font is used when
 * installed, the system font otherwise, and nothing is fetched.
 */
export function withoutRemoteFonts(code: string): string {
  return code.replace(/url\(https?:\/\/[^)\s]+\.woff2\)\s*format\(\\?"woff2\\?"\)/g, 'local(Inter)');
}

let scalar: StaticAsset | undefined;

export function scalarBundle(): StaticAsset {
  if (!scalar) {
    const shipped = process.env.SCALAR_BUNDLE_PATH ?? fileURLToPath(new URL(`./${SCALAR_FILE_NAME}`, import.meta.url));
    const body = withoutRemoteFonts(readFileSync(existsSync(shipped) ? shipped : installedScalarPath(), 'utf8'));
    scalar = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  }
  return scalar;
}

/**
 * Scalar's options: the document is ours; the default fonts (fetched from Scalar's own
 * servers), telemetry and the developer toolbar are off, so the page makes no request
 * outside its origin and the CSP can say `connect-src 'self'`.
 */
const VIEWER_OPTIONS = {
  url: '/v1/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  showDeveloperTools: 'never',
  hideDarkModeToggle: false,
  documentDownloadType: 'json',
  defaultHttpClient: { targetKey: 'shell', clientKey: 'curl' },
  defaultOpenAllTags: false,
  persistAuth: false,
};

/** The start script (a file of its own: the page's CSP allows no inline script). */
export const SCALAR_INIT_JS = `// Starts the API reference viewer on /v1/openapi.json (see /docs).
Scalar.createApiReference('#api-reference', ${JSON.stringify(VIEWER_OPTIONS)});
`;
