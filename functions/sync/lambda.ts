/**
 * Scheduled sync (EventBridge Scheduler, every SYNC_INTERVAL_MINUTES): one round per
 * configured spreadsheet provider, Airtable webhooks refreshed on the way.
 * Environment: TABLE_NAME, INTEGRATION_SECRET_ARN
 * (JSON secret with AIRTABLE_TOKEN, AIRTABLE_WEBHOOK_SECRET, GOOGLE_SERVICE_ACCOUNT,
 * SHEETS_HOOK_SECRET), and the plain AIRTABLE_BASE_ID, GOOGLE_SHEETS_ID, *_URL variables.
 */
import middy from '@middy/core';
import { depsFromEnv } from '../deps-from-env.js';
import type { Deps } from '../domain/deps.js';
import { runScheduledSync } from './sync-service.js';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '../observability/logger.js';

let ready: Promise<Deps> | undefined;

export const handler = middy().use(injectLambdaContext(logger)).handler(async () => {
  ready ??= depsFromEnv(process.env, { withAdminToken: false });
  const results = await runScheduledSync(await ready);
  for (const [provider, r] of Object.entries(results)) {
    const line = { provider, ...('totals' in r ? { totals: r.totals, errors: r.tabs.flatMap((t) => t.errors) } : r) };
    if ('error' in r) logger.error('sync round', line);
    else logger.info('sync round', line);
  }
  const failed = Object.entries(results).filter(([, r]) => 'error' in r);
  // Failing the invocation makes the failure visible (alarms, retries); the next schedule catches up anyway.
  if (failed.length && failed.length === Object.keys(results).length) throw new Error(`Synchro en échec : ${failed.map(([p, r]) => `${p}: ${(r as { error: string }).error}`).join(' ; ')}`);
  return results;
});
