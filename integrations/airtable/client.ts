/**
 * Airtable Web API client (contracts/airtable.md): pagination, at most 10
 * records per write, 5 requests per second per base, 429 → wait 30 s and retry,
 * other errors reported per row. Waits and clock are injectable for tests.
 */
import * as z from 'zod';
import { AirtableError, airtableErrorFrom } from './errors.js';
import { limiterForBase, realClock, type Clock, type RateLimiter } from './rate-limiter.js';

export const AIRTABLE_DEFAULT_URL = 'https://api.airtable.com';
export const WRITE_BATCH = 10;

export interface AirtableOptions {
  token: string;
  baseId: string;
  apiUrl?: string;
  fetch?: typeof fetch;
  clock?: Clock;
  /** Wait after a 429 (the contract says 30 s). */
  rateLimitWaitMs?: number;
  maxRateLimitRetries?: number;
  requestsPerSecond?: number;
  timeoutMs?: number;
}

const RecordSchema = z.object({ id: z.string(), createdTime: z.string().optional(), fields: z.record(z.string(), z.unknown()) });
export type AirtableRecord = z.infer<typeof RecordSchema>;
const ListSchema = z.object({ records: z.array(RecordSchema), offset: z.string().optional() });
const WriteSchema = z.object({ records: z.array(RecordSchema) });

/** One row of a batch write: its record id, or why it failed (French). */
export type RowOutcome = { ok: true; id: string } | { ok: false; error: string };

export class AirtableClient {
  private readonly base: string;
  private readonly clock: Clock;
  private readonly limiter: RateLimiter;

  constructor(private readonly o: AirtableOptions) {
    this.base = (o.apiUrl ?? AIRTABLE_DEFAULT_URL).replace(/\/$/, '');
    this.clock = o.clock ?? realClock;
    this.limiter = limiterForBase(o.baseId, o.requestsPerSecond ?? 5, this.clock);
  }

  private tableUrl(table: string): string {
    return `${this.base}/v0/${encodeURIComponent(this.o.baseId)}/${encodeURIComponent(table)}`;
  }

  /**
   * One HTTP call under the base's rate limit. 429 waits and retries; a 5xx or a
   * timeout is retried once only when `idempotent` (a create is never replayed).
   */
  async request(method: string, url: string, body: unknown, idempotent: boolean): Promise<unknown> {
    let limited = 0;
    let failed = 0;
    for (;;) {
      const answered = await this.limiter.acquire();
      let res: Response;
      try {
        res = await (this.o.fetch ?? fetch)(url, {
          method,
          headers: { authorization: `Bearer ${this.o.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
        });
      } catch (err) {
        answered();
        if (idempotent && failed++ < 1) continue;
        throw new AirtableError(0, 'NETWORK', (err as Error).message);
      }
      const text = await res.text();
      answered();
      const data = text ? safeJson(text) : undefined;
      if (res.ok) return data;
      if (res.status === 429 && limited++ < (this.o.maxRateLimitRetries ?? 3)) {
        await this.clock.sleep(this.o.rateLimitWaitMs ?? 30_000);
        continue;
      }
      if (res.status >= 500 && idempotent && failed++ < 1) continue;
      throw airtableErrorFrom(res.status, data);
    }
  }

  /** Every record of a table, following `offset` page after page (100 a page). */
  async listAllRecords(table: string): Promise<AirtableRecord[]> {
    const out: AirtableRecord[] = [];
    let offset: string | undefined;
    do {
      const qs = new URLSearchParams({ pageSize: '100' });
      if (offset) qs.set('offset', offset);
      const page = ListSchema.parse(await this.request('GET', `${this.tableUrl(table)}?${qs}`, undefined, true));
      out.push(...page.records);
      offset = page.offset;
    } while (offset);
    return out;
  }

  /** PATCH (partial update) in batches of 10. */
  updateRecords(table: string, records: { id: string; fields: Record<string, unknown> }[]): Promise<RowOutcome[]> {
    return this.writeInBatches(records, true, async (batch) => WriteSchema.parse(await this.request('PATCH', this.tableUrl(table), { records: batch, typecast: true }, true)).records);
  }

  /** Creates in batches of 10 (never replayed after a timeout: it could duplicate). */
  createRecords(table: string, records: { fields: Record<string, unknown> }[]): Promise<RowOutcome[]> {
    return this.writeInBatches(records, false, async (batch) => WriteSchema.parse(await this.request('POST', this.tableUrl(table), { records: batch, typecast: true }, false)).records);
  }

  /** Upsert merged on `mergeOn` fields: safe to replay, so an API-side record is never added twice. */
  upsertRecords(table: string, records: { fields: Record<string, unknown> }[], mergeOn: string[]): Promise<RowOutcome[]> {
    return this.writeInBatches(records, true, async (batch) =>
      WriteSchema.parse(await this.request('PATCH', this.tableUrl(table), { performUpsert: { fieldsToMergeOn: mergeOn }, records: batch, typecast: true }, true)).records,
    );
  }

  async deleteRecords(table: string, ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += WRITE_BATCH) {
      const qs = ids.slice(i, i + WRITE_BATCH).map((id) => `records[]=${encodeURIComponent(id)}`).join('&');
      await this.request('DELETE', `${this.tableUrl(table)}?${qs}`, undefined, true);
    }
  }

  /**
   * Writes in batches of 10. A batch refused as a whole (422…) is retried row by
   * row so the bad row is named and the good ones still go through; a batch lost
   * to an outage reports the error on each of its rows.
   */
  private async writeInBatches<T>(rows: T[], idempotent: boolean, send: (batch: T[]) => Promise<AirtableRecord[]>): Promise<RowOutcome[]> {
    const out: RowOutcome[] = [];
    for (let i = 0; i < rows.length; i += WRITE_BATCH) {
      const batch = rows.slice(i, i + WRITE_BATCH);
      try {
        out.push(...(await send(batch)).map((r) => ({ ok: true as const, id: r.id })));
      } catch (err) {
        const e = err as AirtableError;
        const perRow = e instanceof AirtableError && e.status >= 400 && e.status < 500 && e.status !== 429 && batch.length > 1 && (idempotent || e.status === 422);
        if (!perRow) {
          out.push(...batch.map(() => ({ ok: false as const, error: describeError(err) })));
          continue;
        }
        for (const row of batch) {
          try {
            const [r] = await send([row]);
            out.push({ ok: true, id: r!.id });
          } catch (one) {
            out.push({ ok: false, error: describeError(one) });
          }
        }
      }
    }
    return out;
  }

  // --- webhooks ---

  async createWebhook(notificationUrl: string, tableId?: string): Promise<{ id: string; macSecretBase64: string; expirationTime?: string }> {
    const spec = { options: { filters: { dataTypes: ['tableData'], ...(tableId ? { recordChangeScope: tableId } : {}) } } };
    const r = await this.request('POST', `${this.base}/v0/bases/${this.o.baseId}/webhooks`, { notificationUrl, specification: spec }, false);
    return z.object({ id: z.string(), macSecretBase64: z.string(), expirationTime: z.string().optional() }).parse(r);
  }

  async listWebhookPayloads(webhookId: string, cursor: number): Promise<{ payloads: unknown[]; cursor: number; mightHaveMore: boolean }> {
    const url = `${this.base}/v0/bases/${this.o.baseId}/webhooks/${encodeURIComponent(webhookId)}/payloads?cursor=${cursor}&limit=50`;
    return z.object({ payloads: z.array(z.unknown()), cursor: z.number().int(), mightHaveMore: z.boolean() }).parse(await this.request('GET', url, undefined, true));
  }

  /** Webhooks expire after 7 days; refreshing extends them. */
  async refreshWebhook(webhookId: string): Promise<string | undefined> {
    const r = await this.request('POST', `${this.base}/v0/bases/${this.o.baseId}/webhooks/${encodeURIComponent(webhookId)}/refresh`, undefined, true);
    return z.object({ expirationTime: z.string().nullable().optional() }).parse(r ?? {}).expirationTime ?? undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A French reason for a failed row, shown in `Statut synchro`. */
export function describeError(err: unknown): string {
  if (err instanceof AirtableError) {
    if (err.status === 0) return `Airtable injoignable (${err.message})`;
    if (err.type === 'UNKNOWN_FIELD_NAME') return `colonne inconnue dans Airtable (${err.message})`;
    if (err.type === 'ROW_DOES_NOT_EXIST') return 'ligne supprimée entre-temps dans Airtable';
    return `refus d’Airtable ${err.status} ${err.type}${err.message ? ` : ${err.message}` : ''}`;
  }
  return `erreur : ${(err as Error).message}`;
}
