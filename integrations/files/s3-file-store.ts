/**
 * Kit files in the private bucket of the stateful stack. Browsers upload with a presigned
 * PUT (type, length and Content-Disposition are signed, so the object is stored with the
 * headers the CDN will serve); the API reads the first bytes back to check the type.
 * The SDK is imported on first use: only the kit's routes pay for it.
 */
import type { FileStore } from './file-store.js';

export interface S3FileStoreOptions {
  region?: string;
  /** An S3-compatible server (tests, a local one); AWS itself when unset. */
  endpoint?: string;
  /** `/<bucket>/<key>` addressing, what local S3-compatible servers expect. */
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function s3FileStore(bucket: string, o: S3FileStoreOptions = {}): FileStore {
  const sdk = (async () => {
    const [s3, presigner] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
    const client = new s3.S3Client({
      ...(o.region ? { region: o.region } : {}),
      ...(o.endpoint ? { endpoint: o.endpoint, forcePathStyle: o.forcePathStyle ?? true } : {}),
      ...(o.credentials ? { credentials: o.credentials } : {}),
      // Otherwise the SDK signs a CRC32 of the (empty) body into presigned PUT URLs, and S3
      // then refuses the browser's real file as a bad digest.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return { s3, presigner, client };
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
