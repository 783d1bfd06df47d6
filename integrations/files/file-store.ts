/**
 * Where kit files live: a folder under DATA_DIR with `npm start` (served by the local
 * server), a private S3 bucket in AWS (uploaded with a presigned PUT, served through the
 * CDN). The use cases only see this interface.
 */
export interface PresignedPut {
  url: string;
  headers: Record<string, string>;
}

export interface FileStore {
  kind: 'local' | 's3';
  /** S3 only: a presigned PUT for exactly this key, type, size and disposition. */
  presignPut?(key: string, o: { contentType: string; size: number; disposition: string; expiresInSeconds: number }): Promise<PresignedPut>;
  /** Local only: stores the bytes the local server received. */
  put?(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The first `n` bytes (undefined when the object does not exist). */
  readStart(key: string, n: number): Promise<Uint8Array | undefined>;
  /** The whole object (local serving). */
  read?(key: string): Promise<Uint8Array | undefined>;
  remove(key: string): Promise<void>;
  /** S3 only: the object's size as stored. */
  sizeOf?(key: string): Promise<number | undefined>;
}
