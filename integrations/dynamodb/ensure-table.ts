import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTimeToLiveCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { TableRef } from './client.js';
import { TABLE_DEFINITION, toCreateTableInput } from './table-definition.js';

/** Creates the table from the shared definition when it does not exist (local runtime and tests). */
export async function ensureTable(t: TableRef): Promise<'created' | 'existing'> {
  try {
    await t.doc.send(new DescribeTableCommand({ TableName: t.tableName }));
    return 'existing';
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException) && (err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
  }
  await t.doc.send(new CreateTableCommand(toCreateTableInput(t.tableName)));
  await waitUntilTableExists({ client: t.doc, maxWaitTime: 30, minDelay: 0.2, maxDelay: 1 }, { TableName: t.tableName });
  await t.doc.send(
    new UpdateTimeToLiveCommand({ TableName: t.tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: TABLE_DEFINITION.timeToLiveAttribute } }),
  );
  return 'created';
}
