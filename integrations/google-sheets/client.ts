/**
 * Google Sheets API v4 values client (contracts/google-sheets.md): batchGet,
 * batchUpdate, append; service-account token; quota 429 → exponential backoff
 * (the quota refills every minute). Waits are injectable for tests.
 */
import * as z from 'zod';
import { GOOGLE_TOKEN_DEFAULT_URL, getAccessToken, type ServiceAccount } from './service-account.js';

export const SHEETS_DEFAULT_URL = 'https://sheets.googleapis.com';

export interface GoogleSheetsOptions {
  spreadsheetId: string;
  serviceAccount: ServiceAccount;
  apiUrl?: string;
  tokenUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** First backoff after a 429; doubles each time, capped at 64 s. */
  backoffBaseMs?: number;
  maxRetries?: number;
  timeoutMs?: number;
}

export class GoogleSheetsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`Google Sheets ${status} ${code} : ${message}`);
    this.name = 'GoogleSheetsError';
  }
}

const ValueRangeSchema = z.object({ range: z.string(), majorDimension: z.string().optional(), values: z.array(z.array(z.unknown())).optional() });
export type ValueRange = { range: string; values: string[][] };

export class GoogleSheetsClient {
  private readonly base: string;

  constructor(private readonly o: GoogleSheetsOptions) {
    this.base = `${(o.apiUrl ?? SHEETS_DEFAULT_URL).replace(/\/$/, '')}/v4/spreadsheets/${encodeURIComponent(o.spreadsheetId)}`;
  }

  private sleep(ms: number) {
    return (this.o.sleep ?? ((x: number) => new Promise<void>((r) => setTimeout(r, x))))(ms);
  }

  /**
   * One call with the bearer token. 429 backs off exponentially; 401 renews the
   * token once; a 5xx or timeout is retried only when `idempotent` (an append is not).
   */
  async request(method: string, url: string, body: unknown, idempotent: boolean): Promise<unknown> {
    const f = this.o.fetch ?? fetch;
    const now = this.o.now ?? Date.now;
    const timeoutMs = this.o.timeoutMs ?? 30_000;
    let attempt = 0;
    let renewed = false;
    for (;;) {
      const token = await getAccessToken({ sa: this.o.serviceAccount, tokenUrl: this.o.tokenUrl ?? GOOGLE_TOKEN_DEFAULT_URL, fetch: f, now, timeoutMs, force: renewed });
      let res: Response;
      try {
        res = await f(url, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        if (idempotent && attempt++ < 2) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        throw new GoogleSheetsError(0, 'NETWORK', (err as Error).message);
      }
      const data = await res.json().catch(() => undefined);
      if (res.ok) return data;
      if (res.status === 401 && !renewed) {
        renewed = true;
        continue;
      }
      const retryable = res.status === 429 || (res.status >= 500 && idempotent);
      if (retryable && attempt < (this.o.maxRetries ?? 6)) {
        await this.sleep(this.backoff(++attempt));
        continue;
      }
      const e = (data as { error?: { code?: number; message?: string; status?: string } } | undefined)?.error;
      throw new GoogleSheetsError(res.status, e?.status ?? 'UNKNOWN', e?.message ?? `réponse HTTP ${res.status}`);
    }
  }

  private backoff(attempt: number): number {
    const base = this.o.backoffBaseMs ?? 1000;
    return Math.min(64_000, base * 2 ** (attempt - 1)) + Math.floor(Math.random() * base * 0.1);
  }

  /** Several ranges in one read; rows are ragged (trailing empty cells dropped), cells as strings. */
  async batchGet(ranges: string[]): Promise<ValueRange[]> {
    const qs = ranges.map((r) => `ranges=${encodeURIComponent(r)}`).join('&');
    const out = z.object({ valueRanges: z.array(ValueRangeSchema).optional() }).parse(await this.request('GET', `${this.base}/values:batchGet?${qs}&valueRenderOption=FORMATTED_VALUE`, undefined, true));
    return (out.valueRanges ?? []).map(toStrings);
  }

  async getValues(range: string): Promise<ValueRange> {
    return toStrings(ValueRangeSchema.parse(await this.request('GET', `${this.base}/values/${encodeURIComponent(range)}?valueRenderOption=FORMATTED_VALUE`, undefined, true)));
  }

  /** Writes many ranges in one request, RAW (what we write is what the sheet shows). */
  async batchUpdate(data: { range: string; values: string[][] }[]): Promise<void> {
    if (data.length === 0) return;
    await this.request('POST', `${this.base}/values:batchUpdate`, { valueInputOption: 'RAW', data }, true);
  }

  /** Sheet ids by title (developer metadata is located by sheet id). */
  async sheetIds(): Promise<Map<string, number>> {
    const out = z.object({ sheets: z.array(z.object({ properties: z.object({ sheetId: z.number(), title: z.string() }) })).optional() }).parse(await this.request('GET', `${this.base}?fields=${encodeURIComponent('sheets.properties(sheetId,title)')}`, undefined, true));
    return new Map((out.sheets ?? []).map((s) => [s.properties.title, s.properties.sheetId]));
  }

  /** spreadsheets.batchUpdate (structure and developer metadata requests), applied in order. */
  async spreadsheetBatchUpdate(requests: unknown[]): Promise<void> {
    if (requests.length === 0) return;
    await this.request('POST', `${this.base}:batchUpdate`, { requests }, true);
  }

  /** spreadsheets.developerMetadata.search: where rows tagged with these key/value pairs are now. */
  async searchRowMetadata(key: string, values: string[]): Promise<Map<string, { sheetId: number; rowIndex: number }>> {
    const found = new Map<string, { sheetId: number; rowIndex: number }>();
    if (values.length === 0) return found;
    const Match = z.object({ developerMetadata: z.object({ metadataKey: z.string(), metadataValue: z.string().optional(), location: z.object({ dimensionRange: z.object({ sheetId: z.number(), startIndex: z.number().optional() }).optional() }) }) });
    const out = z.object({ matchedDeveloperMetadata: z.array(Match).optional() }).parse(await this.request('POST', `${this.base}/developerMetadata:search`, { dataFilters: values.map((v) => ({ developerMetadataLookup: { metadataKey: key, metadataValue: v } })) }, true));
    for (const m of out.matchedDeveloperMetadata ?? []) {
      const d = m.developerMetadata;
      if (d.metadataKey === key && d.metadataValue !== undefined && d.location.dimensionRange) found.set(d.metadataValue, { sheetId: d.location.dimensionRange.sheetId, rowIndex: d.location.dimensionRange.startIndex ?? 0 });
    }
    return found;
  }

  /**
   * values:batchUpdateByDataFilter: each row is written wherever the developer metadata
   * looked up is now (it moves with its row); a `null` cell is left as it is. Answers, per
   * `key\u0000value`, the A1 ranges written (no entry: no row carries that metadata).
   */
  async batchUpdateByMetadata(data: { lookup: { metadataKey: string; metadataValue: string }; values: (string | null)[] }[]): Promise<Map<string, string[]>> {
    const written = new Map<string, string[]>();
    if (data.length === 0) return written;
    const Lookup = z.object({ metadataKey: z.string().optional(), metadataValue: z.string().optional() });
    const Response = z.object({ updatedRange: z.string().optional(), dataFilter: z.object({ developerMetadataLookup: Lookup.optional() }).optional() });
    const body = { valueInputOption: 'RAW', data: data.map((d) => ({ dataFilter: { developerMetadataLookup: { locationType: 'ROW', ...d.lookup } }, majorDimension: 'ROWS', values: [d.values] })) };
    const out = z.object({ responses: z.array(Response).optional() }).parse(await this.request('POST', `${this.base}/values:batchUpdateByDataFilter`, body, true));
    for (const r of out.responses ?? []) {
      const l = r.dataFilter?.developerMetadataLookup;
      if (!r.updatedRange || l?.metadataKey === undefined || l.metadataValue === undefined) continue;
      const k = `${l.metadataKey}\u0000${l.metadataValue}`;
      written.set(k, [...(written.get(k) ?? []), r.updatedRange]);
    }
    return written;
  }

  /** Appends rows after the table of a tab. Never replayed after a timeout (it could duplicate). */
  async append(range: string, values: string[][]): Promise<string | undefined> {
    if (values.length === 0) return undefined;
    const url = `${this.base}/values/${encodeURIComponent(range)}:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS`;
    const out = z.object({ updates: z.object({ updatedRange: z.string().optional() }).optional() }).parse(await this.request('POST', url, { range, majorDimension: 'ROWS', values }, false));
    return out.updates?.updatedRange;
  }
}

function toStrings(v: z.infer<typeof ValueRangeSchema>): ValueRange {
  return { range: v.range, values: (v.values ?? []).map((row) => row.map((c) => (c === null || c === undefined ? '' : String(c)))) };
}

/** `Lieux` → `'Lieux'` (quoted: sheet names may hold spaces and accents). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
