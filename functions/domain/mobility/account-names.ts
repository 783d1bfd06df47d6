/**
 * Names next to account ids, as a given caller may see them: places by name, the network
 * head, people by display name only when the caller may see that person
 * (directory/people-visibility.ts); a hidden person is « une personne de <lieu d’attache> ».
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { personFor } from '../directory/people-visibility.js';
import { NETWORK_NAME, type NameOf } from './settlement-present.js';
import { deName } from './place-grammar.js';

export interface AccountNames {
  /** `network`, `place:<id>`, `person:<id>` → a name (hidden people get the generic one). */
  nameOf: NameOf;
  placeName(placeId: string): string;
  /** The display name when this caller may see the person, else undefined. */
  visiblePersonName(personId: string): string | undefined;
  /** What a sentence calls the person: the display name, or « une personne de <lieu> ». */
  personLabel(personId: string, homePlaceId?: string): string;
}

export async function accountNamesFor(deps: Deps, actor: Actor): Promise<AccountNames> {
  const directory = await loadDirectorySnapshot(deps);
  const people = new Map(directory.people.map((p) => [p.id, p]));
  const placeName = (id: string) => directory.placesById.get(id)?.name ?? id;
  const visiblePersonName = (id: string) => {
    const p = people.get(id);
    return p && personFor(actor, p) ? p.displayName : undefined;
  };
  const personLabel = (id: string, homePlaceId?: string) => {
    const home = homePlaceId ?? people.get(id)?.homePlaceId;
    return visiblePersonName(id) ?? (home ? `une personne ${deName(placeName(home))}` : 'une personne du réseau');
  };
  const nameOf: NameOf = (acc) => (acc === 'network' ? NETWORK_NAME : acc.startsWith('place:') ? placeName(acc.slice(6)) : acc.startsWith('person:') ? personLabel(acc.slice(7)) : acc);
  return { nameOf, placeName, visiblePersonName, personLabel };
}
