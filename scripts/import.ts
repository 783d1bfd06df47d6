/**
 * `npm run import -- FILE`: restores an export (`npm run export`) into an EMPTY table, item
 * for item; a table that holds anything is refused before a single write. Locally the
 * table is created when missing; in AWS it must exist (the stateful stack creates it).
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { importItems, isTableEmpty, parseExportLine, TableNotEmptyError } from '../integrations/dynamodb/table-copy.js';
import { fail, openTarget } from './table-copy/target.js';

const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!file) fail('Usage : npm run import -- FICHIER.jsonl   (table : DYNAMODB_ENDPOINT + TABLE_NAME, ou TABLE_NAME seul pour AWS)');
if (!existsSync(file)) fail(`Fichier introuvable : ${file}`);

async function* lines(): AsyncGenerator<ReturnType<typeof parseExportLine>> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file!, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    n++;
    if (line.trim()) yield parseExportLine(line, n);
  }
}

const target = await openTarget(process.env, { createIfMissing: true }).catch((err: Error) => fail(err.message));
let problem: string | undefined;
try {
  if (!(await isTableEmpty(target.table))) throw new TableNotEmptyError(target.table.tableName);
  // The whole file is checked before the first write, so a bad line never leaves half an import.
  for await (const _ of lines()) void _;
  const n = await importItems(target.table, lines());
  console.log(`${n} éléments importés dans la ${target.where}.`);
} catch (err) {
  const e = err as Error;
  problem = e instanceof TableNotEmptyError ? e.message : e.name === 'ResourceNotFoundException' ? `La ${target.where} n’existe pas (créez-la avec le déploiement, ou utilisez DYNAMODB_ENDPOINT en local).` : `Import refusé : ${e.message}`;
} finally {
  await target.close();
}
if (problem) fail(problem);
