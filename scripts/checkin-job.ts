/**
 * `npm start`: the reservation and check-in job in-process (same code as the hourly Lambda),
 * every CHECKIN_JOB_INTERVAL_MINUTES (default 15): reservations of days gone by released (or
 * charged), check-ins confirmed after 7 days. Always on: it needs no credentials.
 */
import { localJobs } from './local-jobs.js';
import { runCheckinJobs } from '../functions/domain/checkin/checkin-jobs.js';
import { purgeExpiredData } from '../functions/domain/privacy/retention.js';

localJobs.push({
  name: 'réservations et passages',
  start(deps, env) {
    const minutes = Number(env.CHECKIN_JOB_INTERVAL_MINUTES ?? '15');
    if (!Number.isFinite(minutes) || minutes <= 0) return { off: `CHECKIN_JOB_INTERVAL_MINUTES invalide (${env.CHECKIN_JOB_INTERVAL_MINUTES})` };
    let running: Promise<unknown> | undefined;
    const tick = () => {
      if (running) return;
      running = runCheckinJobs(deps)
        .then(async (r) => {
          if (r.released + r.charged + r.confirmed > 0) console.log(`Réservations libérées : ${r.released}, non honorées facturées : ${r.charged}, passages confirmés : ${r.confirmed}`);
          // The retention purge rides on the same timer (as in AWS, on the hourly job).
          const p = await purgeExpiredData(deps);
          if (p.idempotencyDeleted + p.auditLinesTrimmed > 0) console.log(`Conservation : ${p.idempotencyDeleted} réponse(s) Idempotency-Key supprimée(s), ${p.auditLinesTrimmed} ligne(s) du journal allégée(s)`);
        })
        .catch((err) => console.error(`Réservations et passages : ${(err as Error).message}`))
        .finally(() => (running = undefined));
    };
    const timer = setInterval(tick, minutes * 60_000);
    tick();
    return {
      stop: async () => {
        clearInterval(timer);
        await running;
      },
    };
  },
});
