/**
 * Faults injected into the real client, inside the SDK's retry loop (so the retries the
 * product configured are the ones exercised), before the request leaves: DynamoDB Local
 * never sees a failed attempt. `rule` decides per attempt; `sent` counts what went through.
 */
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import type { TableRef } from '../../integrations/dynamodb/client.js';

export const WRITE_COMMANDS = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

export interface FaultInjector {
  /** Attempts refused so far, per command name. */
  refused: Record<string, number>;
  /** Attempts let through, per command name. */
  sent: Record<string, number>;
  remove(): void;
}

export function throttle(): Error {
  return new ProvisionedThroughputExceededException({ message: 'injected: throughput exceeded', $metadata: { httpStatusCode: 400 } });
}

export function injectFaults(table: TableRef, rule: (command: string, attempt: number) => Error | undefined): FaultInjector {
  const name = `fault-injection-${Math.random().toString(36).slice(2)}`;
  const f: FaultInjector = { refused: {}, sent: {}, remove: () => table.doc.middlewareStack.remove(name) };
  let attempt = 0;
  table.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName);
      const err = rule(command, ++attempt);
      if (err) {
        f.refused[command] = (f.refused[command] ?? 0) + 1;
        throw err;
      }
      f.sent[command] = (f.sent[command] ?? 0) + 1;
      return next(args);
    },
    // finalizeRequest/low runs inside the retry middleware (finalizeRequest/high).
    { step: 'finalizeRequest', priority: 'low', name },
  );
  return f;
}
