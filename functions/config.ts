/**
 * Environment of the Lambda functions, read once at cold start and validated:
 * a missing variable fails the init with a clear message instead of a later 500.
 */
import * as z from 'zod';

const LambdaEnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  ADMIN_TOKEN_SECRET_ARN: z.string().min(1).optional(),
  ADMIN_TOKEN: z.string().min(16).optional(),
  PUBLIC_BASE_URL: z.url().optional(),
  DYNAMODB_ENDPOINT: z.url().optional(),
});
export type LambdaEnv = z.infer<typeof LambdaEnvSchema>;

export function readLambdaEnv(env: NodeJS.ProcessEnv = process.env): LambdaEnv {
  const parsed = LambdaEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error('Invalid environment: ' + parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

/** Reads a secret string from Secrets Manager (loaded only in AWS, keeping local start light). */
export async function readSecret(arn: string): Promise<string> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  if (!out.SecretString) throw new Error(`Secret ${arn} has no string value`);
  return out.SecretString;
}
