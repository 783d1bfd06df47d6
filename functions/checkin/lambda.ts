/**
 * Hourly (EventBridge Scheduler): reservations of days gone by are released, or charged as
 * no-shows when the network says `noShowPolicy: "charge"`; check-ins unrefused for 7 days are
 * confirmed. Every item is a conditioned transaction: a run that overlaps another, or is
 * retried, changes nothing twice. The same run purges what the retention settings no longer
 * keep (idempotency records, audit details: ../domain/privacy/retention.ts). Environment: TABLE_NAME.
 */
import middy from '@middy/core';
import { depsFromEnv } from '../deps-from-env.js';
import type { Deps } from '../domain/deps.js';
import { runCheckinJobs } from '../domain/checkin/checkin-jobs.js';
import { purgeExpiredData } from '../domain/privacy/retention.js';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '../observability/logger.js';

let ready: Promise<Deps> | undefined;

export const handler = middy().use(injectLambdaContext(logger)).handler(async () => {
  ready ??= depsFromEnv(process.env, { withAdminToken: false });
  const deps = await ready;
  const report = await runCheckinJobs(deps);
  logger.info('checkin jobs', { ...report });
  const purge = await purgeExpiredData(deps);
  logger.info('retention purge', { ...purge });
  return { ...report, purge };
});
