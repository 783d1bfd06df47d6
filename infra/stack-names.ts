/**
 * Names shared by the CDK app and the tools that find its resources (`npm run setup`):
 * the stacks, and the construct ids of the secrets (their CloudFormation logical ids start
 * with these; CloudFormation tags each secret with its stack name and logical id).
 */
export const STATEFUL_STACK_NAME = 'TiersLieuxStateful';
export const STATELESS_STACK_NAME = 'TiersLieuxStateless';

export const SECRET_IDS = {
  adminToken: 'AdminToken',
  integrations: 'Integrations',
  facebookPageToken: 'FacebookPageToken',
} as const;
