/**
 * Scheduled decisions job (EventBridge Scheduler, every few minutes): opens the proposals
 * whose `opensAt` has come and closes those whose `closesAt` has passed. A read after
 * `closesAt` closes a proposal too, so a late or failed run never delays a result.
 * Environment: TABLE_NAME.
 */
import middy from '@middy/core';
import { depsFromEnv } from '../deps-from-env.js';
import type { Deps } from '../domain/deps.js';
import { settleDueProposals } from '../domain/decisions/close-proposal.js';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '../observability/logger.js';

let ready: Promise<Deps> | undefined;

export const handler = middy().use(injectLambdaContext(logger)).handler(async () => {
  ready ??= depsFromEnv(process.env, { withAdminToken: false });
  const done = await settleDueProposals(await ready);
  logger.info('decisions schedule', { ...done });
  return done;
});
