/**
 * Monthly freshness digest (EventBridge Scheduler, the 1st of each month): links for every
 * place with stale records, e-mailed through SES when SES_FROM is set.
 * Environment: TABLE_NAME, PUBLIC_BASE_URL, SES_FROM (optional), FRESHNESS_OLDER_THAN_DAYS (default 180).
 */
import middy from '@middy/core';
import { depsFromEnv } from '../deps-from-env.js';
import type { Deps } from '../domain/deps.js';
import { runFreshnessDigest } from '../domain/directory/freshness-digest.js';
import { emailSenderFromEnv } from '../../integrations/ses/email-sender.js';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '../observability/logger.js';

let ready: Promise<Deps> | undefined;

export const handler = middy().use(injectLambdaContext(logger)).handler(async () => {
  ready ??= depsFromEnv(process.env, { withAdminToken: false });
  const olderThanDays = Number(process.env.FRESHNESS_OLDER_THAN_DAYS ?? '180');
  const result = await runFreshnessDigest(await ready, { sender: emailSenderFromEnv(process.env), olderThanDays: Number.isInteger(olderThanDays) && olderThanDays >= 0 ? olderThanDays : 180 });
  if (result.failed.length) logger.error('freshness digest', { ...result });
  else logger.info('freshness digest', { ...result });
  // Failed sends make the invocation fail so they are visible (and retried by the scheduler).
  if (result.failed.length) throw new Error(`Fraîcheur : ${result.failed.length} envoi(s) en échec`);
  return result;
});
