/**
 * Environment of the Lambda functions, read once at cold start and validated:
 * a missing variable fails the init with a clear message instead of a later 500.
 */
import * as z from 'zod';

const LambdaEnvShape = {
  TABLE_NAME: z.string().min(1),
  ADMIN_TOKEN_SECRET_ARN: z.string().min(1).optional(),
  ADMIN_TOKEN: z.string().min(16).optional(),
  PUBLIC_BASE_URL: z.url().optional(),
  DYNAMODB_ENDPOINT: z.url().optional(),
};
export type LambdaEnv = { [K in keyof typeof LambdaEnvShape]: z.output<(typeof LambdaEnvShape)[K]> };

/**
 * Field by field, with the same schemas and messages as one object schema would give: the
 * first parse of an object schema compiles its parser (zod's JIT), a cost every cold start
 * paid before its first answer (`npm run bench -- api`); a string's check compiles nothing.
 */
export function readLambdaEnv(env: NodeJS.ProcessEnv = process.env): LambdaEnv {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, schema] of Object.entries(LambdaEnvShape)) {
    const parsed = schema.safeParse(env[key]);
    if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${[key, ...i.path].join('.')}: ${i.message}`));
    else if (parsed.data !== undefined) out[key] = parsed.data;
  }
  if (problems.length) throw new Error('Invalid environment: ' + problems.join('; '));
  return out as LambdaEnv;
}

/** Reads a secret string from Secrets Manager (loaded only in AWS, keeping local start light). */
export async function readSecret(arn: string): Promise<string> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  if (!out.SecretString) throw new Error(`Secret ${arn} has no string value`);
  return out.SecretString;
}
