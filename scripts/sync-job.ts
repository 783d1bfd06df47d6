/**
 * `npm start`: the spreadsheet sync in-process, every SYNC_INTERVAL_MINUTES (default 10),
 * when Airtable or Google Sheets credentials are set. Same code as the scheduled Lambda;
 * the lease keeps a timer round, a hook round and a manual round from overlapping.
 */
import { localJobs } from './local-jobs.js';
import { configureSync, configuredProviders, runScheduledSync } from '../functions/sync/sync-service.js';
import { parseSyncEnv } from '../functions/sync/sync-config.js';
import { formatTabLine } from '../functions/domain/sync/summary.js';

localJobs.push({
  name: 'synchro tableur',
  start(deps, env) {
    let cfg;
    try {
      cfg = parseSyncEnv(env);
    } catch (err) {
      return { off: (err as Error).message };
    }
    configureSync(deps, env);
    const hasAirtable = !!(cfg.AIRTABLE_TOKEN && cfg.AIRTABLE_BASE_ID);
    const hasSheets = !!(cfg.GOOGLE_SHEETS_ID && cfg.GOOGLE_SERVICE_ACCOUNT);
    if (!hasAirtable && !hasSheets) return { off: 'ni AIRTABLE_TOKEN/AIRTABLE_BASE_ID, ni GOOGLE_SHEETS_ID/GOOGLE_SERVICE_ACCOUNT' };
    let running: Promise<unknown> | undefined;
    const tick = () => {
      if (running) return;
      running = runScheduledSync(deps)
        .then((results) => {
          for (const [provider, r] of Object.entries(results)) {
            if ('tabs' in r) for (const t of r.tabs) if (t.created + t.updated + t.archived + t.refused + t.written + t.appended + t.errors.length > 0) console.log(`Synchro ${provider} · ${formatTabLine(t)}`);
            if ('error' in r) console.error(`Synchro ${provider} : ${r.error}`);
          }
        })
        .catch((err) => console.error(`Synchro : ${(err as Error).message}`))
        .finally(() => (running = undefined));
    };
    const timer = setInterval(tick, cfg.SYNC_INTERVAL_MINUTES * 60_000);
    void configuredProviders(deps).then((p) => console.log(`Synchro tableur toutes les ${cfg.SYNC_INTERVAL_MINUTES} min : ${p.join(', ')}`));
    tick();
    return {
      stop: async () => {
        clearInterval(timer);
        await running;
      },
    };
  },
});
