/**
 * Lambda entries of the Facebook relay. `handler`: the DynamoDB stream of the table
 * (report batch item failures on; filter on `sk = relay#facebook` to skip other records).
 * `sweepHandler`: an EventBridge schedule (every 5 minutes) for retries after backoff.
 */
import { depsFromEnv } from '../deps-from-env.js';
import { createGraphClient } from '../../integrations/facebook/graph-client.js';
import { loadRelayConfig } from './relay-config.js';
import { createStreamHandler, createSweepHandler } from './stream-handler.js';
import type { RelayDeps } from './relay-event.js';

let ready: Promise<RelayDeps> | undefined;
function relayDeps(): Promise<RelayDeps> {
  ready ??= (async () => {
    const [deps, cfg] = await Promise.all([depsFromEnv(process.env, { withAdminToken: false }), loadRelayConfig()]);
    return { deps, graph: createGraphClient({ baseUrl: cfg.graphUrl, pageId: cfg.pageId, pageToken: cfg.pageToken }), baseUrl: cfg.publicBaseUrl };
  })();
  return ready;
}

export const handler = createStreamHandler(relayDeps);
export const sweepHandler = createSweepHandler(relayDeps);
