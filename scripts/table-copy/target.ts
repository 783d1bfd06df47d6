/**
 * Which table `npm run export` / `npm run import` work on:
 * - `DYNAMODB_ENDPOINT` set: that DynamoDB (DynamoDB Local), table `TABLE_NAME` (default `tiers-lieux`);
 * - else `TABLE_NAME` set: that table in AWS (region `AWS_REGION`, the usual AWS credentials);
 * - else the DynamoDB Local data of `npm start` in `DATA_DIR` (default `.data`), started for the
 *   time of the copy (stop `npm start` first: one DynamoDB Local per data folder).
 * With a local endpoint, `createIfMissing` creates the table from the shared definition (import).
 */
import { createTableRef, type TableRef } from '../../integrations/dynamodb/client.js';
import { ensureTable } from '../../integrations/dynamodb/ensure-table.js';
import { startDynamoDbLocal, type LocalDynamo } from '../dynamodb-local.js';

export interface Target {
  table: TableRef;
  where: string;
  close(): Promise<void>;
}

export async function openTarget(env: NodeJS.ProcessEnv, opts: { createIfMissing: boolean }): Promise<Target> {
  const tableName = env.TABLE_NAME ?? 'tiers-lieux';
  let dynamo: LocalDynamo | undefined;
  let endpoint = env.DYNAMODB_ENDPOINT;
  if (!endpoint && !env.TABLE_NAME) {
    dynamo = await startDynamoDbLocal({ dataDir: env.DATA_DIR ?? '.data' });
    endpoint = dynamo.endpoint;
  }
  const table = createTableRef({ tableName, endpoint });
  if (endpoint && opts.createIfMissing) await ensureTable(table);
  const where = endpoint ? `table « ${tableName} » de ${dynamo ? `DynamoDB Local (${env.DATA_DIR ?? '.data'})` : endpoint}` : `table AWS « ${tableName} » (${env.AWS_REGION ?? 'eu-west-3'})`;
  return { table, where, close: async () => void (await dynamo?.stop()) };
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
