/**
 * Kit files in the private bucket of the stateful stack. Browsers upload with a presigned
 * PUT (type, length and Content-Disposition are signed, so the object is stored with the
 * headers the CDN will serve); the API reads the first bytes back to check the type.
 * The SDK is imported on first use: only the kit's routes pay for it.
 */
import type { FileStore } from './file-store.js';

export function s3FileStore(bucket: string, region?: string): FileStore {
  const sdk = (async () => {
    const [s3, presigner] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
    return { s3, presigner, client: new s3.S3Client(region ? { region } : {}) };
  })();
  const notFound = (err: unknown) => ['NoSuchKey', 'NotFound'].includes((err as { name?: string }).name ?? '');
  return {
    kind: 's3',
    async presignPut(key, o) {
      const { s3, presigner, client } = await sdk;
      const cmd = new s3.PutObjectCommand({ Bucket: bucket, Key: key, ContentType: o.contentType, ContentLength: o.size, ContentDisposition: o.disposition });
      const url = await presigner.getSignedUrl(client, cmd, { expiresIn: o.expiresInSeconds, signableHeaders: new Set(['content-type', 'content-disposition', 'content-length']) });
      return { url, headers: { 'content-type': o.contentType, 'content-disposition': o.disposition } };
    },
    async readStart(key, n) {
      const { s3, client } = await sdk;
      try {
        const out = await client.send(new s3.GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${n - 1}` }));
        return out.Body ? new Uint8Array(await out.Body.transformToByteArray()) : undefined;
      } catch (err) {
        if (notFound(err)) return undefined;
        throw err;
      }
    },
    async sizeOf(key) {
      const { s3, client } = await sdk;
      try {
        return (await client.send(new s3.HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength;
      } catch (err) {
        if (notFound(err)) return undefined;
        throw err;
      }
    },
    async remove(key) {
      const { s3, client } = await sdk;
      await client.send(new s3.DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
