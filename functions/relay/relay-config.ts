/**
 * Configuration of the Facebook relay (names from shared/sheet-layout.md), validated once.
 * In AWS the Page token comes from Secrets Manager (FACEBOOK_PAGE_TOKEN_SECRET_ARN).
 */
import * as z from 'zod';
import { readSecret } from '../config.js';
import { DEFAULT_GRAPH_URL } from '../../integrations/facebook/graph-client.js';

export const RelayEnvSchema = z.object({
  FACEBOOK_PAGE_ID: z.string().regex(/^\d+$/, 'identifiant numérique de la page attendu'),
  FACEBOOK_PAGE_TOKEN: z.string().min(10).optional(),
  FACEBOOK_PAGE_TOKEN_SECRET_ARN: z.string().min(1).optional(),
  FACEBOOK_GRAPH_URL: z.url().default(DEFAULT_GRAPH_URL),
  PUBLIC_BASE_URL: z.url(),
});
export type RelayEnv = z.infer<typeof RelayEnvSchema>;

export interface RelayConfig {
  pageId: string;
  pageToken: string;
  graphUrl: string;
  publicBaseUrl: string;
}

export function readRelayEnv(env: NodeJS.ProcessEnv): RelayEnv {
  const parsed = RelayEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error('Configuration du relais Facebook invalide : ' + parsed.error.issues.map((i) => `${i.path.join('.')} — ${i.message}`).join(' ; '));
  if (!parsed.data.FACEBOOK_PAGE_TOKEN && !parsed.data.FACEBOOK_PAGE_TOKEN_SECRET_ARN) throw new Error('Configuration du relais Facebook invalide : FACEBOOK_PAGE_TOKEN ou FACEBOOK_PAGE_TOKEN_SECRET_ARN requis');
  return parsed.data;
}

export async function loadRelayConfig(env: NodeJS.ProcessEnv = process.env): Promise<RelayConfig> {
  const e = readRelayEnv(env);
  const pageToken = e.FACEBOOK_PAGE_TOKEN ?? (await readSecret(e.FACEBOOK_PAGE_TOKEN_SECRET_ARN!)).trim();
  return { pageId: e.FACEBOOK_PAGE_ID, pageToken, graphUrl: e.FACEBOOK_GRAPH_URL, publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, '') };
}
