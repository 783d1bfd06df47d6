/**
 * Where kit files sit and the headers they are served with: one source for the local server
 * (kit-files.ts) and for the CDN's response headers policy in AWS (infra), which must agree.
 * No imports, so the CDK app can read it without loading the domain.
 */

/** The prefix of kit files in the store, and the CDN path they are served under in AWS. */
export const KIT_FILES_PREFIX = 'kit-files/';

/** The headers every kit file is served with: no uploaded file can run a script on this origin. */
export const FILE_SECURITY_HEADERS = {
  'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; media-src 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;
