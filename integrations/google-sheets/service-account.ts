/**
 * Service-account OAuth for Google APIs, with node:crypto only (Google's Node
 * packages need Node 22): an RS256-signed JWT exchanged for an access token,
 * cached until shortly before it expires.
 */
import { createSign } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import * as z from 'zod';

export const GOOGLE_TOKEN_DEFAULT_URL = 'https://oauth2.googleapis.com/token';
export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

export const ServiceAccountSchema = z.object({
  client_email: z.email(),
  private_key: z.string().includes('PRIVATE KEY'),
  private_key_id: z.string().optional(),
  token_uri: z.string().optional(),
});
export type ServiceAccount = z.infer<typeof ServiceAccountSchema>;

/** `GOOGLE_SERVICE_ACCOUNT` holds the JSON key itself or a path to it. */
export function readServiceAccount(value: string): ServiceAccount {
  const text = value.trim().startsWith('{') ? value : existsSync(value) ? readFileSync(value, 'utf8') : undefined;
  if (text === undefined) throw new Error(`GOOGLE_SERVICE_ACCOUNT : ni du JSON, ni un fichier existant (${value.slice(0, 60)})`);
  const parsed = ServiceAccountSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error('GOOGLE_SERVICE_ACCOUNT : clé de compte de service invalide (client_email et private_key attendus)');
  return parsed.data;
}

const b64url = (x: string | Buffer) => Buffer.from(x).toString('base64url');

/** The signed assertion: header `{alg: RS256, typ: JWT}`, claims iss/scope/aud/iat/exp (1 h). */
export function signServiceAccountJwt(sa: ServiceAccount, audience: string, nowSeconds: number): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(sa.private_key_id ? { kid: sa.private_key_id } : {}) };
  const claims = { iss: sa.client_email, scope: SHEETS_SCOPE, aud: audience, iat: nowSeconds, exp: nowSeconds + 3600 };
  const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(sa.private_key);
  return `${unsigned}.${b64url(signature)}`;
}

const TokenSchema = z.object({ access_token: z.string(), expires_in: z.number(), token_type: z.string().optional() });

interface Cached {
  token: string;
  expiresAt: number;
}
const cache = new Map<string, Cached>();

/** A valid access token, from the cache when it still has more than a minute to live. */
export async function getAccessToken(o: { sa: ServiceAccount; tokenUrl: string; fetch: typeof fetch; now: () => number; timeoutMs: number; force?: boolean }): Promise<string> {
  const key = `${o.tokenUrl}|${o.sa.client_email}`;
  const hit = cache.get(key);
  if (hit && !o.force && hit.expiresAt - 60_000 > o.now()) return hit.token;
  const assertion = signServiceAccountJwt(o.sa, o.tokenUrl, Math.floor(o.now() / 1000));
  const res = await o.fetch(o.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
    signal: AbortSignal.timeout(o.timeoutMs),
  });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`Jeton Google refusé (${res.status}) : ${JSON.stringify(body).slice(0, 300)}`);
  const t = TokenSchema.parse(body);
  cache.set(key, { token: t.access_token, expiresAt: o.now() + t.expires_in * 1000 });
  return t.access_token;
}
