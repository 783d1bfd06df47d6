import { createTableRef } from '../integrations/dynamodb/client.js';
import type { Deps } from './domain/deps.js';
import { newId } from './domain/ids.js';
import { ServiceUnavailableError } from './domain/errors.js';
import { readLambdaEnv, readSecret } from './config.js';
import { s3FileStore } from '../integrations/files/s3-file-store.js';
import { S3ObjectStore } from '../integrations/objects/object-store.js';

/**
 * The secret, read once on first use. A failed read is not remembered: the next request
 * that carries a token tries again (and this one answers 503, see problem.ts).
 */
export function lazySecret(arn: string, read: (arn: string) => Promise<string> = readSecret): () => Promise<string> {
  let value: Promise<string> | undefined;
  return () => {
    value ??= read(arn).catch((err: unknown) => {
      value = undefined;
      throw new ServiceUnavailableError('La vérification des jetons est momentanément impossible ; réessayez dans quelques secondes.', { cause: err });
    });
    return value;
  };
}

/**
 * Builds the dependencies of a Lambda function from its environment (cold start).
 * Nothing is read from Secrets Manager here: the admin token is read on the first request
 * that needs it. Only the API authenticates callers: background functions (sync, relay) run without
 * the admin token and are not granted its secret.
 */
export async function depsFromEnv(env: NodeJS.ProcessEnv = process.env, opts: { withAdminToken: boolean } = { withAdminToken: true }): Promise<Deps> {
  const cfg = readLambdaEnv(env);
  let adminToken = '';
  let adminTokenSource: (() => Promise<string>) | undefined;
  if (opts.withAdminToken) {
    if (!cfg.ADMIN_TOKEN && !cfg.ADMIN_TOKEN_SECRET_ARN) throw new Error('Invalid environment: ADMIN_TOKEN_SECRET_ARN or ADMIN_TOKEN is required');
    if (cfg.ADMIN_TOKEN) adminToken = cfg.ADMIN_TOKEN;
    else adminTokenSource = lazySecret(cfg.ADMIN_TOKEN_SECRET_ARN!);
  }
  return {
    table: createTableRef({ tableName: cfg.TABLE_NAME, endpoint: cfg.DYNAMODB_ENDPOINT }),
    now: () => new Date(),
    newId: () => newId(),
    adminToken,
    ...(adminTokenSource ? { adminTokenSource } : {}),
    publicBaseUrl: cfg.PUBLIC_BASE_URL,
    // The kit's private bucket (stateful stack); its SDK loads on the kit's first file request.
    ...(env.KIT_BUCKET ? { files: s3FileStore(env.KIT_BUCKET, env.KIT_S3_ENDPOINT ? { endpoint: env.KIT_S3_ENDPOINT, forcePathStyle: true } : {}) } : {}),
    // Generated objects (index artifact, big exports) in the stateful stack's bucket, shared by
    // every instance; unset (local server): the process memory. Its SDK loads on first use.
    ...(env.ARTIFACTS_BUCKET ? { objects: new S3ObjectStore(env.ARTIFACTS_BUCKET, env.ARTIFACTS_S3_ENDPOINT ? { endpoint: env.ARTIFACTS_S3_ENDPOINT, forcePathStyle: true } : {}) } : {}),
  };
}
