/**
 * The production path of the admin token (issue 15): read from Secrets Manager (a local fake
 * here) on the first request that carries a token, never at cold start, so that public reads
 * never wait for it; a secret that cannot be read answers 503, not 500, and is retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startFakeSecretsManager, type FakeSecretsManager } from '../fakes/secrets-manager.js';
import { depsFromEnv } from '../../functions/deps-from-env.js';
import { createApp } from '../../functions/api/app.js';
import { ensureTable } from '../../integrations/dynamodb/ensure-table.js';
import { createTableRef } from '../../integrations/dynamodb/client.js';

const ARN = 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:AdminToken-AbCdEf';
const TOKEN = 'admin-token-from-the-secret-0123456789';
let fake: FakeSecretsManager;
const tableName = `test-admin-secret-${process.pid}`;

beforeAll(async () => {
  fake = await startFakeSecretsManager([{ name: 'AdminToken-AbCdEf', arn: ARN, value: TOKEN, tags: {} }]);
  // What the Lambda runtime gives the function; the SDK reads the service endpoint from the environment.
  Object.assign(process.env, { AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.url, AWS_REGION: 'eu-west-3', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  await ensureTable(createTableRef({ tableName, endpoint: inject('dynamoEndpoint') }));
});
afterAll(() => fake.close());

const env = () => ({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), ADMIN_TOKEN_SECRET_ARN: ARN });

describe('the admin token from Secrets Manager', () => {
  it('is not read at start nor by public reads, then read once for the first request with a token', async () => {
    const app = createApp(await depsFromEnv(env()));
    expect(fake.gets).toEqual([]);
    expect((await app.request('/v1/health')).status).toBe(200);
    expect((await app.request('/v1/places?limit=1')).status).toBe(200);
    expect(fake.gets).toEqual([]);
    const asAdmin = { headers: { authorization: `Bearer ${TOKEN}` } };
    expect((await app.request('/v1/tokens', asAdmin)).status).toBe(200);
    expect((await app.request('/v1/tokens', asAdmin)).status).toBe(200);
    expect(fake.gets).toEqual([ARN]);
    // A wrong token is still refused once the secret is known.
    expect((await app.request('/v1/tokens', { headers: { authorization: 'Bearer not-the-admin-token-000000000' } })).status).toBe(401);
  });

  it('answers 503 with Retry-After while the secret cannot be read, and recovers without a restart', async () => {
    const secret = fake.secrets[0]!;
    const value = secret.value;
    secret.value = undefined; // the fake answers ResourceNotFoundException
    const app = createApp(await depsFromEnv(env()));
    const refused = await app.request('/v1/tokens', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/momentanément impossible/);
    // Public reads do not depend on it.
    expect((await app.request('/v1/places?limit=1')).status).toBe(200);
    secret.value = value;
    expect((await app.request('/v1/tokens', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });
});
