/**
 * `npm start`: opens and closes the proposals that are due, every DECISIONS_INTERVAL_SECONDS
 * (default 60) — the same use case as the scheduled Lambda. Always on: it needs no credentials.
 */
import { localJobs } from './local-jobs.js';
import { settleDueProposals } from '../functions/domain/decisions/close-proposal.js';

localJobs.push({
  name: 'décisions (ouvertures et clôtures)',
  start(deps, env) {
    const seconds = Number(env.DECISIONS_INTERVAL_SECONDS ?? 60);
    if (!Number.isFinite(seconds) || seconds <= 0) return { off: `DECISIONS_INTERVAL_SECONDS invalide : « ${env.DECISIONS_INTERVAL_SECONDS} »` };
    let running: Promise<unknown> | undefined;
    const tick = () => {
      if (running) return;
      running = settleDueProposals(deps)
        .then(({ opened, closed }) => {
          if (opened.length) console.log(`Décisions : ${opened.length} proposition(s) ouverte(s)`);
          if (closed.length) console.log(`Décisions : ${closed.length} vote(s) clos`);
        })
        .catch((err) => console.error(`Décisions : ${(err as Error).message}`))
        .finally(() => (running = undefined));
    };
    const timer = setInterval(tick, seconds * 1000);
    tick();
    return {
      stop: async () => {
        clearInterval(timer);
        await running;
      },
    };
  },
});
