/**
 * Generated objects too big for a Lambda answer (6 MB): exports and the directory's
 * index artifact. In AWS an S3 bucket (ARTIFACTS_BUCKET, the stateful stack's artifacts
 * bucket; ARTIFACTS_S3_ENDPOINT for an S3-compatible server), read by clients through a
 * short-lived presigned link; locally and in tests, the process memory, served by the
 * API itself (`GET /v1/objects/{key}`), where no response limit applies.
 */
export interface ObjectStore {
  put(key: string, body: Uint8Array | string, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: Uint8Array; contentType: string } | undefined>;
  /** Where a client downloads the object from (absolute, or relative to the API). */
  downloadUrl(key: string, opts: { filename?: string; publicBaseUrl?: string }): Promise<string>;
  /** True when `downloadUrl` points back at this API (the memory store). */
  readonly servedByApi: boolean;
}

export class MemoryObjectStore implements ObjectStore {
  readonly servedByApi = true;
  private readonly objects = new Map<string, { body: Uint8Array; contentType: string }>();

  async put(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
    this.objects.set(key, { body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body, contentType });
  }

  async get(key: string) {
    return this.objects.get(key);
  }

  async downloadUrl(key: string, opts: { publicBaseUrl?: string }): Promise<string> {
    return `${opts.publicBaseUrl ?? ''}/v1/objects/${key.split('/').map(encodeURIComponent).join('/')}`;
  }
}

export interface S3ObjectStoreOptions {
  region?: string;
  /** An S3-compatible server (tests, a local one); AWS itself when unset. */
  endpoint?: string;
  /** `/<bucket>/<key>` addressing, what local S3-compatible servers expect. */
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** S3, loaded on first use (keeps the cold start light: a search of a warm instance never needs it). */
export class S3ObjectStore implements ObjectStore {
  readonly servedByApi = false;
  private client: Promise<{ s3: import('@aws-sdk/client-s3').S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | undefined;

  constructor(readonly bucket: string, private readonly o: S3ObjectStoreOptions = {}) {}

  private s3() {
    const o = this.o;
    return (this.client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        ...(o.region ? { region: o.region } : {}),
        ...(o.endpoint ? { endpoint: o.endpoint, forcePathStyle: o.forcePathStyle ?? true } : {}),
        ...(o.credentials ? { credentials: o.credentials } : {}),
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    })));
  }

  async put(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
    const { s3, sdk } = await this.s3();
    await s3.send(new sdk.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  async get(key: string) {
    const { s3, sdk } = await this.s3();
    try {
      const out = await s3.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return { body: await out.Body!.transformToByteArray(), contentType: out.ContentType ?? 'application/octet-stream' };
    } catch (err) {
      // An expired artifact or export (the bucket's lifecycle): as if never written.
      if (['NoSuchKey', 'NotFound'].includes((err as { name?: string }).name ?? '')) return undefined;
      throw err;
    }
  }

  async downloadUrl(key: string, opts: { filename?: string }): Promise<string> {
    const { s3, sdk } = await this.s3();
    const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
    const disposition = opts.filename ? `attachment; filename="${opts.filename}"` : undefined;
    return getSignedUrl(s3, new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentDisposition: disposition }), { expiresIn: 900 });
  }
}

const memoryStores = new Map<string, MemoryObjectStore>();

/** The memory store of a table: shared by every app instance of the process on that table, as a bucket would be. */
export function memoryStoreFor(table: { tableName: string }): MemoryObjectStore {
  let s = memoryStores.get(table.tableName);
  if (!s) memoryStores.set(table.tableName, (s = new MemoryObjectStore()));
  return s;
}
