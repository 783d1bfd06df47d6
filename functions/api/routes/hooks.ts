import { Hono, type Context } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { MAX_BODY_BYTES } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { PayloadTooLargeError } from '../../domain/errors.js';
import { RoundSummarySchema } from '../../domain/sync/summary.js';
import { handleAirtablePing, handleSheetsHook, SheetsHookSchema, SHEETS_SIGNATURE_HEADER, SHEETS_TIMESTAMP_HEADER } from '../../sync/sync-service.js';

/** Signatures are computed on the exact bytes received, so the body is read raw. */
async function rawBody(c: Context): Promise<string> {
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  return text;
}

export const hookRoutes = new Hono<AppEnv>();

documentRoute({
  method: 'post',
  path: '/v1/hooks/airtable',
  tag: 'Synchro',
  access: 'signed',
  summary: 'Notification d’un webhook Airtable : vérifie X-Airtable-Content-MAC, lit les changements et synchronise',
  headers: [{ name: 'X-Airtable-Content-MAC', required: true, description: 'hmac-sha256=<hex> du corps brut, clé = AIRTABLE_WEBHOOK_SECRET décodé du base64' }],
  body: z.object({ base: z.object({ id: z.string() }), webhook: z.object({ id: z.string() }), timestamp: z.string() }),
  responses: { 204: { description: 'Reçu' }, 401: { description: 'Signature invalide' } },
});
hookRoutes.post('/airtable', async (c) => {
  await handleAirtablePing(c.var.deps, await rawBody(c), c.req.header('x-airtable-content-mac'));
  return c.body(null, 204);
});

documentRoute({
  method: 'post',
  path: '/v1/hooks/sheets',
  tag: 'Synchro',
  access: 'signed',
  summary: 'Appel signé du déclencheur Apps Script du classeur (modification, ou menu « Synchroniser maintenant ») : synchronise et donne le bilan',
  headers: [
    { name: 'X-Sheets-Timestamp', required: true, description: 'Secondes depuis 1970 ; refusé à plus de 5 minutes d’écart' },
    { name: 'X-Sheets-Signature', required: true, description: 'sha256=<hex> : HMAC-SHA256 de « <timestamp>.<corps brut> », clé SHEETS_HOOK_SECRET' },
  ],
  body: SheetsHookSchema,
  responses: { 200: { description: 'Bilan du passage (ou skipped quand un passage est déjà en cours)', schema: z.union([RoundSummarySchema, z.object({ skipped: z.string() })]) }, 401: { description: 'Signature invalide ou expirée' } },
});
hookRoutes.post('/sheets', async (c) => c.json(await handleSheetsHook(c.var.deps, await rawBody(c), c.req.header(SHEETS_SIGNATURE_HEADER), c.req.header(SHEETS_TIMESTAMP_HEADER))));
