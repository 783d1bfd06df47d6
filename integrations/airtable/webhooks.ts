/**
 * Airtable webhooks: the ping's MAC, and the payloads pulled after a ping
 * (contracts/airtable.md). Payloads written by the API itself
 * (`actionMetadata.source = "publicApi"`) are the sync's own writes: ignored,
 * so a sync round never triggers another one.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';

/** `X-Airtable-Content-MAC: hmac-sha256=<hex>` of the raw body, keyed by the base64-decoded secret. */
export function computeAirtableMac(rawBody: string, secretBase64: string): string {
  return 'hmac-sha256=' + createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(rawBody, 'utf8').digest('hex');
}

export function verifyAirtableMac(rawBody: string, header: string | undefined, secretBase64: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(computeAirtableMac(rawBody, secretBase64));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const WebhookPingSchema = z.object({
  base: z.object({ id: z.string() }),
  webhook: z.object({ id: z.string().regex(/^[A-Za-z0-9]{1,40}$/) }),
  timestamp: z.string(),
});
export type WebhookPing = z.infer<typeof WebhookPingSchema>;

const TableChangesSchema = z.object({
  createdRecordsById: z.record(z.string(), z.unknown()).optional(),
  changedRecordsById: z.record(z.string(), z.unknown()).optional(),
  destroyedRecordIds: z.array(z.string()).optional(),
});

export const WebhookPayloadSchema = z.object({
  timestamp: z.string(),
  baseTransactionNumber: z.number().optional(),
  payloadFormat: z.string().optional(),
  actionMetadata: z.object({ source: z.string() }).loose().optional(),
  changedTablesById: z.record(z.string(), TableChangesSchema).optional(),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/** What people changed in the base: record ids with the time of their latest change. */
export interface ExternalChanges {
  /** Payloads that came from people (not from the API). */
  count: number;
  editedAt: Map<string, string>;
}

export function summarisePayloads(raw: unknown[]): ExternalChanges {
  const editedAt = new Map<string, string>();
  let count = 0;
  for (const item of raw) {
    const p = WebhookPayloadSchema.safeParse(item);
    if (!p.success) continue;
    if (p.data.actionMetadata?.source === 'publicApi') continue;
    count++;
    for (const t of Object.values(p.data.changedTablesById ?? {})) {
      const ids = [...Object.keys(t.createdRecordsById ?? {}), ...Object.keys(t.changedRecordsById ?? {}), ...(t.destroyedRecordIds ?? [])];
      for (const id of ids) if ((editedAt.get(id) ?? '') < p.data.timestamp) editedAt.set(id, p.data.timestamp);
    }
  }
  return { count, editedAt };
}
