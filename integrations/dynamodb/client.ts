import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface TableRef {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/** A document client; `endpoint` points at DynamoDB Local when set. */
export function createTableRef(opts: { tableName: string; endpoint?: string; region?: string }): TableRef {
  const client = new DynamoDBClient({
    region: opts.region ?? process.env.AWS_REGION ?? 'eu-west-3',
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 5,
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName: opts.tableName };
}
