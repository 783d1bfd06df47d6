/**
 * Hourly (EventBridge Scheduler): reservations of days gone by are released, or charged as
 * no-shows when the network says `noShowPolicy: "charge"`; check-ins unrefused for 7 days are
 * confirmed. Every item is a conditioned transaction: a run that overlaps another, or is
 * retried, changes nothing twice. Environment: TABLE_NAME.
 */
import middy from '@middy/core';
import { depsFromEnv } from '../deps-from-env.js';
import type { Deps } from '../domain/deps.js';
import { runCheckinJobs } from '../domain/checkin/checkin-jobs.js';

let ready: Promise<Deps> | undefined;

export const handler = middy().handler(async () => {
  ready ??= depsFromEnv(process.env, { withAdminToken: false });
  const report = await runCheckinJobs(await ready);
  console.log(JSON.stringify({ level: 'info', msg: 'checkin jobs', ...report }));
  return report;
});
