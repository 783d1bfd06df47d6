/**
 * A local fake of Google Sheets API v4 values endpoints and of the OAuth token
 * endpoint, following contracts/google-sheets.md:
 * - POST /token: checks the RS256 signature of the JWT assertion with the service
 *   account's public key, and its claims (iss, scope, aud, exp ≤ iat + 3600);
 * - GET values/{range}, GET values:batchGet, PUT values/{range}, POST values:batchUpdate,
 *   POST values/{range}:append — A1 ranges with quoted sheet names;
 * - reads drop trailing empty cells (ragged rows) and omit `values` for an empty range;
 * - the exact quota 429 body; injected 429/500/timeouts;
 * - developer metadata on rows: GET the spreadsheet (sheet ids), spreadsheets:batchUpdate with
 *   createDeveloperMetadata / deleteDeveloperMetadata, developerMetadata:search; metadata stays
 *   attached to its row when rows are inserted, deleted or sorted (insertRow, sortRows, deleteRow);
 * - POST values:batchUpdateByDataFilter with developerMetadataLookup filters: each row carrying
 *   the metadata is written from its column A, wherever it now is; a filter matching no row
 *   writes nothing and gets no response entry.
 * A `null` cell in written values is skipped (left as it is), as the API's ValueRange says.
 */
import { createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { startFakeServer, type FakeServerCore, type FakeRequest, type FakeAnswer } from './sync-fake-http.js';
import { columnLetter } from '../../integrations/google-sheets/client.js';

export const SHEETS_429 = { error: { code: 429, message: "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com'.", status: 'RESOURCE_EXHAUSTED' } };

export interface FakeSheets extends FakeServerCore {
  spreadsheetId: string;
  tokenUrl: string;
  /** The JSON key to give as GOOGLE_SERVICE_ACCOUNT. */
  serviceAccountJson: string;
  grids: Map<string, string[][]>;
  tokensIssued: number;
  /** Last token-endpoint refusal reason (tests of the JWT check). */
  lastTokenError?: string;
  addSheet(name: string, rows?: string[][]): void;
  /** Cells as a person sees them; `row` is 1-based (row 1 = headers). */
  cell(sheet: string, row: number, header: string): string;
  setCell(sheet: string, row: number, header: string, value: string): void;
  /** The rows (after the header) as header → value objects. */
  table(sheet: string): Record<string, string>[];
  appendRow(sheet: string, cells: Record<string, string>): number;
  deleteRow(sheet: string, row: number): void;
  rowOf(sheet: string, id: string): number | undefined;
  count(kind?: 'read' | 'write' | 'token'): number;
  /** A person inserts a row at `row` (1-based, ≥ 2): the rows below move down, with their metadata. */
  insertRow(sheet: string, row: number, cells?: Record<string, string>): void;
  /** A person sorts the data rows by a column (« Données › Trier la plage »): metadata moves with its row. */
  sortRows(sheet: string, header: string, descending?: boolean): void;
  /** Developer metadata currently attached to the row (key → value). */
  rowMetadata(sheet: string, row: number): Record<string, string>;
  /** Runs `f` (a person changing the sheet) just before the next write request is applied. */
  beforeNextWrite(f: () => void): void;
  /** Removes the row's developer metadata (a row synced before rows carried any). */
  forgetRowMetadata(sheet: string, row: number): void;
}

interface Metadata {
  metadataId: number;
  metadataKey: string;
  metadataValue?: string;
  visibility: string;
}

function b64urlJson(s: string): unknown {
  return JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
}

interface A1 {
  sheet: string;
  c1: number;
  r1: number;
  c2?: number;
  r2?: number;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** `'Sheet'!A1:C5`, `Sheet!A2:Z`, `Sheet!C5`, `Sheet`. */
function parseRange(range: string): A1 | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^!']+))(?:!([A-Z]+)?(\d+)?(?::([A-Z]+)?(\d+)?)?)?$/.exec(range);
  if (!m) return undefined;
  const sheet = (m[1] ?? m[2] ?? '').replace(/''/g, "'");
  return { sheet, c1: m[3] ? colIndex(m[3]) : 0, r1: m[4] ? Number(m[4]) : 1, c2: m[5] ? colIndex(m[5]) : m[3] && !m[5] && !range.includes(':') ? colIndex(m[3]) : undefined, r2: m[6] ? Number(m[6]) : m[4] && !range.includes(':') ? Number(m[4]) : undefined };
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function startFakeSheets(opts: { spreadsheetId?: string } = {}): Promise<FakeSheets> {
  const spreadsheetId = opts.spreadsheetId ?? '1FakeSpreadsheet' + randomBytes(6).toString('hex');
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientEmail = 'sync@tiers-lieux-fake.iam.gserviceaccount.com';
  const grids = new Map<string, string[][]>();
  const sheetIds = new Map<string, number>();
  // Metadata belongs to the row object itself, so it follows the row wherever it is moved.
  const rowMeta = new WeakMap<string[], Metadata[]>();
  let nextMetadataId = 1;
  const tokens = new Set<string>();
  let baseUrl = '';
  let meddle: (() => void) | undefined;
  const reqKinds: ('read' | 'write' | 'token')[] = [];
  const apiError = (status: number, statusText: string, message: string): FakeAnswer => ({ status, body: { error: { code: status, message, status: statusText } } });

  const grid = (name: string) => grids.get(name);
  const read = (a: A1) => {
    const g = grid(a.sheet)!;
    const r2 = a.r2 ?? Math.max(g.length, a.r1);
    const rows: string[][] = [];
    for (let r = a.r1; r <= r2; r++) {
      const src = g[r - 1] ?? [];
      const c2 = a.c2 ?? Math.max(src.length - 1, a.c1);
      const row = src.slice(a.c1, c2 + 1).map((c) => c ?? '');
      while (row.length && row[row.length - 1] === '') row.pop();
      rows.push(row);
    }
    while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
    const lastCol = Math.max(a.c1, ...(g.map((x) => x.length - 1) as number[]));
    return { range: `${q(a.sheet)}!${columnLetter(a.c1)}${a.r1}:${columnLetter(a.c2 ?? lastCol)}${r2}`, majorDimension: 'ROWS', ...(rows.length ? { values: rows } : {}) };
  };
  const write = (a: A1, values: unknown[][]) => {
    const g = grid(a.sheet)!;
    values.forEach((row, i) => {
      const r = a.r1 - 1 + i;
      while (g.length <= r) g.push([]);
      const line = g[r]!;
      row.forEach((v, j) => {
        if (v === null || v === undefined) return;
        const c = a.c1 + j;
        while (line.length <= c) line.push('');
        line[c] = String(v);
      });
    });
    return { updatedRange: `${q(a.sheet)}!${columnLetter(a.c1)}${a.r1}:${columnLetter(a.c1 + Math.max(0, ...values.map((r) => r.length - 1)))}${a.r1 + values.length - 1}`, updatedRows: values.length, updatedColumns: Math.max(0, ...values.map((r) => r.length)), updatedCells: values.reduce((n, r) => n + r.length, 0) };
  };
  const resolve = (range: string): A1 | FakeAnswer => {
    const a = parseRange(range);
    if (!a || !grids.has(a.sheet)) return apiError(400, 'INVALID_ARGUMENT', `Unable to parse range: ${range}`);
    return a;
  };
  const isA1 = (x: A1 | FakeAnswer): x is A1 => !!x && 'sheet' in x;

  function handleToken(req: FakeRequest): FakeAnswer {
    const form = new URLSearchParams(req.body);
    const bad = (why: string): FakeAnswer => {
      fake.lastTokenError = why;
      return { status: 400, body: { error: 'invalid_grant', error_description: why } };
    };
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return bad('grant_type');
    const parts = (form.get('assertion') ?? '').split('.');
    if (parts.length !== 3) return bad('malformed JWT');
    const [h, c, sig] = parts as [string, string, string];
    const header = b64urlJson(h) as { alg?: string; typ?: string };
    if (header.alg !== 'RS256') return bad('alg');
    if (!createVerify('RSA-SHA256').update(`${h}.${c}`).verify(publicKey, Buffer.from(sig, 'base64url'))) return bad('Invalid JWT Signature.');
    const claims = b64urlJson(c) as { iss?: string; scope?: string; aud?: string; iat?: number; exp?: number };
    const now = Math.floor(Date.now() / 1000);
    if (claims.iss !== clientEmail) return bad('iss');
    if (!claims.scope?.split(' ').includes('https://www.googleapis.com/auth/spreadsheets')) return bad('scope');
    if (claims.aud !== fake.tokenUrl) return bad('aud');
    if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number' || claims.exp - claims.iat > 3600 || claims.exp < now || claims.iat > now + 300) return bad('Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.');
    const token = 'ya29.fake-' + randomBytes(16).toString('hex');
    tokens.add(token);
    fake.tokensIssued++;
    return { status: 200, body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
  }

  type Lookup = { metadataKey?: string; metadataValue?: string };
  const matches = (m: Metadata, l: Lookup) => (l.metadataKey === undefined || m.metadataKey === l.metadataKey) && (l.metadataValue === undefined || m.metadataValue === l.metadataValue);
  const sheetOfId = (id: number) => [...sheetIds].find(([, v]) => v === id)?.[0];

  function spreadsheetBatchUpdate(body: { requests?: Record<string, any>[] }): FakeAnswer {
    const replies: unknown[] = [];
    for (const r of body.requests ?? []) {
      if (r.createDeveloperMetadata) {
        const d = r.createDeveloperMetadata.developerMetadata ?? {};
        const range = d.location?.dimensionRange;
        const sheet = range ? sheetOfId(range.sheetId) : undefined;
        if (!range || range.dimension !== 'ROWS' || sheet === undefined || range.endIndex !== range.startIndex + 1 || !d.metadataKey) return apiError(400, 'INVALID_ARGUMENT', 'Invalid developer metadata location');
        const g = grid(sheet)!;
        while (g.length <= range.startIndex) g.push([]);
        const row = g[range.startIndex]!;
        const m: Metadata = { metadataId: nextMetadataId++, metadataKey: d.metadataKey, metadataValue: d.metadataValue, visibility: d.visibility ?? 'DOCUMENT' };
        rowMeta.set(row, [...(rowMeta.get(row) ?? []), m]);
        replies.push({ createDeveloperMetadata: { developerMetadata: { ...m, location: { locationType: 'ROW', dimensionRange: range } } } });
      } else if (r.deleteDeveloperMetadata) {
        const l: Lookup = r.deleteDeveloperMetadata.dataFilter?.developerMetadataLookup ?? {};
        const deleted: Metadata[] = [];
        for (const g of grids.values()) for (const row of g) {
          const list = rowMeta.get(row);
          if (!list) continue;
          deleted.push(...list.filter((m) => matches(m, l)));
          rowMeta.set(row, list.filter((m) => !matches(m, l)));
        }
        replies.push({ deleteDeveloperMetadata: { deletedDeveloperMetadata: deleted } });
      } else return apiError(400, 'INVALID_ARGUMENT', `Unsupported request: ${Object.keys(r).join(',')}`);
    }
    return { status: 200, body: { spreadsheetId, replies } };
  }

  function searchMetadata(body: { dataFilters?: { developerMetadataLookup?: Lookup }[] }): FakeAnswer {
    const out: unknown[] = [];
    for (const [sheet, g] of grids) {
      g.forEach((row, index) => {
        for (const m of rowMeta.get(row) ?? []) {
          const filters = (body.dataFilters ?? []).filter((f) => f.developerMetadataLookup && matches(m, f.developerMetadataLookup));
          if (filters.length) out.push({ developerMetadata: { ...m, location: { locationType: 'ROW', dimensionRange: { sheetId: sheetIds.get(sheet), dimension: 'ROWS', startIndex: index, endIndex: index + 1 } } }, dataFilters: filters });
        }
      });
    }
    return { status: 200, body: out.length ? { matchedDeveloperMetadata: out } : {} };
  }

  function handle(req: FakeRequest): FakeAnswer {
    if (req.url.pathname === '/token' && req.method === 'POST') {
      reqKinds.push('token');
      return handleToken(req);
    }
    const prefix = `/v4/spreadsheets/${spreadsheetId}/values`;
    const path = decodeURIComponent(req.url.pathname);
    if (!path.startsWith('/v4/spreadsheets/')) return undefined;
    reqKinds.push(req.method === 'GET' ? 'read' : 'write');
    if (req.method !== 'GET' && meddle) {
      const f = meddle;
      meddle = undefined;
      f();
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!tokens.has(token)) return apiError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    const root = `/v4/spreadsheets/${spreadsheetId}`;
    if (path === root && req.method === 'GET') {
      return { status: 200, body: { spreadsheetId, sheets: [...grids.keys()].map((title) => ({ properties: { sheetId: sheetIds.get(title), title } })) } };
    }
    if (path === `${root}:batchUpdate` && req.method === 'POST') return spreadsheetBatchUpdate(JSON.parse(req.body || '{}'));
    if (path === `${root}/developerMetadata:search` && req.method === 'POST') return searchMetadata(JSON.parse(req.body || '{}'));
    if (!path.startsWith(prefix)) return apiError(404, 'NOT_FOUND', 'Requested entity was not found.');
    const rest = path.slice(prefix.length);
    const body = req.body ? (JSON.parse(req.body) as { valueInputOption?: string; data?: { range: string; values: unknown[][] }[]; values?: unknown[][] }) : {};
    if (req.method === 'GET' && rest === ':batchGet') {
      const out = [];
      for (const r of req.url.searchParams.getAll('ranges')) {
        const a = resolve(r);
        if (!isA1(a)) return a;
        out.push(read(a));
      }
      return { status: 200, body: { spreadsheetId, valueRanges: out } };
    }
    if (req.method === 'POST' && rest === ':batchUpdateByDataFilter') {
      if (!['RAW', 'USER_ENTERED'].includes(body.valueInputOption ?? '')) return apiError(400, 'INVALID_ARGUMENT', 'Invalid valueInputOption');
      const data = (body as { data?: { dataFilter?: { developerMetadataLookup?: Lookup }; values?: unknown[][] }[] }).data ?? [];
      const responses: Record<string, unknown>[] = [];
      for (const d of data) {
        const l = d.dataFilter?.developerMetadataLookup;
        if (!l) return apiError(400, 'INVALID_ARGUMENT', 'fake: only developerMetadataLookup data filters are supported');
        if ((d.values?.length ?? 0) > 1) return apiError(400, 'INVALID_ARGUMENT', 'Requested writing within range, but tried writing to more rows than the range holds');
        for (const [sheet, g] of grids) {
          g.forEach((row, index) => {
            if ((rowMeta.get(row) ?? []).some((m) => matches(m, l))) responses.push({ spreadsheetId, ...write({ sheet, c1: 0, r1: index + 1 }, d.values ?? []), dataFilter: d.dataFilter });
          });
        }
      }
      const cells = responses.reduce((n, r) => n + (r.updatedCells as number), 0);
      return { status: 200, body: { spreadsheetId, totalUpdatedRows: responses.length, totalUpdatedCells: cells, responses } };
    }
    if (req.method === 'POST' && rest === ':batchUpdate') {
      if (!['RAW', 'USER_ENTERED'].includes(body.valueInputOption ?? '')) return apiError(400, 'INVALID_ARGUMENT', 'Invalid valueInputOption');
      const targets = [];
      for (const d of body.data ?? []) {
        const a = resolve(d.range);
        if (!isA1(a)) return a;
        targets.push({ a, values: d.values });
      }
      const responses = targets.map((t) => ({ spreadsheetId, ...write(t.a, t.values) }));
      return { status: 200, body: { spreadsheetId, totalUpdatedRows: responses.reduce((n, r) => n + r.updatedRows, 0), totalUpdatedColumns: Math.max(0, ...responses.map((r) => r.updatedColumns)), totalUpdatedCells: responses.reduce((n, r) => n + r.updatedCells, 0), totalUpdatedSheets: new Set(targets.map((t) => t.a.sheet)).size, responses } };
    }
    const m = /^\/(.+?)(:append)?$/.exec(rest);
    if (!m) return undefined;
    const a = resolve(m[1]!);
    if (!isA1(a)) return a;
    if (req.method === 'GET') return { status: 200, body: read(a) };
    if (req.method === 'PUT') return { status: 200, body: { spreadsheetId, ...write(a, body.values ?? []) } };
    if (req.method === 'POST' && m[2]) {
      if (req.url.searchParams.get('insertDataOption') !== 'INSERT_ROWS' && req.url.searchParams.get('insertDataOption') !== null) return apiError(400, 'INVALID_ARGUMENT', 'insertDataOption');
      const g = grid(a.sheet)!;
      let last = g.length;
      while (last > 0 && !(g[last - 1] ?? []).some((c) => c !== '')) last--;
      const updates = write({ sheet: a.sheet, c1: a.c1, r1: last + 1 }, body.values ?? []);
      return { status: 200, body: { spreadsheetId, tableRange: `${q(a.sheet)}!A1:${columnLetter(Math.max(0, (g[0]?.length ?? 1) - 1))}${last}`, updates: { spreadsheetId, ...updates } } };
    }
    return undefined;
  }

  const core = await startFakeServer(handle, SHEETS_429, { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } });
  baseUrl = core.url;
  const headerIndex = (sheet: string, header: string) => {
    const i = (grid(sheet)?.[0] ?? []).findIndex((h) => h.trim().toLowerCase() === header.toLowerCase());
    if (i < 0) throw new Error(`fake: no column ${header} in ${sheet}`);
    return i;
  };
  const fake: FakeSheets = {
    ...core,
    spreadsheetId,
    tokenUrl: `${baseUrl}/token`,
    serviceAccountJson: JSON.stringify({ type: 'service_account', client_email: clientEmail, private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), private_key_id: 'fake-key-1', token_uri: `${baseUrl}/token` }),
    grids,
    tokensIssued: 0,
    addSheet(name, rows = []) {
      grids.set(name, rows.map((r) => [...r]));
      if (!sheetIds.has(name)) sheetIds.set(name, 1000 + sheetIds.size * 7);
    },
    insertRow(sheet, row, cells = {}) {
      const g = grid(sheet)!;
      const head = g[0] ?? [];
      g.splice(row - 1, 0, head.map((h) => cells[h] ?? ''));
    },
    sortRows(sheet, header, descending = false) {
      const g = grid(sheet)!;
      const i = headerIndex(sheet, header);
      const body = g.splice(1).filter((r) => r.some((c) => c !== ''));
      body.sort((a, b) => (a[i] ?? '').localeCompare(b[i] ?? '', 'fr') * (descending ? -1 : 1));
      g.push(...body);
    },
    rowMetadata(sheet, row) {
      return Object.fromEntries((rowMeta.get(grid(sheet)![row - 1] ?? []) ?? []).map((m) => [m.metadataKey, m.metadataValue ?? '']));
    },
    beforeNextWrite(f) {
      meddle = f;
    },
    forgetRowMetadata(sheet, row) {
      const r = grid(sheet)![row - 1];
      if (r) rowMeta.delete(r);
    },
    cell: (sheet, row, header) => grid(sheet)?.[row - 1]?.[headerIndex(sheet, header)] ?? '',
    setCell(sheet, row, header, value) {
      write({ sheet, c1: headerIndex(sheet, header), r1: row }, [[value]]);
    },
    table(sheet) {
      const [head = [], ...rows] = grid(sheet) ?? [];
      return rows.filter((r) => r.some((c) => c !== '')).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
    },
    appendRow(sheet, cells) {
      const g = grid(sheet)!;
      const head = g[0] ?? [];
      g.push(head.map((h) => cells[h] ?? ''));
      return g.length;
    },
    deleteRow: (sheet, row) => void grid(sheet)!.splice(row - 1, 1),
    rowOf(sheet, id) {
      const i = (grid(sheet) ?? []).findIndex((r, k) => k > 0 && r[headerIndex(sheet, 'ID')] === id);
      return i < 0 ? undefined : i + 1;
    },
    count: (kind) => (kind ? reqKinds.filter((k) => k === kind).length : reqKinds.length),
  };
  return fake;
}
