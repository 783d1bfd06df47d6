import { createTableRef } from '../integrations/dynamodb/client.js';
import type { Deps } from './domain/deps.js';
import { newId } from './domain/ids.js';
import { readLambdaEnv, readSecret } from './config.js';
import { s3FileStore } from '../integrations/files/s3-file-store.js';

/**
 * Builds the dependencies of a Lambda function from its environment (cold start).
 * Only the API authenticates callers: background functions (sync, relay) run without
 * the admin token and are not granted its secret.
 */
export async function depsFromEnv(env: NodeJS.ProcessEnv = process.env, opts: { withAdminToken: boolean } = { withAdminToken: true }): Promise<Deps> {
  const cfg = readLambdaEnv(env);
  let adminToken = '';
  if (opts.withAdminToken) {
    if (!cfg.ADMIN_TOKEN && !cfg.ADMIN_TOKEN_SECRET_ARN) throw new Error('Invalid environment: ADMIN_TOKEN_SECRET_ARN or ADMIN_TOKEN is required');
    adminToken = cfg.ADMIN_TOKEN ?? (await readSecret(cfg.ADMIN_TOKEN_SECRET_ARN!));
  }
  return {
    table: createTableRef({ tableName: cfg.TABLE_NAME, endpoint: cfg.DYNAMODB_ENDPOINT }),
    now: () => new Date(),
    newId: () => newId(),
    adminToken,
    publicBaseUrl: cfg.PUBLIC_BASE_URL,
    // The kit's private bucket (stateful stack); its SDK loads on the kit's first file request.
    ...(env.KIT_BUCKET ? { files: s3FileStore(env.KIT_BUCKET) } : {}),
  };
}
