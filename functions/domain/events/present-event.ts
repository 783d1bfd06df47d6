import type { Actor } from '../actor.js';
import { canManagePlace } from '../access.js';
import type { Event, FacebookRelay, StoredEvent } from '../../../schemas/event.js';
import type { PlaceSummary } from '../../../schemas/place.js';
import type { RelayItem } from '../../../integrations/dynamodb/relay-outbox-repository.js';

/**
 * Merges the event item with its relay item into the API shape. The last relay error is shown
 * to those who can act on it (the administrator, the place's manager, integrations), not to
 * the public.
 */
export function presentEvent(stored: StoredEvent, relay: RelayItem | undefined, place: PlaceSummary | undefined, actor: Actor): Event {
  const facebook: FacebookRelay = { enabled: stored.relay.facebook.enabled };
  if (relay && relay.status !== 'idle') facebook.status = relay.status;
  if (relay?.postId) facebook.postId = relay.postId;
  if (relay?.postedAt && relay.postId) facebook.postedAt = relay.postedAt;
  if (relay?.status === 'pending' && relay.nextAttemptAt) facebook.nextAttemptAt = relay.nextAttemptAt;
  if (relay?.lastError && actor.role !== 'public' && canManagePlace(actor, stored.placeId)) facebook.lastError = relay.lastError;
  return { ...stored, relay: { facebook }, ...(place ? { place } : {}) };
}
