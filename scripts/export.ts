/**
 * `npm run export -- --out FILE`: every item of the table to FILE, one JSON line per item
 * in DynamoDB JSON (types kept exactly; see integrations/dynamodb/table-copy.ts). The table
 * is chosen as scripts/table-copy/target.ts says.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { exportTable } from '../integrations/dynamodb/table-copy.js';
import { fail, openTarget } from './table-copy/target.js';

const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
if (!out) fail('Usage : npm run export -- --out FICHIER.jsonl   (table : DYNAMODB_ENDPOINT + TABLE_NAME, ou TABLE_NAME seul pour AWS)');

const target = await openTarget(process.env, { createIfMissing: false }).catch((err: Error) => fail(err.message));
const file = createWriteStream(out, { encoding: 'utf8' });
let problem: string | undefined;
try {
  const n = await exportTable(target.table, async (line) => {
    if (!file.write(line)) await once(file, 'drain');
  });
  file.end();
  await once(file, 'finish');
  console.log(`${n} éléments exportés de la ${target.where} vers ${out}.`);
} catch (err) {
  file.destroy();
  problem = (err as Error).name === 'ResourceNotFoundException' ? `La ${target.where} n’existe pas.` : `Export interrompu : ${(err as Error).message}`;
} finally {
  await target.close();
}
if (problem) fail(problem);
