/** Places and people the mobility use cases refer to, read strongly consistent (404 when unknown). */
import type { Deps } from '../deps.js';
import { getDirectoryRecordById } from '../../../integrations/dynamodb/directory-repository.js';
import { NotFoundError, UnprocessableError } from '../errors.js';
import { PlaceSchema, type Place } from '../../../schemas/place.js';
import { PersonSchema, type Person } from '../../../schemas/person.js';

export async function loadPlace(deps: Deps, placeId: string): Promise<Place> {
  const raw = await getDirectoryRecordById(deps.table, 'place', placeId);
  if (!raw) throw new NotFoundError('Lieu', placeId);
  return PlaceSchema.parse(raw);
}

export async function loadPerson(deps: Deps, personId: string): Promise<Person> {
  const raw = await getDirectoryRecordById(deps.table, 'person', personId);
  if (!raw) throw new NotFoundError('Personne', personId);
  return PersonSchema.parse(raw);
}

/**
 * An archived (or erased) person receives no visit and no pass (422). Called after the actor's
 * authorization, so that a caller refused anyway learns nothing about the record.
 */
export function refuseArchivedPerson(person: Person, what: 'visit' | 'pass'): void {
  if (person.archivedAt || person.erasedAt) {
    const refused = what === 'visit' ? 'ne peut plus être enregistrée en visite' : 'ne peut plus recevoir de pass mobilité';
    if (person.erasedAt) throw new UnprocessableError(`Les données de cette personne ont été effacées à sa demande : elle ${refused}.`, [{ path: 'personId', message: 'personne effacée' }]);
    throw new UnprocessableError(`La fiche de ${person.displayName} est archivée : cette personne ${refused}.`, [{ path: 'personId', message: 'personne archivée' }]);
  }
}

/** Checks every `place:<id>` / `person:<id>` account names a known record. */
export async function requireKnownAccounts(deps: Deps, accounts: Iterable<string>): Promise<void> {
  for (const account of new Set(accounts)) {
    if (account.startsWith('place:')) await loadPlace(deps, account.slice(6));
    else if (account.startsWith('person:')) await loadPerson(deps, account.slice(7));
  }
}
