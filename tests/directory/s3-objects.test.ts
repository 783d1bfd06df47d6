/**
 * The generated objects in S3 (a local fake S3, tests/fakes/s3.ts): what the API writes
 * there in AWS — the directory's compact index artifact with its records object, and the
 * exports too big for a Lambda answer — and what a new instance reads back. The app runs
 * on DynamoDB Local with `deps.objects` an `S3ObjectStore`, as depsFromEnv builds it from
 * ARTIFACTS_BUCKET.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';
import { startFakeS3, type FakeS3 } from '../fakes/s3.js';
import { S3ObjectStore } from '../../integrations/objects/object-store.js';
import { createApp } from '../../functions/api/app.js';
import { depsFromEnv } from '../../functions/deps-from-env.js';
import { getDirectoryArtifactPointer, type DirectoryArtifactPointer } from '../../integrations/dynamodb/directory-repository.js';
import { loadDirectorySnapshot } from '../../functions/domain/directory/snapshot.js';
import { exportBody } from '../../functions/domain/directory/large-exports.js';

const BUCKET = 'artifacts-bucket-test';
let s3: FakeS3;
let store: S3ObjectStore;
let t: TestContext;
let pointer: DirectoryArtifactPointer;

beforeAll(async () => {
  s3 = await startFakeS3(BUCKET);
  store = new S3ObjectStore(BUCKET, { region: 'eu-west-3', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test-secret' } });
  t = await createTestContext();
  t.deps.objects = store;
  const placeId = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Le Seau' }) })).body.id;
  for (let i = 0; i < 4; i++) await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(placeId, { name: `Établi ${i}`, category: 'workshop', description: `Établi numéro ${i}` }) });
  // The first search of an instance with no artifact to start from writes one, after its answer.
  expect((await t.call('GET', '/v1/resources?category=workshop')).body.items).toHaveLength(4);
  for (let i = 0; i < 100 && !(pointer = (await getDirectoryArtifactPointer(t.deps.table))!); i++) await new Promise((ok) => setTimeout(ok, 50));
});
afterAll(() => s3.close());

/** A new Lambda instance on the same table and bucket: an empty directory cache. */
const newInstanceDeps = () => ({ ...t.deps, table: { ...t.deps.table } });

describe('the S3 object store (fake S3, path style)', () => {
  it('puts and gets an object; a key never written (or expired) is undefined, not an error', async () => {
    await store.put('export-test.txt', 'bonjour', 'text/plain');
    const got = await store.get('export-test.txt');
    expect(Buffer.from(got!.body).toString()).toBe('bonjour');
    expect(got!.contentType).toBe('text/plain');
    expect(await store.get('directory-index-absent.bin.gz')).toBeUndefined();
  });

  it('depsFromEnv picks it from ARTIFACTS_BUCKET (and the memory store without it)', async () => {
    const env = { TABLE_NAME: 'x', ADMIN_TOKEN: 'a-token-of-sixteen-chars', AWS_REGION: 'eu-west-3' };
    const withBucket = await depsFromEnv({ ...env, ARTIFACTS_BUCKET: 'the-bucket', ARTIFACTS_S3_ENDPOINT: s3.endpoint });
    expect(withBucket.objects).toBeInstanceOf(S3ObjectStore);
    expect((withBucket.objects as S3ObjectStore).bucket).toBe('the-bucket');
    expect((await depsFromEnv(env)).objects).toBeUndefined();
  });
});

describe('the directory index artifact in S3', () => {
  it('is two objects: the compact index and the records', () => {
    expect(pointer.key).toMatch(/^directory-index-\d{12}\.bin\.gz$/);
    expect(pointer.recordsKey).toMatch(/^directory-records-\d{12}\.json\.gz$/);
    expect(s3.objects.has(pointer.key)).toBe(true);
    expect(s3.objects.has(pointer.recordsKey!)).toBe(true);
    expect(s3.objects.get(pointer.key)!.bytes.length).toBe(pointer.bytes);
  });

  it('a new instance reads the index object only, and answers what the first one answers (records by BatchGet)', async () => {
    const expected = (await t.call('GET', '/v1/resources?category=workshop')).body;
    s3.log.length = 0;
    const res = await createApp(newInstanceDeps()).request('/v1/resources?category=workshop');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(expected);
    expect(s3.log.map((l) => `${l.method} ${l.key} ${l.status}`)).toEqual([`GET ${pointer.key} 200`]);
  });

  it('what needs every record (the stale list) reads the records object once', async () => {
    const deps = newInstanceDeps();
    const snap = await loadDirectorySnapshot(deps);
    s3.log.length = 0;
    const all = await snap.resourcesWithRecords();
    await snap.resourcesWithRecords();
    expect(all.map((r) => r.resource.name).sort()).toEqual(['Établi 0', 'Établi 1', 'Établi 2', 'Établi 3']);
    expect(all.every((r) => r.resource.description?.startsWith('Établi numéro'))).toBe(true);
    expect(s3.log.map((l) => `${l.method} ${l.key}`)).toEqual([`GET ${pointer.recordsKey}`]);
  });

  it('records expired from the bucket meanwhile: read from the table instead', async () => {
    const snap = await loadDirectorySnapshot(newInstanceDeps());
    const kept = s3.objects.get(pointer.recordsKey!)!;
    s3.objects.delete(pointer.recordsKey!);
    try {
      const all = await snap.resourcesWithRecords();
      expect(all.map((r) => r.resource.name).sort()).toEqual(['Établi 0', 'Établi 1', 'Établi 2', 'Établi 3']);
    } finally {
      s3.objects.set(pointer.recordsKey!, kept);
    }
  });
});

describe('a big export in S3', () => {
  it('is stored once and answered with a presigned link that downloads it', async () => {
    const body = 'ID;Nom\r\n' + 'x;y\r\n'.repeat(50);
    const out = await exportBody(t.deps, { body, contentType: 'text/csv; charset=utf-8', filename: 'ressources.csv', inlineMax: 100 });
    if (!('redirect' in out)) throw new Error('expected a redirect');
    const url = new URL(out.redirect);
    expect(url.origin + url.pathname).toMatch(new RegExp(`^${s3.endpoint}/${BUCKET}/export-[0-9a-f]{32}-ressources\\.csv$`));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    const download = await fetch(out.redirect);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe(body);
    // The route that serves the memory store's objects has nothing to serve in S3 mode.
    expect((await t.call('GET', `/v1/objects/${url.pathname.split('/').pop()}`)).status).toBe(404);
  });
});
