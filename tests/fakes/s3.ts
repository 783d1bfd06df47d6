/**
 * A small local fake of the S3 API (path style: /<bucket>/<key>), enough for the kit's file
 * store: PUT, GET (with Range), HEAD and DELETE of objects. Like S3 it refuses a request that
 * is neither signed (Authorization header) nor presigned (X-Amz-* query), a presigned PUT
 * whose signed headers were not sent with the signed values, a body whose length is not the
 * signed Content-Length, and a body that does not match a checksum the URL carries.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeObject {
  bytes: Buffer;
  contentType?: string;
  contentDisposition?: string;
}

export interface FakeS3 {
  endpoint: string;
  objects: Map<string, FakeObject>;
  /** Every request: method, key, whether it was presigned, the answer's status. */
  log: { method: string; key: string; presigned: boolean; status: number }[];
  close(): Promise<void>;
}

const PRESIGN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function xmlError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeS3(bucket: string): Promise<FakeS3> {
  const objects = new Map<string, FakeObject>();
  const log: FakeS3['log'] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-s3');
    const [, b, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const presigned = PRESIGN_PARAMS.every((p) => url.searchParams.has(p));
    const answer = (status: number) => log.push({ method: req.method ?? '', key, presigned, status });
    if (b !== bucket || !key) {
      answer(404);
      return xmlError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    }
    if (!presigned && !req.headers.authorization?.startsWith('AWS4-HMAC-SHA256 ')) {
      answer(403);
      return xmlError(res, 403, 'AccessDenied', 'Request is neither signed nor presigned');
    }
    if (req.method === 'PUT') {
      const bytes = await body(req);
      if (presigned) {
        const signed = url.searchParams.get('X-Amz-SignedHeaders')!.split(';');
        // Headers the client promised (content-type, content-disposition…) must all be sent.
        const missing = signed.filter((h) => h !== 'host' && req.headers[h] === undefined);
        if (missing.length) {
          answer(403);
          return xmlError(res, 403, 'SignatureDoesNotMatch', `signed headers not sent: ${missing.join(', ')}`);
        }
      }
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) !== bytes.length) {
        answer(400);
        return xmlError(res, 400, 'IncompleteBody', 'body length differs from Content-Length');
      }
      const checksum = url.searchParams.get('x-amz-checksum-crc32') ?? (req.headers['x-amz-checksum-crc32'] as string | undefined);
      if (checksum !== undefined) {
        const actual = Buffer.alloc(4);
        actual.writeUInt32BE(crc32(bytes));
        if (actual.toString('base64') !== checksum) {
          answer(400);
          return xmlError(res, 400, 'BadDigest', 'The CRC32 you specified did not match the calculated checksum');
        }
      }
      objects.set(key, { bytes, contentType: req.headers['content-type'], contentDisposition: req.headers['content-disposition'] as string | undefined });
      answer(200);
      res.writeHead(200, { etag: '"fake"' });
      return res.end();
    }
    const obj = objects.get(key);
    if (req.method === 'DELETE') {
      objects.delete(key);
      answer(204);
      res.writeHead(204);
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(405);
      return xmlError(res, 405, 'MethodNotAllowed', 'not in this fake');
    }
    if (!obj) {
      answer(404);
      if (req.method === 'HEAD') {
        res.writeHead(404);
        return res.end();
      }
      return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    }
    const headers: Record<string, string> = { 'content-type': obj.contentType ?? 'application/octet-stream', etag: '"fake"', 'accept-ranges': 'bytes' };
    if (obj.contentDisposition) headers['content-disposition'] = obj.contentDisposition;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && req.method === 'GET') {
      const from = Number(range[1]);
      const to = Math.min(range[2] ? Number(range[2]) : obj.bytes.length - 1, obj.bytes.length - 1);
      const part = obj.bytes.subarray(from, to + 1);
      answer(206);
      res.writeHead(206, { ...headers, 'content-length': String(part.length), 'content-range': `bytes ${from}-${to}/${obj.bytes.length}` });
      return res.end(part);
    }
    answer(200);
    res.writeHead(200, { ...headers, 'content-length': String(obj.bytes.length) });
    return res.end(req.method === 'HEAD' ? undefined : obj.bytes);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, objects, log, close: () => new Promise<void>((r) => server.close(() => r())) };
}
