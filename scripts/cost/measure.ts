/**
 * Measures, on DynamoDB Local, what each kind of request of the reference workload costs:
 * DynamoDB read and write units (ReturnConsumedCapacity=TOTAL set on every command by an SDK
 * middleware; transactional writes, which the emulator under-reports, counted from the items'
 * sizes with DynamoDB's rule of 2 units per KB per item) and the time the app takes.
 */
import type { TableRef } from '../../integrations/dynamodb/client.js';
import { transactionalWriteUnits } from './bill.js';

export interface Meter {
  read: number;
  write: number;
  /** Write units computed from item sizes because the emulator reported none. */
  writeFromSizes: number;
  reset(): void;
}

const bytes = (o: unknown) => Buffer.byteLength(JSON.stringify(o ?? {}), 'utf8');

export function attachMeter(table: TableRef): Meter {
  const m: Meter = { read: 0, write: 0, writeFromSizes: 0, reset: () => ((m.read = 0), (m.write = 0), (m.writeFromSizes = 0)) };
  table.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, any>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const cc = (out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const list = (Array.isArray(cc) ? cc : cc ? [cc] : []) as { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number }[];
      const name = String(context.commandName);
      const reported = list.reduce((s, c) => s + (c.WriteCapacityUnits ?? (/(Put|Update|Delete|Write)/.test(name) ? c.CapacityUnits ?? 0 : 0)), 0);
      m.read += list.reduce((s, c) => s + (c.ReadCapacityUnits ?? (/(Get|Query|Scan)/.test(name) ? c.CapacityUnits ?? 0 : 0)), 0);
      if (name.startsWith('TransactWrite')) {
        const computed = transactionalWriteUnits((input.TransactItems as Record<string, any>[]).map((i) => bytes(i.Put?.Item ?? i.Update?.Key ?? i.Delete?.Key ?? i.ConditionCheck?.Key)));
        // Whichever is larger: the emulator may report a transaction as if it were plain writes.
        if (computed > reported) m.writeFromSizes += computed - reported;
        m.write += Math.max(reported, computed);
      } else m.write += reported;
      return out;
    },
    { step: 'initialize', priority: 'low', name: 'costMeter' },
  );
  return m;
}

export interface Measured {
  label: string;
  runs: number;
  readUnits: number;
  writeUnits: number;
  writeUnitsFromSizes: number;
  ms: number;
}

/** Runs `op` `runs` times and returns the average units and duration per request. */
export async function measure(meter: Meter, label: string, runs: number, op: (i: number) => Promise<unknown>): Promise<Measured> {
  await op(-1); // warm-up (lazy route groups load on first use), not counted
  meter.reset();
  const started = performance.now();
  for (let i = 0; i < runs; i++) await op(i);
  const ms = (performance.now() - started) / runs;
  return { label, runs, readUnits: meter.read / runs, writeUnits: meter.write / runs, writeUnitsFromSizes: meter.writeFromSizes / runs, ms };
}
