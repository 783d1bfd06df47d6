/**
 * Starts one in-memory DynamoDB Local for the whole run (each test file makes its own table),
 * and captures every log line of the run to check it for leaks at the end (log-capture.ts).
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type LocalDynamo } from '../../scripts/dynamodb-local.js';
import { checkLogCapture, startLogCapture } from './log-capture.js';

let dynamo: LocalDynamo | undefined;
let captureFile: string | undefined;

export async function setup(project: TestProject) {
  captureFile = startLogCapture();
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT ?? (dynamo = await startDynamoDbLocal({ dataDir: 'memory' })).endpoint;
  project.provide('dynamoEndpoint', endpoint);
}

export async function teardown() {
  await dynamo?.stop();
  if (!captureFile) return;
  try {
    console.log(checkLogCapture(captureFile));
  } catch (err) {
    // vitest reports a teardown error ("error during close") but keeps exit code 0.
    process.exitCode = 1;
    throw err;
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
