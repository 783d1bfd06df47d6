import type { Actor } from '../actor.js';
import { canSeeContacts, canSeePrivatePerson } from '../access.js';
import type { Person } from '../../../schemas/person.js';

/** The person as this actor may see it, or undefined when hidden. */
export function personFor(actor: Actor, p: Person): Person | undefined {
  if (!p.publicProfile && !canSeePrivatePerson(actor, p.homePlaceId)) return undefined;
  if (canSeeContacts(actor, p.homePlaceId)) return p;
  const { email, phone, ...rest } = p;
  void email, phone;
  return rest;
}
