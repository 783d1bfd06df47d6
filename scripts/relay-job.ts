/**
 * `npm start`: the Facebook relay in-process, polling the outbox every RELAY_INTERVAL_SECONDS
 * (default 15) when FACEBOOK_PAGE_ID and FACEBOOK_PAGE_TOKEN are set. Same use case as the
 * Lambda stream handler; the lease on each outbox item keeps the two from overlapping.
 */
import { localJobs } from './local-jobs.js';
import { readRelayEnv } from '../functions/relay/relay-config.js';
import { createGraphClient } from '../integrations/facebook/graph-client.js';
import { relayDueEvents } from '../functions/relay/relay-due.js';

localJobs.push({
  name: 'relais Facebook',
  start(deps, env) {
    if (!env.FACEBOOK_PAGE_ID || !env.FACEBOOK_PAGE_TOKEN) return { off: 'FACEBOOK_PAGE_ID et FACEBOOK_PAGE_TOKEN non définis' };
    const cfg = readRelayEnv({ ...env, PUBLIC_BASE_URL: env.PUBLIC_BASE_URL ?? deps.publicBaseUrl });
    const r = {
      deps,
      graph: createGraphClient({ baseUrl: cfg.FACEBOOK_GRAPH_URL, pageId: cfg.FACEBOOK_PAGE_ID, pageToken: cfg.FACEBOOK_PAGE_TOKEN! }),
      baseUrl: cfg.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    };
    const everyMs = Math.max(2, Number(env.RELAY_INTERVAL_SECONDS ?? 15)) * 1000;
    let running: Promise<unknown> | undefined;
    const tick = () => {
      if (running) return;
      running = relayDueEvents(r)
        .then(({ results }) => {
          if (Object.keys(results).length) console.log(`Relais Facebook : ${JSON.stringify(results)}`);
        })
        .catch((err) => console.error(`Relais Facebook : ${(err as Error).message}`))
        .finally(() => (running = undefined));
    };
    const timer = setInterval(tick, everyMs);
    tick();
    return {
      stop: async () => {
        clearInterval(timer);
        await running;
      },
    };
  },
});
