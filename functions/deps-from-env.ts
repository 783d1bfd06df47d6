import { createTableRef } from '../integrations/dynamodb/client.js';
import type { Deps } from './domain/deps.js';
import { newId } from './domain/ids.js';
import { readLambdaEnv, readSecret } from './config.js';

/** Builds the dependencies of a Lambda function from its environment (cold start). */
export async function depsFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Deps> {
  const cfg = readLambdaEnv(env);
  const adminToken = cfg.ADMIN_TOKEN ?? (await readSecret(cfg.ADMIN_TOKEN_SECRET_ARN!));
  return {
    table: createTableRef({ tableName: cfg.TABLE_NAME, endpoint: cfg.DYNAMODB_ENDPOINT }),
    now: () => new Date(),
    newId: () => newId(),
    adminToken,
    publicBaseUrl: cfg.PUBLIC_BASE_URL,
  };
}
