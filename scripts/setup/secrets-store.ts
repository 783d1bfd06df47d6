/**
 * The deployed secrets, read and written through Secrets Manager. Each one is found from
 * its ARN in the environment (the variable names the functions use) or, by default, among
 * the secrets CloudFormation tagged as created by the stateful stack. The endpoint is the
 * SDK's usual setting (AWS_ENDPOINT_URL_SECRETS_MANAGER), which the tests point at a fake.
 */
import { GetSecretValueCommand, ListSecretsCommand, PutSecretValueCommand, SecretsManagerClient, type SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { SECRET_IDS, STATEFUL_STACK_NAME } from '../../infra/stack-names.js';

export type SecretName = keyof typeof SECRET_IDS;

/** The environment variable that may name each secret directly (as the functions read it). */
export const SECRET_ARN_VARIABLES: Record<SecretName, string> = {
  adminToken: 'ADMIN_TOKEN_SECRET_ARN',
  integrations: 'INTEGRATION_SECRET_ARN',
  facebookPageToken: 'FACEBOOK_PAGE_TOKEN_SECRET_ARN',
};

export interface SecretsStore {
  /** ARN of each secret of the network, when found. */
  find(): Promise<Partial<Record<SecretName, string>>>;
  read(arn: string): Promise<string | undefined>;
  write(arn: string, value: string): Promise<void>;
  /** Where the store is, for the messages (region, endpoint). */
  describe(): string;
}

const tag = (s: SecretListEntry, key: string) => s.Tags?.find((t) => t.Key === key)?.Value;

/** CloudFormation logical ids are the construct id followed by an 8-digit hash (`Integrations` never matches `IntegrationsX…`). */
export function isLogicalIdOf(name: SecretName, logicalId: string): boolean {
  return new RegExp(`^${SECRET_IDS[name]}[0-9A-F]{8}$`).test(logicalId);
}

export function awsSecretsStore(env: NodeJS.ProcessEnv = process.env): SecretsStore {
  // The usual AWS settings, read from `env` (the process's by default) so a test can pass its own.
  const endpoint = env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? env.AWS_ENDPOINT_URL;
  const client = new SecretsManagerClient({
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    ...(endpoint ? { endpoint } : {}),
    ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY ? { credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN } } : {}),
  });
  return {
    describe: () => `région ${env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'du profil AWS'}${endpoint ? `, ${endpoint}` : ''}`,
    async find() {
      const found: Partial<Record<SecretName, string>> = {};
      for (const [name, variable] of Object.entries(SECRET_ARN_VARIABLES) as [SecretName, string][]) if (env[variable]) found[name] = env[variable];
      if (Object.keys(found).length === Object.keys(SECRET_IDS).length) return found;
      let NextToken: string | undefined;
      for (let page = 0; page < 50; page++) {
        const out = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'tag-value', Values: [STATEFUL_STACK_NAME] }], MaxResults: 100, NextToken }));
        for (const s of out.SecretList ?? []) {
          if (tag(s, 'aws:cloudformation:stack-name') !== STATEFUL_STACK_NAME || !s.ARN) continue;
          const logicalId = tag(s, 'aws:cloudformation:logical-id') ?? '';
          for (const name of Object.keys(SECRET_IDS) as SecretName[]) if (!found[name] && isLogicalIdOf(name, logicalId)) found[name] = s.ARN;
        }
        NextToken = out.NextToken;
        if (!NextToken) break;
      }
      return found;
    },
    async read(arn) {
      const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
      return out.SecretString;
    },
    async write(arn, value) {
      await client.send(new PutSecretValueCommand({ SecretId: arn, SecretString: value }));
    },
  };
}
