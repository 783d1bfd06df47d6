/**
 * A local fake of the Graph API Page endpoints, following contracts/facebook.md:
 * - POST /{version}/{page-id}/feed    (message, link, published) → {"id":"{page-id}_{post-id}"}
 * - POST /{version}/{page-id}/photos  (url, message|caption)      → {"id":"{photo-id}","post_id":"{page-id}_{post-id}"}
 * - POST /{version}/{page-post-id}    (message)                   → {"success":true}
 * - DELETE /{version}/{page-post-id}                              → {"success":true}
 * Parameters as form fields, JSON or query; `access_token` as a parameter or a Bearer header.
 * Errors use the Graph shape: 190 for a bad token, 100 for an unknown object or missing field;
 * throttling (4/17/32/613), 5xx and lost responses can be injected. Every call is recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export type GraphOp = 'feed' | 'photos' | 'edit' | 'delete';

export interface FakePost {
  id: string;
  message?: string;
  link?: string;
  photoUrl?: string;
  deleted: boolean;
  edits: number;
}

export interface RecordedCall {
  method: string;
  path: string;
  op: GraphOp | 'unknown';
  params: Record<string, string>;
  status: number;
}

/** A failure to inject on the next matching calls. */
export type InjectedFailure =
  | { kind: 'throttle'; code: 4 | 17 | 32 | 613; op?: GraphOp; times?: number }
  | { kind: 'server-error'; status?: number; op?: GraphOp; times?: number }
  /** The operation is applied, then the connection is cut before the answer: the client cannot know. */
  | { kind: 'lost-response'; op?: GraphOp; times?: number };

const THROTTLE_MESSAGES: Record<number, string> = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
};

export interface FakeGraph {
  /** Base URL including the version, to use as FACEBOOK_GRAPH_URL. */
  url: string;
  pageId: string;
  token: string;
  calls: RecordedCall[];
  posts: Map<string, FakePost>;
  /** Live (not deleted) posts. */
  livePosts(): FakePost[];
  inject(f: InjectedFailure): void;
  /** Invalidates the token (as a password change would): every call then gets a 190. */
  setValidToken(token: string): void;
  close(): Promise<void>;
}

const trace = () => randomBytes(8).toString('base64url');
const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');

async function readParams(req: IncomingMessage, url: URL): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  if (!text) return params;
  if ((req.headers['content-type'] ?? '').includes('json')) {
    for (const [k, v] of Object.entries(JSON.parse(text) as Record<string, unknown>)) params[k] = String(v);
  } else Object.assign(params, Object.fromEntries(new URLSearchParams(text)));
  return params;
}

export async function startFakeGraph(opts: { pageId?: string; token?: string; version?: string } = {}): Promise<FakeGraph> {
  const pageId = opts.pageId ?? '1234567890';
  const version = opts.version ?? 'v25.0';
  let validToken = opts.token ?? 'page-token-' + randomBytes(6).toString('hex');
  const calls: RecordedCall[] = [];
  const posts = new Map<string, FakePost>();
  const failures: InjectedFailure[] = [];

  function send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, {
      'content-type': 'application/json; charset=UTF-8',
      'x-business-use-case-usage': JSON.stringify({ [pageId]: [{ type: 'pages', call_count: 1, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 0 }] }),
    });
    res.end(JSON.stringify(body));
  }
  const graphError = (res: ServerResponse, status: number, error: Record<string, unknown>) =>
    send(res, status, { error: { type: 'OAuthException', fbtrace_id: trace(), ...error } });

  function takeFailure(op: GraphOp): InjectedFailure | undefined {
    const i = failures.findIndex((f) => !f.op || f.op === op);
    if (i < 0) return undefined;
    const f = failures[i]!;
    const left = (f.times ?? 1) - 1;
    if (left <= 0) failures.splice(i, 1);
    else failures[i] = { ...f, times: left };
    return f;
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const params = await readParams(req, url);
    const segments = url.pathname.split('/').filter(Boolean);
    const record = (op: RecordedCall['op'], status: number) => calls.push({ method: req.method ?? '', path: url.pathname, op, params, status });
    if (segments[0] !== version) {
      record('unknown', 400);
      return graphError(res, 400, { message: `Unknown path components: /${segments[0] ?? ''}`, code: 2500 });
    }
    const [target, edge] = [segments[1] ?? '', segments[2]];
    const op: GraphOp | 'unknown' =
      req.method === 'POST' && target === pageId && edge === 'feed' ? 'feed'
      : req.method === 'POST' && target === pageId && edge === 'photos' ? 'photos'
      : req.method === 'POST' && !edge && target.includes('_') ? 'edit'
      : req.method === 'DELETE' && !edge && target.includes('_') ? 'delete'
      : 'unknown';

    const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '') || params.access_token;
    if (token !== validToken) {
      record(op, 400);
      return graphError(res, 400, {
        message: 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
        code: 190,
        error_subcode: 460,
        error_user_title: 'Session invalide',
        error_user_msg: 'Reconnectez-vous pour continuer.',
      });
    }
    if (op === 'unknown') {
      record(op, 400);
      return graphError(res, 400, { message: 'Unsupported request: method or path not implemented by the fake', code: 100 });
    }
    const failure = takeFailure(op);
    if (failure?.kind === 'throttle') {
      record(op, 400);
      return graphError(res, 400, { message: THROTTLE_MESSAGES[failure.code], code: failure.code, is_transient: true });
    }
    if (failure?.kind === 'server-error') {
      record(op, failure.status ?? 500);
      return graphError(res, failure.status ?? 500, { message: 'An unexpected error has occurred. Please retry your request later.', code: 2, is_transient: true });
    }

    let status = 200;
    let body: unknown;
    if (op === 'feed' || op === 'photos') {
      if (op === 'feed' && !params.message && !params.link) [status, body] = [400, { error: { message: '(#100) Missing message or link', type: 'OAuthException', code: 100, fbtrace_id: trace() } }];
      else if (op === 'photos' && !params.url) [status, body] = [400, { error: { message: '(#100) Missing url', type: 'OAuthException', code: 100, fbtrace_id: trace() } }];
      else {
        const id = `${pageId}_${digits(15)}`;
        posts.set(id, { id, message: params.message ?? params.caption, link: params.link, photoUrl: op === 'photos' ? params.url : undefined, deleted: false, edits: 0 });
        body = op === 'feed' ? { id } : { id: digits(15), post_id: id };
      }
    } else {
      const post = posts.get(target);
      if (!post || post.deleted) {
        [status, body] = [400, { error: { message: `Unsupported post request. Object with ID '${target}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, type: 'GraphMethodException', code: 100, error_subcode: 33, fbtrace_id: trace() } }];
      } else if (op === 'edit') {
        if (params.message !== undefined) post.message = params.message;
        post.edits++;
        body = { success: true };
      } else {
        post.deleted = true;
        body = { success: true };
      }
    }
    record(op, status);
    if (failure?.kind === 'lost-response' && status === 200) {
      res.socket?.destroy();
      return;
    }
    send(res, status, body);
  });

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${version}`,
    pageId,
    get token() {
      return validToken;
    },
    calls,
    posts,
    livePosts: () => [...posts.values()].filter((p) => !p.deleted),
    inject: (f) => failures.push(f),
    setValidToken: (t) => (validToken = t),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
