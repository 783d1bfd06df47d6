/**
 * The S3 file store against a local fake S3 (tests/fakes/s3.ts), endpoint configurable and
 * path-style addressing: the store's own calls, then the whole AWS upload flow through the
 * API (ticket → presigned PUT over HTTP → complete → redirect to the CDN path).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { s3FileStore } from '../../integrations/files/s3-file-store.js';
import type { FileStore } from '../../integrations/files/file-store.js';
import { startFakeS3, type FakeS3 } from '../fakes/s3.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');
const kitInput = (o: Record<string, unknown>) => ({ description: 'Logo du réseau', licence: 'CC BY 4.0', language: 'fr', tags: [], ...o });

const BUCKET = 'kit-bucket-test';
let s3: FakeS3;
let store: FileStore;
let t: TestContext;

beforeAll(async () => {
  s3 = await startFakeS3(BUCKET);
  store = s3FileStore(BUCKET, { region: 'eu-west-3', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test-secret' } });
  t = await createTestContext();
  t.deps.files = store;
});
afterAll(() => s3.close());

describe('S3 file store (fake S3, path style)', () => {
  it('presigns a PUT that carries the signed query, type and disposition; reads the start, the size, deletes', async () => {
    const put = await store.presignPut!('kit-files/a/1.png', { contentType: 'image/png', size: PNG.length, disposition: 'inline; filename="logo.png"', expiresInSeconds: 900 });
    const url = new URL(put.url);
    expect(url.origin + url.pathname).toBe(`${s3.endpoint}/${BUCKET}/kit-files/a/1.png`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-SignedHeaders')!.split(';')).toEqual(expect.arrayContaining(['content-type', 'content-disposition', 'content-length', 'host']));
    expect(url.searchParams.has('x-amz-checksum-crc32')).toBe(false);

    const withoutHeaders = await fetch(put.url, { method: 'PUT', body: new Uint8Array(PNG) });
    const uploaded = await fetch(put.url, { method: 'PUT', headers: put.headers, body: new Uint8Array(PNG) });

    expect(withoutHeaders.status).toBe(403);
    expect(uploaded.status).toBe(200);
    expect(s3.objects.get('kit-files/a/1.png')).toMatchObject({ contentType: 'image/png', contentDisposition: 'inline; filename="logo.png"' });
    expect(Buffer.from((await store.readStart('kit-files/a/1.png', 8))!)).toEqual(PNG.subarray(0, 8));
    expect(await store.sizeOf!('kit-files/a/1.png')).toBe(PNG.length);
    expect(await store.readStart('kit-files/none.png', 8)).toBeUndefined();
    expect(await store.sizeOf!('kit-files/none.png')).toBeUndefined();
    await store.remove('kit-files/a/1.png');
    expect(s3.objects.has('kit-files/a/1.png')).toBe(false);
    // The store's own calls are signed requests (Authorization), the browser's PUT presigned.
    expect(s3.log.filter((l) => l.method === 'PUT').map((l) => l.presigned)).toEqual([true, true]);
    expect(s3.log.filter((l) => l.method !== 'PUT').every((l) => !l.presigned)).toBe(true);
  });

  it('the whole AWS flow through the API: presigned PUT, complete, redirect to the CDN path; a lying file refused and deleted', async () => {
    const asset = (await t.call('POST', '/v1/kit', { token: ADMIN, body: kitInput({ kind: 'logo', title: 'Logo' }) })).body;
    const ticket = await t.call('POST', `/v1/kit/${asset.id}/file`, { token: ADMIN, body: { fileName: 'logo.png', contentType: 'image/png', size: PNG.length } });
    expect(ticket.status).toBe(200);
    expect(ticket.body).toMatchObject({ method: 'PUT', completeUrl: `http://localhost:3000/v1/kit/uploads/${ticket.body.uploadId}/complete` });
    expect(ticket.body.uploadUrl.startsWith(`${s3.endpoint}/${BUCKET}/kit-files/${asset.id}/`)).toBe(true);

    const early = await t.call('POST', `/v1/kit/uploads/${ticket.body.uploadId}/complete`, { token: ADMIN });
    expect(early.status).toBe(400);
    expect((await fetch(ticket.body.uploadUrl, { method: 'PUT', headers: ticket.body.headers, body: new Uint8Array(PNG) })).status).toBe(200);
    const done = await t.call('POST', `/v1/kit/uploads/${ticket.body.uploadId}/complete`, { token: ADMIN });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ contentType: 'image/png', size: PNG.length, fileUrl: `http://localhost:3000/v1/kit/${asset.id}/file` });
    const key = `kit-files/${asset.id}/${ticket.body.uploadId}.png`;
    expect(s3.objects.get(key)?.contentDisposition).toMatch(/^inline; filename="logo\.png"/);
    const file = await t.app.request(`/v1/kit/${asset.id}/file`);
    expect(file.status).toBe(302);
    expect(file.headers.get('location')).toBe(`http://localhost:3000/${key}`);

    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    const lying = await t.call('POST', `/v1/kit/${asset.id}/file`, { token: ADMIN, body: { fileName: 'photo.png', contentType: 'image/png', size: html.length } });
    expect((await fetch(lying.body.uploadUrl, { method: 'PUT', headers: lying.body.headers, body: new Uint8Array(html) })).status).toBe(200);
    const refused = await t.call('POST', `/v1/kit/uploads/${lying.body.uploadId}/complete`, { token: ADMIN });
    expect(refused.status).toBe(415);
    expect(s3.objects.has(`kit-files/${asset.id}/${lying.body.uploadId}.png`)).toBe(false);
    expect(s3.objects.has(key)).toBe(true);
  });
});
