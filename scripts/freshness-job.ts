/**
 * `npm start`: the monthly freshness digest in-process. Checked at start and every six
 * hours; the digest's own « sent » markers make it e-mail each place once a month, and
 * without SES_FROM it only computes the links (they are in GET /v1/freshness/links).
 */
import { localJobs } from './local-jobs.js';
import { runFreshnessDigest } from '../functions/domain/directory/freshness-digest.js';
import { emailSenderFromEnv } from '../integrations/ses/email-sender.js';

const EVERY_MS = 6 * 3600_000;

localJobs.push({
  name: 'fraîcheur mensuelle',
  start(deps, env) {
    const sender = emailSenderFromEnv(env);
    let lastMonth = '';
    let running: Promise<unknown> | undefined;
    const tick = () => {
      const month = deps.now().toISOString().slice(0, 7);
      if (running || month === lastMonth) return;
      running = runFreshnessDigest(deps, { sender })
        .then((r) => {
          lastMonth = month;
          if (sender) console.log(`Fraîcheur : ${r.links} lien(s), ${r.emailed.length} e-mail(s) envoyé(s)${r.failed.length ? `, ${r.failed.length} en échec (nouvel essai plus tard)` : ''}`);
          if (r.failed.length) lastMonth = '';
        })
        .catch((err) => console.error(`Fraîcheur : ${(err as Error).message}`))
        .finally(() => (running = undefined));
    };
    const timer = setInterval(tick, EVERY_MS);
    // After the demo data is loaded and the server is up.
    const first = setTimeout(tick, 5_000);
    return {
      stop: async () => {
        clearInterval(timer);
        clearTimeout(first);
        await running;
      },
    };
  },
});
