/** Starts one in-memory DynamoDB Local for the whole run; each test file makes its own table. */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type LocalDynamo } from '../../scripts/dynamodb-local.js';

let dynamo: LocalDynamo | undefined;

export async function setup(project: TestProject) {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT ?? (dynamo = await startDynamoDbLocal({ dataDir: 'memory' })).endpoint;
  project.provide('dynamoEndpoint', endpoint);
}

export async function teardown() {
  await dynamo?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
