/**
 * A local fake of the Airtable Web API, following contracts/airtable.md:
 * - GET    /v0/{base}/{table}            list, pageSize ≤ 100, `offset` (itr…/rec…), empty cells omitted
 * - POST   /v0/{base}/{table}            create ≤ 10 records (422 INVALID_RECORDS beyond)
 * - PATCH|PUT /v0/{base}/{table}         update ≤ 10, or upsert with performUpsert.fieldsToMergeOn
 * - DELETE /v0/{base}/{table}?records[]= ≤ 10
 * - POST   /v0/bases/{base}/webhooks, GET …/webhooks/{id}/payloads?cursor=, POST …/refresh
 * Bearer token checked; unknown fields 422 UNKNOWN_FIELD_NAME; the exact 429 body; optional
 * enforcement of 5 requests per second; injected 429/500/timeouts. Writes through the API
 * produce payloads with source "publicApi", people's edits (user* helpers) with "client".
 */
import { createHmac, randomBytes } from 'node:crypto';
import { TAB_HEADERS, OPTIONAL_HEADERS, TAB_NAMES } from '../../integrations/sheets/columns.js';
import { startFakeServer, type FakeServerCore, type FakeRequest, type FakeAnswer } from './sync-fake-http.js';

export const AIRTABLE_429 = { errors: [{ error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' }] };

export interface FakeRecord {
  id: string;
  createdTime: string;
  fields: Record<string, unknown>;
}

interface Table {
  id: string;
  fields: Set<string>;
  records: FakeRecord[];
}

export interface FakeAirtable extends FakeServerCore {
  baseId: string;
  token: string;
  tables: Map<string, Table>;
  records(table: string): FakeRecord[];
  /** A person edits the base (the webhook payload says source "client"). */
  userCreate(table: string, fields: Record<string, unknown>): FakeRecord;
  userUpdate(table: string, id: string, fields: Record<string, unknown>): void;
  userDelete(table: string, id: string): void;
  /** The record whose field `ID` is this. */
  byApiId(table: string, id: string): FakeRecord | undefined;
  webhook?: { id: string; secret: string; payloads: unknown[] };
  /** A webhook (as created by Airtable) and the ping it would POST, with its MAC header. */
  createWebhookDirect(): { id: string; macSecretBase64: string };
  ping(): { body: string; mac: string };
  /** Requests counted by kind (the bench). */
  count(method?: string): number;
  /** Counts 429 answers due to the enforced rate limit. */
  rateLimited: number;
}

const EMPTY = (v: unknown) => v === '' || v === false || v === null || v === undefined || (Array.isArray(v) && v.length === 0);
const err = (status: number, type: string, message: string): FakeAnswer => ({ status, body: { error: { type, message } } });

export async function startFakeAirtable(opts: { baseId?: string; token?: string; enforceRateLimit?: boolean; tables?: readonly string[] } = {}): Promise<FakeAirtable> {
  const baseId = opts.baseId ?? 'appFAKEBASE0001';
  const token = opts.token ?? 'patFAKE.' + randomBytes(8).toString('hex');
  const tables = new Map<string, Table>();
  let seq = 0;
  let txn = 0;
  const newRecId = () => 'rec' + (++seq).toString(36).padStart(14, '0');
  for (const name of opts.tables ?? TAB_NAMES) {
    tables.set(name, { id: 'tbl' + name.normalize('NFD').replace(/[^A-Za-z]/g, '').slice(0, 10), fields: new Set([...TAB_HEADERS[name as keyof typeof TAB_HEADERS], ...(OPTIONAL_HEADERS[name as keyof typeof OPTIONAL_HEADERS] ?? [])]), records: [] });
  }
  let webhook: FakeAirtable['webhook'];
  const starts: number[] = [];
  let rateLimited = 0;

  const clean = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, v]) => !EMPTY(v)));
  const emit = (source: string, table: Table, change: { created?: string[]; changed?: string[]; destroyed?: string[] }) => {
    if (!webhook) return;
    txn++;
    webhook.payloads.push({
      timestamp: new Date().toISOString(),
      baseTransactionNumber: txn,
      payloadFormat: 'v0',
      actionMetadata: { source, sourceMetadata: {} },
      changedTablesById: {
        [table.id]: {
          ...(change.created ? { createdRecordsById: Object.fromEntries(change.created.map((id) => [id, { createdTime: new Date().toISOString(), cellValuesByFieldId: {} }])) } : {}),
          ...(change.changed ? { changedRecordsById: Object.fromEntries(change.changed.map((id) => [id, { current: { cellValuesByFieldId: {} }, previous: { cellValuesByFieldId: {} } }])) } : {}),
          ...(change.destroyed ? { destroyedRecordIds: change.destroyed } : {}),
        },
      },
    });
  };
  const unknownField = (t: Table, fields: Record<string, unknown>) => Object.keys(fields).find((f) => !t.fields.has(f));
  const typecast = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'number' || typeof v === 'boolean' ? v : v === null ? '' : String(v)]));

  function handle(req: FakeRequest): FakeAnswer {
    if (req.headers.authorization !== `Bearer ${token}`) return err(401, 'AUTHENTICATION_REQUIRED', 'Authentication required');
    if (opts.enforceRateLimit) {
      const now = Date.now();
      while (starts.length && starts[0]! <= now - 1000) starts.shift();
      if (starts.length >= 5) {
        rateLimited++;
        return { status: 429, body: AIRTABLE_429 };
      }
      starts.push(now);
    }
    const parts = req.url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== 'v0') return undefined;
    if (parts[1] === 'bases') return handleWebhooks(req, parts);
    if (parts[1] !== baseId) return err(403, 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', 'Invalid permissions, or the requested model was not found.');
    const t = tables.get(parts[2] ?? '');
    if (!t) return err(404, 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', 'Invalid permissions, or the requested model was not found.');
    const body = req.body ? (JSON.parse(req.body) as { records?: { id?: string; fields?: Record<string, unknown> }[]; performUpsert?: { fieldsToMergeOn: string[] } }) : {};
    switch (req.method) {
      case 'GET': {
        const pageSize = Number(req.url.searchParams.get('pageSize') ?? 100);
        if (!(pageSize >= 1 && pageSize <= 100)) return err(422, 'INVALID_REQUEST_UNKNOWN', 'pageSize must be ≤ 100');
        const offset = req.url.searchParams.get('offset');
        let start = 0;
        if (offset) {
          const m = /^itr[a-z0-9]+\/(rec[a-z0-9]+)$/.exec(offset);
          if (!m) return err(422, 'INVALID_OFFSET_VALUE', 'The value of offset is invalid');
          const i = t.records.findIndex((r) => r.id === m[1]);
          if (i < 0) return err(422, 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE', 'Iterator not available');
          start = i;
        }
        const page = t.records.slice(start, start + pageSize);
        const next = t.records[start + pageSize];
        return { status: 200, body: { records: page.map((r) => ({ id: r.id, createdTime: r.createdTime, fields: clean(r.fields) })), ...(next ? { offset: `itr${randomBytes(4).toString('hex')}/${next.id}` } : {}) } };
      }
      case 'POST': {
        const recs = body.records ?? [];
        if (recs.length === 0 || recs.length > 10) return err(422, 'INVALID_RECORDS', 'You must provide an array of up to 10 record objects');
        for (const r of recs) {
          const u = unknownField(t, r.fields ?? {});
          if (u) return err(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${u}"`);
        }
        const created = recs.map((r) => ({ id: newRecId(), createdTime: new Date().toISOString(), fields: typecast(r.fields ?? {}) }));
        t.records.push(...created);
        emit('publicApi', t, { created: created.map((c) => c.id) });
        return { status: 200, body: { records: created.map((r) => ({ ...r, fields: clean(r.fields) })) } };
      }
      case 'PATCH':
      case 'PUT': {
        const recs = body.records ?? [];
        if (recs.length === 0 || recs.length > 10) return err(422, 'INVALID_RECORDS', 'You must provide an array of up to 10 record objects');
        for (const r of recs) {
          const u = unknownField(t, r.fields ?? {});
          if (u) return err(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${u}"`);
        }
        const out: FakeRecord[] = [];
        const createdIds: string[] = [];
        const updatedIds: string[] = [];
        if (body.performUpsert) {
          const on = body.performUpsert.fieldsToMergeOn;
          for (const r of recs) {
            const matches = t.records.filter((x) => on.every((f) => String(x.fields[f] ?? '') === String(r.fields?.[f] ?? '')));
            if (matches.length > 1) return err(422, 'INVALID_RECORDS', 'More than one record matches fieldsToMergeOn');
          }
        } else {
          for (const r of recs) if (!t.records.some((x) => x.id === r.id)) return err(422, 'ROW_DOES_NOT_EXIST', `Record ID ${r.id} does not exist`);
        }
        for (const r of recs) {
          let target = body.performUpsert ? t.records.find((x) => body.performUpsert!.fieldsToMergeOn.every((f) => String(x.fields[f] ?? '') === String(r.fields?.[f] ?? ''))) : t.records.find((x) => x.id === r.id);
          if (!target) {
            target = { id: newRecId(), createdTime: new Date().toISOString(), fields: {} };
            t.records.push(target);
            createdIds.push(target.id);
          } else updatedIds.push(target.id);
          target.fields = req.method === 'PUT' ? typecast(r.fields ?? {}) : { ...target.fields, ...typecast(r.fields ?? {}) };
          out.push(target);
        }
        emit('publicApi', t, { created: createdIds.length ? createdIds : undefined, changed: updatedIds.length ? updatedIds : undefined });
        return { status: 200, body: { records: out.map((r) => ({ ...r, fields: clean(r.fields) })), ...(body.performUpsert ? { createdRecords: createdIds, updatedRecords: updatedIds } : {}) } };
      }
      case 'DELETE': {
        const ids = req.url.searchParams.getAll('records[]');
        if (ids.length === 0 || ids.length > 10) return err(422, 'INVALID_RECORDS', 'Up to 10 records');
        t.records = t.records.filter((r) => !ids.includes(r.id));
        emit('publicApi', t, { destroyed: ids });
        return { status: 200, body: { records: ids.map((id) => ({ id, deleted: true })) } };
      }
    }
    return undefined;
  }

  function handleWebhooks(req: FakeRequest, parts: string[]): FakeAnswer {
    if (parts[2] !== baseId || parts[3] !== 'webhooks') return err(404, 'NOT_FOUND', 'Not found');
    if (req.method === 'POST' && parts.length === 4) {
      const w = fake.createWebhookDirect();
      return { status: 200, body: { id: w.id, macSecretBase64: w.macSecretBase64, expirationTime: new Date(Date.now() + 7 * 86400_000).toISOString() } };
    }
    if (!webhook || parts[4] !== webhook.id) return err(404, 'NOT_FOUND', 'Webhook not found');
    if (req.method === 'GET' && parts[5] === 'payloads') {
      const cursor = Number(req.url.searchParams.get('cursor') ?? 1);
      const limit = Math.min(50, Number(req.url.searchParams.get('limit') ?? 50));
      const slice = webhook.payloads.slice(cursor - 1, cursor - 1 + limit);
      return { status: 200, body: { payloads: slice, cursor: cursor + slice.length, mightHaveMore: cursor - 1 + slice.length < webhook.payloads.length } };
    }
    if (req.method === 'POST' && parts[5] === 'refresh') return { status: 200, body: { expirationTime: new Date(Date.now() + 7 * 86400_000).toISOString() } };
    return undefined;
  }

  const core = await startFakeServer(handle, AIRTABLE_429, { error: { type: 'SERVER_ERROR', message: 'Internal server error' } });
  const table = (name: string) => {
    const t = tables.get(name);
    if (!t) throw new Error(`fake: no table ${name}`);
    return t;
  };
  const fake: FakeAirtable = {
    ...core,
    baseId,
    token,
    tables,
    get rateLimited() {
      return rateLimited;
    },
    get webhook() {
      return webhook;
    },
    records: (name) => table(name).records.map((r) => ({ ...r, fields: clean(r.fields) })),
    userCreate(name, fields) {
      const t = table(name);
      const r = { id: newRecId(), createdTime: new Date().toISOString(), fields: { ...fields } };
      t.records.push(r);
      emit('client', t, { created: [r.id] });
      return r;
    },
    userUpdate(name, id, fields) {
      const t = table(name);
      const r = t.records.find((x) => x.id === id);
      if (!r) throw new Error(`fake: no record ${id}`);
      r.fields = { ...r.fields, ...fields };
      emit('client', t, { changed: [id] });
    },
    userDelete(name, id) {
      const t = table(name);
      t.records = t.records.filter((x) => x.id !== id);
      emit('client', t, { destroyed: [id] });
    },
    byApiId: (name, id) => table(name).records.find((r) => r.fields.ID === id),
    createWebhookDirect() {
      webhook = { id: 'ach' + randomBytes(6).toString('hex'), secret: randomBytes(32).toString('base64'), payloads: [] };
      return { id: webhook.id, macSecretBase64: webhook.secret };
    },
    ping() {
      if (!webhook) throw new Error('fake: no webhook');
      const body = JSON.stringify({ base: { id: baseId }, webhook: { id: webhook.id }, timestamp: new Date().toISOString() });
      return { body, mac: 'hmac-sha256=' + createHmac('sha256', Buffer.from(webhook.secret, 'base64')).update(body).digest('hex') };
    },
    count: (method) => core.requests.filter((r) => !method || r.method === method).length,
  };
  return fake;
}
