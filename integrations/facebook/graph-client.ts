/**
 * A small client of the Graph API Page endpoints the relay needs (contracts/facebook.md):
 * publish a text/link post or a photo post, edit a post's message, delete a post.
 *
 * Retries inside one call are short (a few seconds) and limited to what is safe: throttling
 * and "transient" answers (Graph did nothing), plus — for edits and deletes only, which are
 * idempotent — failures with an uncertain outcome. Creating a post is never retried on an
 * uncertain outcome: that would risk two posts. Longer backoff is the relay's job.
 */
import * as z from 'zod';
import { GraphError, graphErrorFromResponse } from './graph-errors.js';

export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com/v25.0';

export interface GraphClientOptions {
  /** Base URL including the version, e.g. `https://graph.facebook.com/v25.0`. */
  baseUrl: string;
  pageId: string;
  pageToken: string;
  fetch?: typeof fetch;
  /** Retries inside one call (default 2). */
  maxRetries?: number;
  /** First backoff delay (default 500 ms), doubled each time, with jitter. */
  baseDelayMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface FacebookPageClient {
  /** `POST /{page-id}/feed` → the page post id `{page-id}_{post-id}`. */
  publishPost(p: { message: string; link?: string }): Promise<{ postId: string }>;
  /** `POST /{page-id}/photos` → the photo id and its page post id. */
  publishPhoto(p: { url: string; message: string }): Promise<{ postId: string; photoId: string }>;
  /** `POST /{page-post-id}` with a new message. */
  editPost(postId: string, message: string): Promise<void>;
  /** `DELETE /{page-post-id}`. */
  deletePost(postId: string): Promise<void>;
}

const FeedResponse = z.object({ id: z.string().min(1) });
const PhotoResponse = z.object({ id: z.string().min(1), post_id: z.string().min(1) });
const SuccessResponse = z.object({ success: z.literal(true) });

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createGraphClient(o: GraphClientOptions): FacebookPageClient {
  const base = o.baseUrl.replace(/\/+$/, '');
  const doFetch = o.fetch ?? fetch;
  const maxRetries = o.maxRetries ?? 2;
  const baseDelay = o.baseDelayMs ?? 500;
  const sleep = o.sleep ?? defaultSleep;
  const random = o.random ?? Math.random;

  async function once(method: 'POST' | 'DELETE', path: string, params: Record<string, string>): Promise<unknown> {
    const body = new URLSearchParams(params);
    let res: Response;
    try {
      res = await doFetch(`${base}/${path}`, {
        method,
        headers: { authorization: `Bearer ${o.pageToken}`, ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: method === 'POST' ? body.toString() : undefined,
        signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new GraphError('uncertain', `Facebook injoignable : ${(err as Error).message}`, undefined, undefined, undefined, undefined, { cause: err });
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw graphErrorFromResponse(res.status, text);
    try {
      return JSON.parse(text);
    } catch {
      throw new GraphError('uncertain', `Réponse Facebook illisible (HTTP ${res.status})`, res.status);
    }
  }

  async function call<T>(method: 'POST' | 'DELETE', path: string, params: Record<string, string>, schema: z.ZodType<T>, idempotent: boolean): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const json = await once(method, path, params);
        const parsed = schema.safeParse(json);
        if (!parsed.success) throw new GraphError('uncertain', 'Réponse Facebook inattendue', 200);
        return parsed.data;
      } catch (err) {
        const e = err as GraphError;
        const safe = e instanceof GraphError && (e.kind === 'throttled' || e.kind === 'transient' || (idempotent && e.kind === 'uncertain'));
        if (!safe || attempt >= maxRetries) throw err;
        await sleep(baseDelay * 2 ** attempt * (0.5 + random()));
      }
    }
  }

  return {
    async publishPost(p) {
      const r = await call('POST', `${encodeURIComponent(o.pageId)}/feed`, { message: p.message, ...(p.link ? { link: p.link } : {}), published: 'true' }, FeedResponse, false);
      return { postId: r.id };
    },
    async publishPhoto(p) {
      const r = await call('POST', `${encodeURIComponent(o.pageId)}/photos`, { url: p.url, message: p.message, published: 'true' }, PhotoResponse, false);
      return { postId: r.post_id, photoId: r.id };
    },
    async editPost(postId, message) {
      await call('POST', encodeURIComponent(postId), { message }, SuccessResponse, true);
    },
    async deletePost(postId) {
      await call('DELETE', encodeURIComponent(postId), {}, SuccessResponse, true);
    },
  };
}
