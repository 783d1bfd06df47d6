import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Read and write capacity units seen on a client's responses (the bench reads these). */
export interface CapacityMeter {
  read: number;
  write: number;
  reset(): void;
}

/**
 * Asks every request for `ReturnConsumedCapacity: TOTAL` and sums the answers.
 * Costs nothing in DynamoDB; used by `npm run bench`.
 */
const meters = new WeakMap<DynamoDBDocumentClient, CapacityMeter>();

export function meterCapacity(doc: DynamoDBDocumentClient): CapacityMeter {
  const existing = meters.get(doc);
  if (existing) {
    existing.reset();
    return existing;
  }
  const meter: CapacityMeter = {
    read: 0,
    write: 0,
    reset() {
      this.read = 0;
      this.write = 0;
    },
  };
  doc.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const out = result.output as { ConsumedCapacity?: Cap | Cap[] };
      const caps = Array.isArray(out.ConsumedCapacity) ? out.ConsumedCapacity : out.ConsumedCapacity ? [out.ConsumedCapacity] : [];
      for (const c of caps) {
        meter.read += c.ReadCapacityUnits ?? 0;
        meter.write += c.WriteCapacityUnits ?? 0;
        if (c.ReadCapacityUnits === undefined && c.WriteCapacityUnits === undefined) {
          // DynamoDB Local reports only CapacityUnits; a Get/Query is a read.
          meter.read += c.CapacityUnits ?? 0;
        }
      }
      return result;
    },
    { step: 'initialize', name: 'capacityMeter' },
  );
  meters.set(doc, meter);
  return meter;
}

interface Cap {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}
