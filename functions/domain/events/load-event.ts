import type { Deps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { getEventWithRelays } from '../../../integrations/dynamodb/events-repository.js';
import { parseRelayItem, type RelayItem } from '../../../integrations/dynamodb/relay-outbox-repository.js';
import { StoredEventSchema, type StoredEvent } from '../../../schemas/event.js';

/** The stored event and its Facebook relay item, read together (strongly consistent); 404 when absent. */
export async function loadEvent(deps: Deps, id: string): Promise<{ event: StoredEvent; relay?: RelayItem }> {
  const { event, relays } = await getEventWithRelays(deps.table, id);
  if (!event) throw new NotFoundError('Événement', id);
  return { event: StoredEventSchema.parse(event), relay: relays.facebook ? parseRelayItem(relays.facebook) : undefined };
}
