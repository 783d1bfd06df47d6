/**
 * The relay's Lambda handlers, built from their dependencies so tests can drive them:
 * - the DynamoDB stream handler relays each outbox item written (INSERT/MODIFY of
 *   `pk=event#…, sk=relay#facebook` with status `pending`), and reports the records that
 *   failed as partial batch failures, so only those are retried by the event source mapping;
 * - the scheduled sweep relays the items whose retry time has come (throttling backoff).
 */
import middy from '@middy/core';
import * as z from 'zod';
import { relayEvent, type RelayDeps } from './relay-event.js';
import { relayDueEvents } from './relay-due.js';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { describeError, logger } from '../observability/logger.js';

const StreamRecordSchema = z.object({
  eventID: z.string().optional(),
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
  dynamodb: z.object({
    SequenceNumber: z.string(),
    Keys: z.object({ pk: z.object({ S: z.string() }), sk: z.object({ S: z.string() }) }),
    NewImage: z.record(z.string(), z.unknown()).optional(),
  }),
});
const StreamEventSchema = z.object({ Records: z.array(z.unknown()) });

export interface StreamBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** The event id of a pending Facebook outbox record, or undefined for any other record. */
export function outboxEventId(record: z.infer<typeof StreamRecordSchema>): string | undefined {
  if (record.eventName === 'REMOVE') return undefined;
  const { pk, sk } = record.dynamodb.Keys;
  if (!pk.S.startsWith('event#') || sk.S !== 'relay#facebook') return undefined;
  const status = (record.dynamodb.NewImage?.status as { S?: string } | undefined)?.S;
  return status === 'pending' ? pk.S.slice('event#'.length) : undefined;
}

export function createStreamHandler(getRelayDeps: () => Promise<RelayDeps>) {
  return middy().use(injectLambdaContext(logger)).handler(async (event: unknown): Promise<StreamBatchResponse> => {
    const r = await getRelayDeps();
    const failures: StreamBatchResponse['batchItemFailures'] = [];
    for (const raw of StreamEventSchema.parse(event).Records) {
      const parsed = StreamRecordSchema.safeParse(raw);
      if (!parsed.success) {
        // Not an outbox record we understand: retrying would not help.
        logger.warn('unexpected stream record ignored', { issues: parsed.error.issues.length });
        continue;
      }
      const eventId = outboxEventId(parsed.data);
      if (!eventId) continue;
      try {
        await relayEvent(r, eventId);
      } catch (err) {
        logger.error('relay failed', { eventId, ...describeError(err) });
        failures.push({ itemIdentifier: parsed.data.dynamodb.SequenceNumber });
      }
    }
    return { batchItemFailures: failures };
  });
}

export function createSweepHandler(getRelayDeps: () => Promise<RelayDeps>) {
  return middy().use(injectLambdaContext(logger)).handler(async () => relayDueEvents(await getRelayDeps(), { limit: 100 }));
}
