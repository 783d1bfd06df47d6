import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addUnavailableMiddleware, DEFAULT_RETRY_POLICY, tableRetryStrategy, type RetryPolicy } from './retry-policy.js';

export interface TableRef {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * A document client; `endpoint` points at DynamoDB Local when set. Throttling and
 * transient errors are retried with backoff, then answered 503 (see retry-policy.ts).
 */
export function createTableRef(opts: { tableName: string; endpoint?: string; region?: string; retry?: RetryPolicy }): TableRef {
  const policy = opts.retry ?? DEFAULT_RETRY_POLICY;
  const client = new DynamoDBClient({
    region: opts.region ?? process.env.AWS_REGION ?? 'eu-west-3',
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: policy.maxAttempts,
    retryStrategy: tableRetryStrategy(policy),
  });
  addUnavailableMiddleware(client, policy);
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName: opts.tableName };
}
