/**
 * Plumbing shared by the Airtable and Google Sheets fakes: a JSON server on
 * port 0, request recording, and failures injected on the next matching calls
 * (429 with the service's own body, 500, a timeout before or after the change
 * is applied).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FailureKind = 429 | 500 | 'timeout' | 'timeout-after-apply';

export interface Injected {
  kind: FailureKind;
  /** Only calls with this method (GET, POST, PATCH…) */
  method?: string;
  /** Only calls whose path contains this text. */
  pathIncludes?: string;
  /** How many matching calls fail (default 1). */
  times?: number;
  /** Matching calls to let through before failing (default 0): "mid-sync". */
  after?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
}

export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export type FakeAnswer = { status: number; body?: unknown } | undefined;

export interface FakeServerCore {
  url: string;
  requests: RecordedRequest[];
  inject(f: Injected): void;
  close(): Promise<void>;
}

/**
 * `handle` answers a request; `rateLimitBody` is the service's 429 body.
 * With 'timeout-after-apply' the handler runs (the change happens) and the answer never comes.
 */
export async function startFakeServer(handle: (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>, rateLimitBody: unknown, serverErrorBody: unknown): Promise<FakeServerCore> {
  const failures: (Injected & { left: number; skip: number })[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const pick = (method: string, path: string) => {
    for (const f of failures) {
      if (f.left <= 0) continue;
      if (f.method && f.method !== method) continue;
      if (f.pathIncludes && !decodeURIComponent(path).includes(f.pathIncludes)) continue;
      if (f.skip > 0) {
        f.skip--;
        continue;
      }
      f.left--;
      return f.kind;
    }
    return undefined;
  };
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const send = (status: number, payload: unknown) => {
      requests.push({ method, path: url.pathname + url.search, status });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const failure = pick(method, url.pathname + url.search);
    if (failure === 429) return send(429, rateLimitBody);
    if (failure === 500) return send(500, serverErrorBody);
    if (failure === 'timeout') {
      requests.push({ method, path: url.pathname + url.search, status: 0 });
      return; // never answers; the client's timeout fires
    }
    try {
      const answer = await handle({ method, url, headers: req.headers, body });
      if (failure === 'timeout-after-apply') {
        requests.push({ method, path: url.pathname + url.search, status: 0 });
        return;
      }
      if (!answer) return send(404, { error: { type: 'NOT_FOUND', message: 'route inconnue du faux serveur' } });
      send(answer.status, answer.body);
    } catch (err) {
      send(500, { error: { type: 'FAKE_CRASH', message: String(err) } });
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject: (f) => failures.push({ ...f, left: f.times ?? 1, skip: f.after ?? 0 }),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
