/**
 * `npm run backfill-contribution-index`: gives contributions written before the volunteer
 * index existed their entry in it (functions/domain/privacy/contribution-index-backfill.ts).
 * Idempotent; run once after deploying. The table is chosen as scripts/table-copy/target.ts says.
 */
import { backfillContributionIndex } from '../functions/domain/privacy/contribution-index-backfill.js';
import { fail, openTarget } from './table-copy/target.js';

const target = await openTarget(process.env, { createIfMissing: false }).catch((err: Error) => fail(err.message));
try {
  const r = await backfillContributionIndex(target.table);
  console.log(`${r.seen} contributions lues dans la ${target.where} : ${r.indexed} indexées, ${r.skippedChanged} modifiées entre-temps (déjà indexées par leur écriture).`);
} finally {
  await target.close();
}
