/** GET /v1/people/{personId}/export: everything the network holds about a person, as JSON (RGPD, droit d’accès). */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { requireAuthenticated } from '../access.js';
import { authorize, can } from '../permissions.js';
import { NotFoundError } from '../errors.js';
import { personFor } from '../directory/people-visibility.js';
import { loadPerson } from '../mobility/directory-refs.js';
import { auditLines, collectPersonData } from './person-data.js';
import type { PersonExport } from '../../../schemas/privacy.js';

/**
 * Primary course:
 * 1. an anonymous caller is refused (401); a caller who may not even see the person gets
 *    the unknown-id 404 (nothing tells a private person from an unknown id);
 * 2. only the admin and the home place's manager may export (403);
 * 3. collect the record, visits, passes, journal entries, contributions and audit lines.
 */
export async function exportPerson(deps: Deps, actor: Actor, personId: string): Promise<PersonExport> {
  requireAuthenticated(actor);
  const person = await loadPerson(deps, personId);
  if (!can(actor, 'person.data.export', person.homePlaceId) && !personFor(actor, person)) throw new NotFoundError('Personne', personId);
  authorize(actor, 'person.data.export', person.homePlaceId);
  const data = await collectPersonData(deps, personId);
  return {
    exportedAt: deps.now().toISOString(),
    person: data.person,
    visits: data.visits,
    passes: data.passes,
    postings: data.entries,
    contributions: data.contributions,
    audit: auditLines(data),
  };
}
