import { listDueRelays } from '../../integrations/dynamodb/relay-outbox-repository.js';
import { relayEvent, type RelayDeps, type RelayResult } from './relay-event.js';
import { describeError, logger } from '../observability/logger.js';

/**
 * Relays every outbox item due now (the local poller, and the scheduled sweep in AWS that
 * picks up retries the stream cannot wait for). One failing event does not stop the others.
 */
export async function relayDueEvents(r: RelayDeps, opts: { limit?: number } = {}): Promise<{ results: Partial<Record<RelayResult | 'failed', number>> }> {
  const ids = await listDueRelays(r.deps.table, r.deps.now().toISOString(), opts.limit ?? 50);
  const results: Partial<Record<RelayResult | 'failed', number>> = {};
  for (const id of ids) {
    let result: RelayResult | 'failed';
    try {
      result = await relayEvent(r, id);
    } catch (err) {
      logger.error('relay failed', { eventId: id, ...describeError(err) });
      result = 'failed';
    }
    results[result] = (results[result] ?? 0) + 1;
  }
  return { results };
}
